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
// "Đang gửi thông báo #12: 340/1000", then a final summary with failures.
type progress struct {
	store loa.Notices
	msgr  loa.Messenger
	ed    Editor
	log   *slog.Logger

	mu   sync.Mutex
	last map[int64]time.Time // notice → last update, to edit at most every 2 s
	done map[int64]bool
}

func newProgress(store loa.Notices, msgr loa.Messenger, ed Editor, log *slog.Logger) *progress {
	return &progress{store: store, msgr: msgr, ed: ed, log: log, last: map[int64]time.Time{}, done: map[int64]bool{}}
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
	p.mu.Unlock()

	lang := p.language(ctx, n.CreatorChat)
	text := texts.T(lang, "progress_sending", noticeID, counts[loa.DeliverySent], counts["total"])
	if finished {
		text = texts.T(lang, "progress_done", noticeID, counts[loa.DeliverySent], counts["total"], counts[loa.DeliveryFailed], counts[loa.DeliveryBlocked])
		if n.RequiresAck {
			text += texts.T(lang, "progress_acked", counts["acknowledged"], noticeID)
		}
	}
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
