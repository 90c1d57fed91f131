package roster

import (
	"errors"
	"strings"
	"testing"

	"github.com/loa-vn/loa"
)

func TestMembersCSVAsOfficesWriteIt(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"excel utf-8 with BOM":    "\uFEFFchat_id,name,unit,role,topics\r\n101,Nguyễn Văn A,tx,leader,dien-tap;tuyen-quan\r\n",
		"semicolons":              "chat_id;name;unit;role;topics\n101;Nguyễn Văn A;tx;leader;dien-tap,tuyen-quan\n",
		"no header":               "101,Nguyễn Văn A,tx,leader,dien-tap tuyen-quan\n",
		"columns in any order":    "role,unit,name,chat_id,topics\nleader,tx,Nguyễn Văn A,101,dien-tap;tuyen-quan\n",
		"loa's own report file":   "\uFEFFchat_id,name,unit,role,topics,status,lang\n101,Nguyễn Văn A,tx,leader,dien-tap;tuyen-quan,,\n",
		"titled above the header": "DANH SÁCH CÁN BỘ XÃ MINH THẮNG;;;;\n;;;;\nNgày 15/12/2026\nchat_id;name;unit;role;topics\n101;Nguyễn Văn A;tx;leader;dien-tap,tuyen-quan\n;;;;\n",
	}
	for name, text := range cases {
		rows, err := Parse(strings.NewReader(text))
		if err != nil || len(rows) != 1 {
			t.Errorf("%s: %v %+v", name, err, rows)
			continue
		}
		r := rows[0]
		if r.ChatID != 101 || r.Name != "Nguyễn Văn A" || r.UnitKey != "tx" || r.Role != "leader" || strings.Join(r.Topics, ",") != "dien-tap,tuyen-quan" || r.Status != "" {
			t.Errorf("%s: %+v", name, r)
		}
	}
	for text, line := range map[string]int{
		"chat_id,name,unit,role\n101,A,tx,leader\nabc,B,tx,leader\n": 3,
		"chat_id,name,unit,rank\n":                                   1,
		"101,A,tx\n":                                                 1,
		// A line of one cell with no header after it is a row, read in its place.
		"Danh sách\n101,A,tx,leader\n": 1,
		"101,,,\n102,B,tx\n":           2,
	} {
		_, err := Parse(strings.NewReader(text))
		var ie *loa.ImportError
		if !errors.As(err, &ie) || ie.Line != line {
			t.Errorf("%q: %v, want an error on line %d", text, err, line)
		}
	}
}

func FuzzParseMembersCSV(f *testing.F) {
	f.Add("\uFEFFchat_id;name;unit;role\n1;A;tx;leader\n")
	f.Add("101,\"A, B\",tx,militia,x;y,blocked,en\n")
	f.Add("\"unterminated\n")
	f.Fuzz(func(t *testing.T, text string) {
		rows, err := Parse(strings.NewReader(text))
		if err == nil {
			for _, r := range rows {
				if r.ChatID == 0 || r.Line < 1 {
					t.Fatalf("accepted row %+v", r)
				}
			}
		}
	})
}
