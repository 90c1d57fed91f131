package search_test

import (
	"context"
	"strings"
	"testing"

	"github.com/loa-vn/loa/adminunits"
	"github.com/loa-vn/loa/news"
	"github.com/loa-vn/loa/search"
	"github.com/loa-vn/loa/store"
	"github.com/loa-vn/loa/store/storetest"
)

// TestAnswersReadThePageAroundTheSentence: the sentence that answers often does not repeat
// what its page said before it: the place the article names further on, the test a "Kết
// quả" sentence reports, the year a heading kept only in the address gives, the shifts a
// patrol schedule is made of, the year the clause before a count names (and those handed a
// call-up are those who enlist), the person another of its sentences names.
func TestAnswersReadThePageAroundTheSentence(t *testing.T) {
	pages := []struct{ url, text string }{
		{"https://xuanloc.dongnai.gov.vn/tin-tuc/le-giao-quan-2019",
			"Ngày hội tòng quân\nNgày đăng: 15/02/2019\nLễ giao quân năm nay diễn ra vào ngày 21-2 tại sân vận động.\nToàn huyện Xuân Lộc có 300 thanh niên lên đường nhập ngũ."},
		{"https://vietyen.bacgiang.gov.vn/node/4498",
			"Việt Yên: kiểm tra bắn đạn thật cho dân quân mới\nNgày đăng: 25-04-2014\nSáng ngày 18/4, Ban CHQS huyện kiểm tra bắn đạn thật cho dân quân mới của 6 xã thuộc cụm số 1.\nKết quả có 84% đạt khá, giỏi; đơn vị được xếp loại giỏi."},
		{"https://anminh.kiengiang.gov.vn/chuong-trinh-van-nghe-toa-dam-hoi-trai-tong-quan-nam-2025",
			"Giao lưu cùng cựu chiến binh và tân binh\nChương trình Văn nghệ - Tọa đàm \"Vinh quang người chiến sỹ\" khép lại với nhiều dấu ấn đẹp trong lòng tân binh."},
		{"https://nhieuloc.hochiminhcity.gov.vn/cong-an-phuong-tuan-tra-dem",
			"Công an phường Nhiêu Lộc tăng cường tuần tra đêm\nNgày đăng: 03/03/2026\nLịch tuần tra chia theo kế hoạch, mỗi ca 4 tiếng: ca 1 từ 19 giờ đến 23 giờ và ca 2 từ 0 giờ đến 4 giờ sáng."},
		{"https://nongtien.tuyenquang.gov.vn/tin-bai/trao-quyet-dinh-nhap-ngu",
			"Bảo đảm chỉ tiêu, nâng cao chất lượng\nKết quả, trong năm 2026, toàn phường Nông Tiến có 10 công dân ưu tú đủ điều kiện nhận Lệnh gọi nhập ngũ; trong đó có 09 công dân chính thức và 01 công dân dự bị."},
		{"https://tamduong.laichau.gov.vn/hoi-dong-nvqs-hop-phien-thu-nhat",
			"Hội đồng nghĩa vụ quân sự huyện họp phiên thứ nhất\nTheo kế hoạch, lễ giao nhận quân năm 2020 sẽ diễn ra vào sáng ngày 13/2/2020 tại sân Trung tâm Hội nghị văn hóa huyện.\nPhát biểu chỉ đạo tại cuộc họp, đồng chí Từ Hữu Hà, Chủ tịch UBND huyện, đã biểu dương các xã."},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := search.New(db, nil).WithPlaceNames(adminunits.PlaceNames())
		x := news.Extractor{Location: hcm}
		for _, p := range pages {
			a := x.Extract(p.text)
			a.URL = p.url
			saved, _, err := db.SaveArticle(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Index(ctx, saved); err != nil {
				t.Fatal(err)
			}
		}
		for question, want := range map[string]string{
			"Xuân Lộc giao quân năm 2019 ngày nào?":                                  "ngày 21-2",
			"Kết quả kiểm tra bắn đạn thật dân quân cụm số 1 huyện Việt Yên ra sao?": "84% đạt khá, giỏi",
			"Chương trình văn nghệ tọa đàm hội trại tòng quân năm 2025 có tên gì?":   "Vinh quang người chiến sỹ",
			"lich tuan tra dem cua cong an phuong nhieu loc":                         "ca 1 từ 19 giờ đến 23 giờ",
			"phuong nong tien co may cong dan du bi nhap ngu 2026":                   "01 công dân dự bị",
			// A person named in one sentence is of every sentence of the article.
			"le giao nhan quan 2020 o huyen cua dong chi Tu Huu Ha ngay nao": "13/2/2020",
		} {
			res, err := s.Ask(ctx, question, 0, 3)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, a := range res.Answers {
				found = found || strings.Contains(a.Text, want)
			}
			if !found {
				t.Errorf("%q: no answer says %q (%d answers)", question, want, len(res.Answers))
			}
		}
	})
}
