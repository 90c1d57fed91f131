package news_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/loa-vn/loa/adminunits"
	"github.com/loa-vn/loa/news"
)

// BenchmarkExtract measures cleaning, date parsing, topic classification, directive and event
// extraction over the four corpus texts.
func BenchmarkExtract(b *testing.B) { benchmarkExtract(b, news.Extractor{Gazetteer: gazetteer}) }

// BenchmarkExtractNational is the same with the country's places, old and new, as `loa` reads
// articles (the test alone reaches the national list: the room itself never imports it).
func BenchmarkExtractNational(b *testing.B) {
	benchmarkExtract(b, news.Extractor{Gazetteer: gazetteer, Places: news.NewPlaces(adminunits.PlaceNames())})
}

func benchmarkExtract(b *testing.B, x news.Extractor) {
	files, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.txt"))
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if a := x.Extract(t); len(a.Directives) == 0 {
				b.Fatal("no directives")
			}
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "articles/s")
}
