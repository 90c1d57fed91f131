package documents

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
	"github.com/loa-vn/loa/vntext"
)

// Refusals of a correction of a mapping.
var (
	ErrUnknownName = errors.New("the document names no such addressee")
	ErrUnknownUnit = errors.New("no such unit in the catalogue")
	ErrNoDraft     = errors.New("no document waiting to be sent")
)

// Correction is a name of the document mapped anew, and how many tasks it carries.
type Correction struct {
	Document loa.OfficialDocument
	Name     string
	Unit     loa.Unit
	Tasks    int
}

// Correct maps a name of a draft (as the document writes it, diacritics and case aside) to
// one unit, given by its key or its name, before the draft is sent: "Hội Cựu chiến binh thị
// xã" = "Ban CHQS thị xã". Only who brought the draft, or an administrator, may; a leader only
// to a unit in their scope.
func (s *Service) Correct(ctx context.Context, p Person, id int64, name, unit string) (Correction, error) {
	if s.Store == nil || s.Issuer == nil {
		return Correction{}, fmt.Errorf("document %d: documents are not kept here", id)
	}
	d, err := s.Store.Document(ctx, id)
	if err != nil {
		return Correction{}, err
	}
	if d.Status != loa.DocumentDraft {
		return Correction{}, ErrAlreadySent
	}
	if !p.Admin && (p.UserID == 0 || d.BroughtUser != p.UserID) {
		return Correction{}, ErrForbidden
	}
	written := ""
	for _, a := range d.Addressees {
		if sameName(a.Name, name) {
			written = a.Name
			break
		}
	}
	if written == "" {
		return Correction{}, ErrUnknownName
	}
	units, err := s.Units.Units(ctx)
	if err != nil {
		return Correction{}, err
	}
	target, ok := findUnit(units, unit)
	if !ok {
		return Correction{}, ErrUnknownUnit
	}
	if err := s.mayAddress(ctx, p, []string{target.Key}); err != nil {
		return Correction{}, err
	}
	if err := s.Store.RemapAddressee(ctx, id, written, target.Key); errors.Is(err, loa.ErrConflict) {
		return Correction{}, ErrAlreadySent
	} else if err != nil {
		return Correction{}, err
	}
	if d, err = s.Store.Document(ctx, id); err != nil {
		return Correction{}, err
	}
	c := Correction{Document: d, Name: written, Unit: target}
	for _, t := range d.Tasks {
		if t.Addressee == written {
			c.Tasks++
		}
	}
	return c, nil
}

// CorrectLatest corrects the newest draft the person brought (the bot's "sửa X = Y").
func (s *Service) CorrectLatest(ctx context.Context, p Person, name, unit string) (Correction, error) {
	if s.Store == nil || p.UserID == 0 {
		return Correction{}, ErrNoDraft
	}
	id, err := s.Store.LatestDraft(ctx, p.UserID)
	if errors.Is(err, loa.ErrNotFound) {
		return Correction{}, ErrNoDraft
	} else if err != nil {
		return Correction{}, err
	}
	return s.Correct(ctx, p, id, name, unit)
}

func sameName(a, b string) bool {
	fold := func(s string) string { return strings.Join(strings.Fields(vntext.Fold(s)), " ") }
	return fold(a) == fold(b)
}

// findUnit is a unit by its key, its exact name, or the one unit the mapper finds for it.
func findUnit(units []loa.Unit, typed string) (loa.Unit, bool) {
	typed = strings.TrimSpace(typed)
	for _, u := range units {
		if !u.Retired && (u.Key == typed || sameName(u.Name, typed)) {
			return u, true
		}
	}
	if found := NewMapper(units).Map(typed); len(found) == 1 {
		return found[0], true
	}
	return loa.Unit{}, false
}

// CorrectionRefusal is what a person reads when a correction was refused; ok is false for a
// failure that is not theirs to fix.
func CorrectionRefusal(lang string, err error) (string, bool) {
	switch {
	case errors.Is(err, ErrUnknownName):
		return texts.T(lang, "dt_fix_no_name"), true
	case errors.Is(err, ErrUnknownUnit):
		return texts.T(lang, "dt_fix_no_unit"), true
	case errors.Is(err, ErrNoDraft):
		return texts.T(lang, "dt_fix_no_draft"), true
	}
	return SendRefusal(lang, err)
}
