package delivery

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/texts"
)

// progress keeps one message in the creator's chat up to date while a notice is sent:
// "Đang gửi Thông báo số 12: 340/1000", then a final summary with failures; a notice asking for
// acknowledgement keeps counting them there for AckWatch after it was sent, or until all are in.
type progress struct {
	store loa.Notices
	msgr  loa.Messenger
	ed    Editor
	log   *slog.Logger
	now   func() time.Time

	mu    sync.Mutex
	last  map[int64]time.Time // notice → last update, to edit at most every 2 s
	done  map[int64]bool
	watch map[int64]*ackWatch // sent notices whose acknowledgements are still counted
}

// AckWatch is how long after a notice was sent its progress message keeps counting
// acknowledgements; ackCheck is how often it looks, which keeps its edits far below Telegram's
// limit of about one a second in a chat (20 a minute in a group).
const (
	AckWatch = time.Hour
	ackCheck = 10 * time.Second
)

type ackWatch struct {
	until, checked time.Time
	acked          int
}

func newProgress(store loa.Notices, msgr loa.Messenger, ed Editor, log *slog.Logger, now func() time.Time) *progress {
	return &progress{store: store, msgr: msgr, ed: ed, log: log, now: now, last: map[int64]time.Time{}, done: map[int64]bool{},
		watch: map[int64]*ackWatch{}}
}

// followAcks edits the progress message of each watched notice whose acknowledgements changed,
// looking at most every ackCheck, and stops watching after AckWatch or when all are in.
func (p *progress) followAcks(ctx context.Context) {
	now := p.now()
	p.mu.Lock()
	var due []int64
	for id, w := range p.watch {
		switch {
		case now.After(w.until):
			delete(p.watch, id)
		case now.Sub(w.checked) >= ackCheck:
			w.checked = now
			due = append(due, id)
		}
	}
	p.mu.Unlock()
	for _, id := range due {
		n, err := p.store.Notice(ctx, id)
		if err != nil {
			continue
		}
		counts, err := p.store.NoticeCounts(ctx, id)
		if err != nil {
			continue
		}
		p.mu.Lock()
		w, ok := p.watch[id]
		changed := ok && counts["acknowledged"] != w.acked
		if changed {
			w.acked = counts["acknowledged"]
		}
		if counts["acknowledged"] >= counts[loa.DeliverySent] || n.Status == loa.NoticeCancelled {
			delete(p.watch, id)
		}
		p.mu.Unlock()
		if !changed {
			continue
		}
		msgID, _, err := p.store.ProgressMessage(ctx, id)
		if err != nil || msgID == 0 {
			continue
		}
		if err := p.ed.Edit(ctx, n.CreatorChat, msgID, p.text(p.language(ctx, n.CreatorChat), n, counts, true)); err != nil {
			p.log.Warn("updating the acknowledgements on the progress message failed", "notice", id, "err", err)
		}
	}
}

// text is the progress message: sending, or sent with failures and acknowledgements.
func (p *progress) text(lang string, n loa.Notice, counts map[string]int, finished bool) string {
	label := texts.T(lang, "notice_label", n.Number)
	if n.Number == 0 {
		label = texts.T(lang, "notice_label_draft")
	}
	if !finished {
		return texts.T(lang, "progress_sending", label, counts[loa.DeliverySent], counts["total"])
	}
	text := texts.T(lang, "progress_done", label, counts[loa.DeliverySent], counts["total"], counts[loa.DeliveryFailed], counts[loa.DeliveryBlocked])
	if n.RequiresAck {
		text += texts.T(lang, "progress_acked", counts["acknowledged"], n.Number)
	}
	return text
}

func (p *progress) touched(ctx context.Context, batch []loa.Delivery) {
	seen := map[int64]bool{}
	for _, d := range batch {
		if !seen[d.NoticeID] {
			seen[d.NoticeID] = true
			p.update(ctx, d.NoticeID)
		}
	}
}

func (p *progress) update(ctx context.Context, noticeID int64) {
	n, err := p.store.Notice(ctx, noticeID)
	if err != nil || n.CreatorChat == 0 {
		return
	}
	counts, err := p.store.NoticeCounts(ctx, noticeID)
	if err != nil {
		return
	}
	pending := counts[loa.DeliveryQueued] + counts[loa.DeliverySending]
	finished := pending == 0
	p.mu.Lock()
	if p.done[noticeID] || (!finished && time.Since(p.last[noticeID]) < 2*time.Second) {
		p.mu.Unlock()
		return
	}
	p.last[noticeID] = time.Now()
	p.done[noticeID] = finished
	if finished && n.RequiresAck && counts["acknowledged"] < counts[loa.DeliverySent] {
		now := p.now()
		p.watch[noticeID] = &ackWatch{until: now.Add(AckWatch), checked: now, acked: counts["acknowledged"]}
	}
	p.mu.Unlock()

	text := p.text(p.language(ctx, n.CreatorChat), n, counts, finished)
	// The message is stored with the notice, so several processes keep one between them.
	msgID, claimed, err := p.store.ProgressMessage(ctx, noticeID)
	if err != nil {
		p.log.Warn("reading the progress message failed", "notice", noticeID, "err", err)
		return
	}
	if msgID != 0 {
		if err := p.ed.Edit(ctx, n.CreatorChat, msgID, text); err != nil {
			p.log.Warn("updating the progress message failed", "notice", noticeID, "err", err)
		}
		return
	}
	if !claimed {
		return // another process is sending it right now
	}
	ids, err := p.msgr.Send(ctx, loa.OutMessage{ChatID: n.CreatorChat, Text: text})
	if err != nil || len(ids) == 0 {
		p.log.Warn("sending the progress message failed", "notice", noticeID, "err", err)
		p.store.SetProgressMessage(ctx, noticeID, 0)
		return
	}
	if err := p.store.SetProgressMessage(ctx, noticeID, ids[0]); err != nil {
		p.log.Warn("recording the progress message failed", "notice", noticeID, "err", err)
	}
}

// language is the creator's language for progress reports: an administrator on /lang en
// reads them in English. Vietnamese when the store cannot tell.
func (p *progress) language(ctx context.Context, chatID int64) string {
	chats, ok := p.store.(interface {
		Chat(ctx context.Context, id int64) (loa.Chat, error)
	})
	if !ok {
		return "vi"
	}
	if c, err := chats.Chat(ctx, chatID); err == nil && c.Lang != "" {
		return c.Lang
	}
	return "vi"
}
