package simulator

import (
	"html"
	"io"
	"net/url"
	"strings"

	xhtml "golang.org/x/net/html"
)

// telegramTags maps the tags Telegram's HTML parse mode accepts to what the browser shows.
// Anything else the bot sent is shown as its text, so a message can never run script here.
var telegramTags = map[string]string{
	"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "u", "s": "s", "strike": "s",
	"del": "s", "code": "code", "pre": "pre", "blockquote": "blockquote", "a": "a", "tg-spoiler": "span",
}

// RenderHTML turns a message in Telegram's HTML parse mode into safe HTML for the page: the
// supported tags survive, links keep only http, https and tg addresses, everything else is text.
func RenderHTML(text string) string {
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(text))
	var open []string
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			if z.Err() != io.EOF {
				b.WriteString(html.EscapeString(string(z.Raw())))
			}
			for i := len(open) - 1; i >= 0; i-- {
				b.WriteString("</" + open[i] + ">")
			}
			return b.String()
		case xhtml.TextToken:
			b.WriteString(html.EscapeString(string(z.Text())))
		case xhtml.StartTagToken:
			tok := z.Token()
			tag, ok := telegramTags[tok.Data]
			if !ok {
				b.WriteString(html.EscapeString(tok.String()))
				continue
			}
			open = append(open, tag)
			switch {
			case tag == "a":
				b.WriteString(`<a target="_blank" rel="noopener noreferrer"`)
				if href := safeHref(attr(tok, "href")); href != "" {
					b.WriteString(` href="` + html.EscapeString(href) + `"`)
				}
				b.WriteString(">")
			case tok.Data == "tg-spoiler":
				b.WriteString(`<span class="spoiler">`)
			default:
				b.WriteString("<" + tag + ">")
			}
		case xhtml.EndTagToken:
			tok := z.Token()
			tag, ok := telegramTags[tok.Data]
			if !ok {
				b.WriteString(html.EscapeString(tok.String()))
				continue
			}
			// Close only what is open, innermost first, so the page's markup stays balanced.
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == tag {
					for j := len(open) - 1; j >= i; j-- {
						b.WriteString("</" + open[j] + ">")
					}
					open = open[:i]
					break
				}
			}
		case xhtml.SelfClosingTagToken, xhtml.CommentToken, xhtml.DoctypeToken:
			b.WriteString(html.EscapeString(string(z.Raw())))
		}
	}
}

func attr(tok xhtml.Token, name string) string {
	for _, a := range tok.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func safeHref(href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "tg":
		return u.String()
	}
	return ""
}
