package sheets_test

import (
	"io"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/sheets"
)

// report is a notice's report of n people as the notices room fills it: name, unit, role,
// status and two times per person, then a small table of units.
func report(n int, peak *uint64) []loa.Table {
	people := loa.Table{Title: "Người nhận", Headings: []string{"Họ và tên", "Đơn vị", "Chức vụ", "Trạng thái", "Đã gửi lúc", "Đã xác nhận lúc"},
		Rows: func(emit func([]string) error) error {
			row := make([]string, 6)
			for i := range n {
				row[0] = "Nguyễn Văn Thành " + strconv.Itoa(i)
				row[1] = "Ban Chỉ huy Quân sự xã " + strconv.Itoa(i%400)
				row[2], row[3], row[4], row[5] = "Dân quân", "Đã gửi", "7h30 15/12/2026", "8h05 15/12/2026"
				if i%1000 == 0 {
					sample(peak)
				}
				if err := emit(row); err != nil {
					return err
				}
			}
			return nil
		}}
	units := loa.Table{Title: "Đơn vị", Headings: []string{"Đơn vị", "Số người nhận"}, Numbers: []int{1},
		Rows: loa.RowsOf([][]string{{"Ban Chỉ huy Quân sự xã 1", strconv.Itoa(n)}})}
	return []loa.Table{people, units}
}

// sample keeps the largest live heap seen: what a writer holds at once, unlike -benchmem's
// B/op, which counts every allocation over the run.
func sample(peak *uint64) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	*peak = max(*peak, m.HeapAlloc)
}

// sampled samples the heap as the file leaves, every 64 writes.
type sampled struct {
	peak   *uint64
	writes int
}

func (s *sampled) Write(p []byte) (int, error) {
	if s.writes++; s.writes%64 == 0 {
		sample(s.peak)
	}
	return len(p), nil
}

// go test -run x -bench Report50k -benchmem -benchtime 3x ./sheets
func BenchmarkReport50k(b *testing.B) {
	rows := 50000
	if s := os.Getenv("LOA_BENCH_ROWS"); s != "" {
		rows, _ = strconv.Atoi(s)
	}
	for _, format := range []struct {
		name  string
		write func(io.Writer, ...loa.Table) error
	}{{"csv", sheets.WriteCSV}, {"xlsx", sheets.WriteXLSX}} {
		b.Run(format.name, func(b *testing.B) {
			var peak uint64
			runtime.GC()
			var base runtime.MemStats
			runtime.ReadMemStats(&base)
			for b.Loop() {
				if err := format.write(&sampled{peak: &peak}, report(rows, &peak)...); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(peak-min(peak, base.HeapAlloc))/(1<<20), "peak-heap-MB")
		})
	}
}
