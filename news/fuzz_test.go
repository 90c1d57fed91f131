package news

import (
	"testing"
	"time"
)

// FuzzExtract feeds the extractor arbitrary text, seeded with the forms it reads (date lines,
// list and prose directives, ranges, places) and the head of each corpus article: it must never
// panic, and every directive it finds has items. Seeds are kept short: the fuzzer's speed is
// the size of what it mutates, and each form is a few lines.
func FuzzExtract(f *testing.F) {
	for _, seed := range []string{
		"Ngày 9 và 10-5, Ban Chỉ đạo diễn tập huyện tổ chức diễn tập chiến đấu xã Vạn Phú năm 2022.",
		"UBND thị xã yêu cầu:\na) Hội đồng nghĩa vụ quân sự các xã sơ tuyển.\nb) Công an thị xã phối hợp.",
		"03/10/2024 - 09:15\n- \n+ \n•",
		"Tiêu đề\n.\nThứ Ba, 12/12/2017, 15:29 [GMT+7]\nNgày đăng 22/02/2024 | 16:00 | Lượt xem\n(15:36 | 27/11/2018)",
		"Tiêu đề\nThứ 4, 08/02/2023 | 20:20:00 [GMT +7] A A\n17:33, 24/04/2024\nSáng nay 20.12, Công an huyện tổ chức lễ ra quân.",
		"Hội nghị\nĐồng chí đề nghị các thành viên Ban Tổ chức và các tiểu ban bám sát kế hoạch; chuẩn bị chu đáo. Ban Chỉ huy Quân sự huyện chuẩn bị lực lượng. Công an huyện xây dựng phương án.",
		"Hội thao\nYêu cầu các địa phương tập trung; Ban tổ chức, ban giám khảo làm việc công tâm. Tăng cường kiểm tra. Việc khám tuyển phải bảo đảm đúng quy trình.",
		"Lịch\nTừ ngày 12-26/4 huấn luyện (9- 11/5/2023) từ ngày 15 đến hết ngày 25/10/2018, 26/02 - 27/02/2024: 10/2 hội trại, 13/2 lễ giao nhận quân tại sân vận động huyện.",
		"Tin\nSáng 5/3, tạiTrungtâmVănhóa - Thể thaohuyện, tại trạm y tế xã, tại nhà văn hóa ấp 3, tại cơ sở 2, Trung đoàn 750 khám tuyển nghĩa vụ quân sự năm 2026.",
	} {
		f.Add(seed)
	}
	f.Add("Ra quân\nNgày 4/4, các xã tổ chức lễ ra mắt và ra quân huấn luyện dân quân; 2 ngày 4 và 5 – 4 hội thi, Quyết định số 4807/QĐ-BQP về giao chỉ tiêu tuyển quân, từ ngày 4 đến 5/3/2026 lên đường nhập ngũ.")
	f.Add("Giao quân\nNgày 3/2/2023, TP. Hồ Chí Minh, xã Ea H'Leo, Minh Thắng và Nha Bích, huyện Bù Đốp tổ chức giao nhận quân.")
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	places := NewPlaces(placeNames)
	f.Fuzz(func(t *testing.T, text string) {
		a := Extractor{Gazetteer: []string{"Hưng Long", "Minh Thắng"}, Places: places, Location: loc}.Extract(text)
		for _, d := range a.Directives {
			if len(d.Items) == 0 {
				t.Fatalf("a directive without items: %+v", d)
			}
		}
	})
}

func TestAnArticleWithoutADateNeverGivesYearOne(t *testing.T) {
	text := "Diễn tập chiến đấu xã Vạn Phú năm 2022\nNgày 9 và 10-5, Ban Chỉ đạo diễn tập huyện tổ chức diễn tập chiến đấu xã Vạn Phú trong khu vực phòng thủ năm 2022.\n"
	a := Extractor{}.Extract(text)
	if len(a.Events) == 0 || a.Events[0].Year != 2022 {
		t.Fatalf("events %+v: want the drill of 2022", a.Events)
	}
	undated := Extractor{}.Extract("Hội thao quốc phòng\nBan CHQS tổ chức hội thao.\n")
	for _, e := range undated.Events {
		if e.Year != 0 && e.Year < 1945 {
			t.Fatalf("year %d for an undated article", e.Year)
		}
	}
}
