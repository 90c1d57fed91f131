package documents

import (
	"context"
	"fmt"
	"time"

	"github.com/loa-vn/loa"
)

// UnitProgress is how one unit follows a document: who received it, who acknowledged it, and
// its tasks (done with their reports, or overdue).
type UnitProgress struct {
	Key          string         `json:"unit"`
	Name         string         `json:"name"`
	NoticeID     int64          `json:"notice_id,omitempty"`
	Recipients   int            `json:"recipients"`
	Received     int            `json:"received"`
	Acknowledged int            `json:"acknowledged"`
	Tasks        []TaskProgress `json:"tasks"`
}

// TaskProgress is a task with whether it is overdue today.
type TaskProgress struct {
	loa.DocumentTask
	Overdue bool `json:"overdue"`
}

// Progress is a document and how each of its units follows it.
type Progress struct {
	Document loa.OfficialDocument `json:"document"`
	Units    []UnitProgress       `json:"units"`
	Unmapped []string             `json:"not_sent"`
}

// Followed is what following documents up needs of the store besides Store.
type Followed interface {
	Documents(ctx context.Context, limit int) ([]loa.OfficialDocument, error)
	DocumentNotices(ctx context.Context, documentID int64) (map[string]int64, error)
	Report(ctx context.Context, noticeID int64) ([]loa.ReportRow, error)
}

// Progress is a document's tasks per unit, as the person may see them: an administrator every
// unit, a leader the units in their scope (ErrForbidden when none is).
func (s *Service) Progress(ctx context.Context, p Person, id int64) (Progress, error) {
	f, ok := s.Store.(Followed)
	if !ok || s.Issuer == nil {
		return Progress{}, fmt.Errorf("document %d: documents are not kept here", id)
	}
	d, err := s.Store.Document(ctx, id)
	if err != nil {
		return Progress{}, err
	}
	d.File = nil
	see, err := s.viewer(ctx, p)
	if err != nil {
		return Progress{}, err
	}
	sent, err := f.DocumentNotices(ctx, id)
	if err != nil {
		return Progress{}, err
	}
	names, err := s.unitNames(ctx)
	if err != nil {
		return Progress{}, err
	}
	today := s.now().In(s.location()).Format(time.DateOnly)
	out := Progress{Document: d, Unmapped: d.Unmapped()}
	if out.Unmapped == nil {
		out.Unmapped = []string{}
	}
	for _, key := range d.Units() {
		if !see(key) {
			continue
		}
		u := UnitProgress{Key: key, Name: names[key], NoticeID: sent[key], Tasks: []TaskProgress{}}
		if u.NoticeID != 0 {
			rows, err := f.Report(ctx, u.NoticeID)
			if err != nil {
				return Progress{}, err
			}
			for _, r := range rows {
				u.Recipients += r.Recipients
				u.Received += r.Sent
				u.Acknowledged += r.Acknowledged
			}
		}
		for _, t := range d.Tasks {
			if t.UnitKey == key {
				overdue := d.Status == loa.DocumentSent && t.DoneAt == nil && t.Deadline != "" && t.Deadline < today
				u.Tasks = append(u.Tasks, TaskProgress{DocumentTask: t, Overdue: overdue})
			}
		}
		out.Units = append(out.Units, u)
	}
	if len(out.Units) == 0 && len(d.Units()) > 0 {
		return Progress{}, ErrForbidden
	}
	return out, nil
}

// List is the newest documents the person may follow: every one for an administrator, those
// addressed to a unit in their scope for a leader.
func (s *Service) List(ctx context.Context, p Person, limit int) ([]loa.OfficialDocument, error) {
	f, ok := s.Store.(Followed)
	if !ok || s.Issuer == nil {
		return nil, fmt.Errorf("documents are not kept here")
	}
	see, err := s.viewer(ctx, p)
	if err != nil {
		return nil, err
	}
	all, err := f.Documents(ctx, limit)
	if err != nil {
		return nil, err
	}
	var out []loa.OfficialDocument
	for _, d := range all {
		if p.Admin || d.BroughtUser != 0 && d.BroughtUser == p.UserID {
			out = append(out, d)
			continue
		}
		full, err := s.Store.Document(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		for _, key := range full.Units() {
			if see(key) {
				out = append(out, d)
				break
			}
		}
	}
	return out, nil
}

// viewer tells which units the person may follow.
func (s *Service) viewer(ctx context.Context, p Person) (func(key string) bool, error) {
	scope, ok, err := s.Issuer.Authority(ctx, p)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrForbidden
	}
	if scope == nil {
		return func(string) bool { return true }, nil
	}
	units, err := s.Units.Units(ctx)
	if err != nil {
		return nil, err
	}
	tree := loa.NewUnitTree(units)
	m := loa.Manager{Scope: *scope}
	return func(key string) bool { return m.MayAddress(tree, []string{key}) }, nil
}
