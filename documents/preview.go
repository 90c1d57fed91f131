package documents

import (
	"fmt"
	"strings"
	"time"

	"github.com/loa-vn/loa/texts"
)

// UnitRef names a catalogue unit in a preview.
type UnitRef struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// Addressee is a name the document uses, the units it maps to, and its tasks.
type Addressee struct {
	Name  string       `json:"name"`
	Units []UnitRef    `json:"units"`
	Tasks []PlacedTask `json:"tasks,omitempty"`
}

// PlacedTask is a task with the part of the document that gives it.
type PlacedTask struct {
	Section string `json:"section"`
	Task
}

// Preview is what a person sees before anything is sent.
type Preview struct {
	Document   Document    `json:"document"`
	Summary    string      `json:"summary"`
	Addressees []Addressee `json:"addressees"` // who has tasks
	Recipients []Addressee `json:"recipients"` // the "Nơi nhận" list
	Unmapped   []string    `json:"unmapped"`   // names of either list matching no unit
}

// NewPreview maps the document's addressees and recipients to units and writes its summary.
func NewPreview(d Document, m *Mapper, lang string) Preview {
	p := Preview{Document: d, Unmapped: []string{}}
	index := map[string]int{}
	unmapped := map[string]bool{}
	refs := func(name string) []UnitRef {
		out := []UnitRef{}
		for _, u := range m.Map(name) {
			out = append(out, UnitRef{Key: u.Key, Name: u.Name})
		}
		if len(out) == 0 && !unmapped[name] {
			unmapped[name] = true
			p.Unmapped = append(p.Unmapped, name)
		}
		return out
	}
	for _, a := range d.Assignments {
		i, ok := index[a.Addressee]
		if !ok {
			i = len(p.Addressees)
			index[a.Addressee] = i
			p.Addressees = append(p.Addressees, Addressee{Name: a.Addressee, Units: refs(a.Addressee)})
		}
		for _, t := range a.Tasks {
			p.Addressees[i].Tasks = append(p.Addressees[i].Tasks, PlacedTask{Section: a.Section, Task: t})
		}
	}
	for _, r := range d.Recipients {
		p.Recipients = append(p.Recipients, Addressee{Name: r, Units: refs(r)})
	}
	p.Summary = summary(d, len(p.Addressees), p.recipientUnits(), lang)
	return p
}

// recipientUnits counts the distinct units the "Nơi nhận" list maps to.
func (p Preview) recipientUnits() int {
	seen := map[string]bool{}
	for _, r := range p.Recipients {
		for _, u := range r.Units {
			seen[u.Key] = true
		}
	}
	return len(seen)
}

// summary: "Kế hoạch số 45/KH-UBND ngày 15/3/2024: 6 nhiệm vụ cho 5 đơn vị, 3 hạn chót". A
// document assigning no task is sent for information to its "Nơi nhận": "0 nhiệm vụ cho 0
// đơn vị" would read as if it went nowhere.
func summary(d Document, units, recipients int, lang string) string {
	kind := texts.T(lang, "doc_type_"+d.TypeKey)
	if d.TypeKey == "" || kind == "" {
		kind = texts.T(lang, "doc_type_other")
	}
	name := kind
	if d.Number != "" {
		name = texts.T(lang, "doc_numbered", kind, d.Number)
	}
	if day, err := time.Parse(time.DateOnly, d.Date); err == nil {
		name = texts.T(lang, "doc_dated", name, officialDay(day))
	}
	if d.Tasks() == 0 {
		return texts.T(lang, "doc_summary_information", name, recipients)
	}
	return texts.T(lang, "doc_summary", name, d.Tasks(), units, d.Deadlines())
}

// officialDay writes a day as officials do: 15/3/2024.
func officialDay(t time.Time) string {
	return fmt.Sprintf("%d/%d/%d", t.Day(), t.Month(), t.Year())
}

// Render writes the preview as plain text: the summary, who does what by when, and what did
// not map.
func (p Preview) Render(lang string) string {
	var b strings.Builder
	d := p.Document
	b.WriteString("📄 " + p.Summary + "\n")
	for _, f := range []struct{ key, value string }{{"doc_issuer", d.Issuer}, {"doc_title", d.Title}, {"doc_signer", d.Signer}} {
		if f.value != "" {
			b.WriteString(texts.T(lang, f.key, f.value) + "\n")
		}
	}
	if len(p.Addressees) == 0 {
		b.WriteString("\n" + texts.T(lang, "doc_no_tasks") + "\n")
	} else {
		b.WriteString("\n" + texts.T(lang, "doc_tasks_by_unit") + "\n")
	}
	for _, a := range p.Addressees {
		b.WriteString("• " + a.Name + " → " + unitList(a.Units, lang) + "\n")
		for i, t := range a.Tasks {
			fmt.Fprintf(&b, "  %d. %s", i+1, t.Text)
			if t.Deadline != nil {
				b.WriteString(" " + texts.T(lang, "doc_due", officialDay(t.Deadline.Due())))
			}
			b.WriteString("\n")
		}
	}
	if d.Deadlines() > 0 {
		b.WriteString("\n" + texts.T(lang, "doc_deadlines") + "\n")
		for _, a := range p.Addressees {
			for _, t := range a.Tasks {
				if t.Deadline != nil {
					fmt.Fprintf(&b, "• %s — %s: %s\n", officialDay(t.Deadline.Due()), a.Name, t.Deadline.Phrase)
				}
			}
		}
	}
	if len(p.Recipients) > 0 {
		names := make([]string, len(p.Recipients))
		for i, r := range p.Recipients {
			names[i] = r.Name
		}
		b.WriteString("\n" + texts.T(lang, "doc_recipients", strings.Join(names, "; ")) + "\n")
	}
	if len(p.Unmapped) > 0 {
		b.WriteString(texts.T(lang, "doc_unmapped", strings.Join(p.Unmapped, "; ")) + "\n")
	}
	return b.String()
}

func unitList(units []UnitRef, lang string) string {
	switch len(units) {
	case 0:
		return texts.T(lang, "doc_no_unit")
	case 1:
		return units[0].Name
	}
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.Name
	}
	return texts.T(lang, "doc_units", len(units), strings.Join(names, ", "))
}
