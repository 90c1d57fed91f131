package bot

import (
	"strings"
	"testing"
)

func TestShortenCutsAtAClause(t *testing.T) {
	long := strings.Repeat("Tổ chức huấn luyện dân quân tự vệ đúng kế hoạch, ", 10) + "bảo đảm an toàn."
	got := shorten(long, 120)
	if len([]rune(got)) > 122 || !strings.HasSuffix(got, ", …") {
		t.Fatalf("shorten = %q", got)
	}
	if shorten("Ngắn gọn.", 120) != "Ngắn gọn." {
		t.Fatal("a short item was cut")
	}
	if got := shorten(strings.Repeat("a", 200), 120); got != strings.Repeat("a", 120)+" …" {
		t.Fatalf("one long word: %q", got)
	}
}
