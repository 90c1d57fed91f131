package backoff

import (
	"testing"
	"time"
)

func TestDelayDoublesUpToTheCapWithinTheJitter(t *testing.T) {
	exact := Policy{Base: time.Minute, Max: 6 * time.Hour}
	for attempt, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 5: 16 * time.Minute, 9: 256 * time.Minute, 10: 6 * time.Hour, 1000: 6 * time.Hour} {
		if got := exact.Delay(attempt); got != want {
			t.Errorf("attempt %d: %s, want %s", attempt, got, want)
		}
	}
	jittered := Policy{Base: time.Second, Max: 30 * time.Second, Jitter: 0.2}
	for attempt := 1; attempt < 50; attempt++ {
		base := exact.Delay(attempt) / 60 // the same schedule in seconds
		base = min(base, 30*time.Second)
		if got := jittered.Delay(attempt); got < base*8/10 || got > base*12/10 {
			t.Fatalf("attempt %d: %s outside ±20%% of %s", attempt, got, base)
		}
	}
}
