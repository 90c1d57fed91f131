package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/config"
	"github.com/loa-vn/loa/documents"
	"github.com/loa-vn/loa/notices"
)

// thongBao12 is a notice for information: addressed to two units, with no task.
const thongBao12 = `ỦY BAN NHÂN DÂN
THỊ XÃ CHƠN THÀNH
Số: 12/TB-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Chơn Thành, ngày 2 tháng 4 năm 2024
THÔNG BÁO
Lịch kiểm tra công tác quốc phòng địa phương quý II năm 2024
Thực hiện Kế hoạch công tác năm 2024, Ủy ban nhân dân thị xã kiểm tra công tác quốc phòng địa phương ngày 10/5/2024./.
Nơi nhận:
- Ban CHQS thị xã;
- Công an thị xã;
- Lưu: VT.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Trần Văn B
`

// A plan sent before documents were searched answers questions once the service has started
// again; a notice with no task answers with its name. A further start indexes nothing again.
func TestSentDocumentsBecomeSearchableAtStart(t *testing.T) {
	t.Parallel()
	onSQLite(t, func(t *testing.T, driver string) {
		ctx := context.Background()
		h := newHarness(t, driver, nil)
		cfg, err := config.Load(h.configPath(), h.getenv, true)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := os.ReadFile("../../documents/testdata/ke-hoach-45.txt")
		if err != nil {
			t.Fatal(err)
		}
		// Sent as before: nothing made it searchable.
		before := newDocuments(h.app.DB, notices.New(h.app.DB, notices.Options{}), cfg, slog.New(slog.DiscardHandler))
		before.Searchable = nil
		office := documents.Person{Name: "cli:test", Admin: true, Door: "cli"}
		brought, err := before.Bring(ctx, office, "ke-hoach-45.txt", plan, loa.Media{}, "vi")
		if err != nil || brought.Document == nil {
			t.Fatalf("bring: %v %+v", err, brought)
		}
		if _, err := before.Send(ctx, office, brought.Document.ID); err != nil {
			t.Fatal(err)
		}
		notice := filepath.Join(t.TempDir(), "thong-bao-12.txt")
		os.WriteFile(notice, []byte(thongBao12), 0o600)
		if out, code := h.cli("documents", "add", "--send", notice); code != 0 || !strings.Contains(out, "document 2 sent to 2 units") {
			t.Fatalf("exit %d: %s", code, out)
		}
		const question, task = "Công an thị xã phải làm gì theo kế hoạch 45", "[Công an thị xã] Xây dựng phương án bảo đảm an ninh trật tự"
		if out, _ := h.cli("ask", question); strings.Contains(out, task) {
			t.Fatalf("the plan answers before it was indexed:\n%s", out)
		}
		h.stop()

		sameDB := map[string]string{"LOA_DATABASE_DRIVER": h.env["LOA_DATABASE_DRIVER"], "LOA_DATABASE_URL": h.env["LOA_DATABASE_URL"]}
		again := newHarness(t, driver, sameDB)
		logs := again.logs.String()
		if !strings.Contains(logs, `"msg":"indexed sent documents for search","documents":1`) ||
			strings.Contains(logs, "indexed stored articles for search") {
			t.Errorf("second start, want the plan indexed and nothing else:\n%s", logs)
		}
		if out, code := again.cli("ask", question); code != 0 || !strings.Contains(out, "1. "+task) {
			t.Errorf("ask (exit %d) is not answered from the plan:\n%s", code, out)
		}
		if out, code := again.cli("ask", "lịch kiểm tra công tác quốc phòng quý II"); code != 0 || !strings.Contains(out, "1. [chung] Thông báo số 12/TB-UBND ngày 2/4/2024") {
			t.Errorf("ask (exit %d) is not answered from the notice:\n%s", code, out)
		}
		again.stop()

		third := newHarness(t, driver, sameDB)
		if logs := third.logs.String(); strings.Contains(logs, "indexed sent documents") || strings.Contains(logs, "indexed stored articles") {
			t.Errorf("third start indexed again:\n%s", logs)
		}
	})
}
