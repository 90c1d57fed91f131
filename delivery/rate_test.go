package delivery

import (
	"testing"
	"time"
)

func TestSentMeterCountsTheLastMinute(t *testing.T) {
	var m sentMeter
	start := time.Unix(1_800_000_000, 0)
	for i := range 30 {
		m.add(start.Add(time.Duration(i)*time.Second), 2) // 60 messages over 30 s
	}
	if got := m.perSecond(start.Add(30 * time.Second)); got != 1 {
		t.Fatalf("60 sent in the last minute: %v/s, want 1", got)
	}
	if got := m.perSecond(start.Add(2 * time.Minute)); got != 0 {
		t.Fatalf("two minutes later: %v/s, want 0", got)
	}
}
