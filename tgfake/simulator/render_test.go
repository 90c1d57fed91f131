package simulator

import (
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

func TestRenderHTMLKeepsTelegramsTagsAndNothingElse(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"📢 <b>THÔNG BÁO</b>\n<i>Ban CHQS</i>", "📢 <b>THÔNG BÁO</b>\n<i>Ban CHQS</i>"},
		{`<a href="https://chonthanh.binhphuoc.gov.vn/a?x=1&amp;y=2">bài</a>`, `<a target="_blank" rel="noopener noreferrer" href="https://chonthanh.binhphuoc.gov.vn/a?x=1&amp;y=2">bài</a>`},
		{`<a href="javascript:alert(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer">x</a>`},
		{`<script>alert(1)</script>`, `&lt;script&gt;alert(1)&lt;/script&gt;`},
		{`<img src=x onerror=alert(1)>`, `&lt;img src=&#34;x&#34; onerror=&#34;alert(1)&#34;&gt;`},
		{`<b>open`, `<b>open</b>`},
		{`</i>stray`, `stray`},
		{`<tg-spoiler>bí mật</tg-spoiler>`, `<span class="spoiler">bí mật</span>`},
		{`1 &lt; 2`, `1 &lt; 2`},
	} {
		if got := RenderHTML(c.in); got != c.want {
			t.Errorf("RenderHTML(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// FuzzRenderHTML: whatever the bot sends, the page gets only Telegram's tags, balanced, and no
// attribute but a link's safe href.
func FuzzRenderHTML(f *testing.F) {
	for _, s := range []string{"<b>x</b>", `<a href="https://x">y</a>`, "<script>", "<b><i>x</b>", "<a href='javascript:1' onclick=x>", "&amp;<>"} {
		f.Add(s)
	}
	allowed := map[string]bool{"b": true, "i": true, "u": true, "s": true, "code": true, "pre": true, "blockquote": true, "a": true, "span": true}
	f.Fuzz(func(t *testing.T, in string) {
		out := RenderHTML(in)
		z := xhtml.NewTokenizer(strings.NewReader(out))
		depth := 0
		for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
			tok := z.Token()
			switch tt {
			case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
				depth++
				if !allowed[tok.Data] {
					t.Fatalf("RenderHTML(%q) = %q lets <%s> through", in, out, tok.Data)
				}
				for _, a := range tok.Attr {
					ok := (a.Key == "href" && (strings.HasPrefix(a.Val, "http") || strings.HasPrefix(a.Val, "tg:"))) ||
						(a.Key == "target" || a.Key == "rel") || (a.Key == "class" && a.Val == "spoiler")
					if !ok {
						t.Fatalf("RenderHTML(%q) = %q keeps attribute %s=%q", in, out, a.Key, a.Val)
					}
				}
			case xhtml.EndTagToken:
				depth--
			}
		}
		if depth != 0 {
			t.Fatalf("RenderHTML(%q) = %q leaves %d tags open", in, out, depth)
		}
	})
}
