// Package delivery is Loa's one durable path to Telegram. Article pushes, reminders and
// broadcasts become notices; the store fans each out into deliveries; the Dispatcher claims due
// deliveries, sends them within Telegram's limits, and records what happened. A crashed
// process's claims return to the queue after a lease, so nothing is lost.
package delivery

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/backoff"
)

// margin is the share of each Telegram limit Loa uses, global and per chat.
const margin = 0.97

// Options tunes the dispatcher. Zero values take the defaults noted.
type Options struct {
	Worker      string  // name recorded on claims (default host-pid)
	Concurrency int     // parallel sends (default 8)
	Batch       int     // deliveries claimed at once (default 50)
	GlobalRate  float64 // Telegram's limit for the whole bot, paced at 97% (default 30; <0 = unlimited)
	PaidRate    float64 // paid broadcasts' limit for urgent notices (0 = off; Telegram: 1000)
	Admins      []int64 // told when the bot's Stars run out
	// Writer writes each delivery's message (the notices room: heading and "Đã nhận");
	// nil: the notice's text and link buttons as they are.
	Writer Writer
	// Reminder sends the one automatic reminder AckReminder asks for; nil: none is sent.
	Reminder        Reminder
	PerChatInterval time.Duration // between two messages to one private chat (default 1s)
	GroupInterval   time.Duration // between two messages to one group (default 3s = 20/min)
	MaxAttempts     int           // then failed (default 5)
	BackoffBase     time.Duration // first retry delay (default 2s), doubled each attempt
	BackoffMax      time.Duration // cap (default 5m)
	Lease           time.Duration // claims older than this are presumed dead (default 2m)
	AckReminder     time.Duration // re-remind non-acknowledgers once after this (0 = never)
	Idle            time.Duration // poll interval when the queue is empty (default 1s)
	Now             func() time.Time
	Logger          *slog.Logger
	Metrics         *Metrics
}

// Writer writes what one delivery of a notice is sent as: its text with its heading, and its
// buttons.
type Writer interface {
	Message(n loa.Notice, deliveryID int64) (text string, buttons [][]loa.Button)
}

// Reminder sends a notice again to those who have not acknowledged it.
type Reminder interface {
	AutoRemind(ctx context.Context, n loa.Notice) (loa.Notice, error)
}

// Editor edits a message in place; the dispatcher uses it for progress reports.
type Editor interface {
	Edit(ctx context.Context, chatID int64, messageID int, text string) error
}

// Dispatcher sends queued deliveries.
type Dispatcher struct {
	store loa.Notices
	msgr  loa.Messenger
	opts  Options
	log   *slog.Logger
	m     *Metrics

	free  *lane // Telegram's limit for the whole bot
	paid  *lane // paid broadcasts' limit, for urgent notices; nil when they are off
	stars starsState
	chats *chatPacer
	wake  chan struct{}

	mu          sync.Mutex
	pausedUntil time.Time
	notices     map[int64]loa.Notice
	cancelled   map[int64]bool // notices known to be cancelled (final)

	progress *progress

	recorded chan struct{} // closed and replaced after every recorded batch
	sent     sentMeter
}

// New creates a dispatcher. msgr may also implement Editor for progress reports.
func New(store loa.Notices, msgr loa.Messenger, o Options) *Dispatcher {
	if o.Concurrency <= 0 {
		o.Concurrency = loa.DefaultConcurrency
	}
	if o.Batch <= 0 {
		o.Batch = loa.DefaultBatch
	}
	if o.GlobalRate == 0 {
		o.GlobalRate = loa.DefaultRatePerSecond
	}
	if o.PerChatInterval == 0 {
		o.PerChatInterval = loa.DefaultPerChatInterval
	}
	if o.GroupInterval == 0 {
		o.GroupInterval = loa.DefaultGroupInterval
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = loa.DefaultAttempts
	}
	if o.BackoffBase <= 0 {
		o.BackoffBase = loa.DefaultBackoffBase
	}
	if o.BackoffMax <= 0 {
		o.BackoffMax = loa.DefaultBackoffMax
	}
	if o.Lease <= 0 {
		o.Lease = loa.DefaultLease
	}
	if o.Idle <= 0 {
		o.Idle = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics(nil)
	}
	if o.Worker == "" {
		o.Worker = loa.WorkerName()
	}
	// Pace at 97% of the allowed rates: requests sent evenly can still arrive bunched by a
	// few milliseconds, and Telegram counts arrivals.
	d := &Dispatcher{store: store, msgr: msgr, opts: o, log: o.Logger, m: o.Metrics,
		free: newLane(o.GlobalRate), chats: newChatPacer(o.Now), wake: make(chan struct{}, 1),
		notices: map[int64]loa.Notice{}, cancelled: map[int64]bool{}, recorded: make(chan struct{})}
	if o.PaidRate > 0 {
		d.paid = newLane(o.PaidRate)
	}
	if ed, ok := msgr.(Editor); ok {
		d.progress = newProgress(store, msgr, ed, o.Logger, o.Now)
	}
	return d
}

// Recorded returns a channel closed when the next batch of outcomes is recorded; tests and
// tools wait on it instead of polling the store.
func (d *Dispatcher) Recorded() <-chan struct{} {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.recorded
}

// Wake makes the dispatcher look at the queue now (after a notice is created).
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends, then finishes and records the sends in hand.
func (d *Dispatcher) Run(ctx context.Context) error {
	d.requeueStale(ctx)
	lastRequeue := d.opts.Now()
	p := d.newPipeline(context.WithoutCancel(ctx))
	defer p.close()
	for ctx.Err() == nil {
		if d.opts.Now().Sub(lastRequeue) > d.opts.Lease/2 {
			d.requeueStale(ctx)
			d.remindUnacknowledged(ctx)
			lastRequeue = d.opts.Now()
		}
		if wait := d.pause(); wait > 0 {
			d.sleep(ctx, wait)
			continue
		}
		batch, err := d.store.ClaimDeliveries(ctx, d.opts.Worker, d.opts.Batch, d.opts.Now())
		if err != nil {
			if ctx.Err() == nil {
				d.log.Error("claiming deliveries failed", "err", err)
				d.sleep(ctx, d.opts.Idle)
			}
			continue
		}
		if len(batch) == 0 {
			d.updateDepth(ctx)
			if d.progress != nil {
				d.progress.followAcks(ctx)
			}
			select {
			case <-ctx.Done():
			case <-d.wake:
			case <-time.After(d.opts.Idle):
			}
			continue
		}
		// Returns once the batch's last delivery has a worker: the next claim overlaps the
		// batch's last sends instead of waiting for them.
		p.start(batch)
	}
	return nil
}

func (d *Dispatcher) requeueStale(ctx context.Context) {
	n, err := d.store.RequeueStale(ctx, d.opts.Now().Add(-d.opts.Lease))
	if err != nil {
		d.log.Error("requeueing stale deliveries failed", "err", err)
		return
	}
	if n > 0 {
		d.log.Warn("requeued deliveries left by a stopped worker", "count", n)
	}
}

// remindUnacknowledged sends, once, a reminder to those who have not acknowledged a notice
// AckReminder after it went out.
func (d *Dispatcher) remindUnacknowledged(ctx context.Context) {
	if d.opts.AckReminder <= 0 || d.opts.Reminder == nil {
		return
	}
	due, err := d.store.ClaimAckReminders(ctx, d.opts.Now().Add(-d.opts.AckReminder))
	if err != nil {
		d.log.Error("finding notices to re-remind failed", "err", err)
		return
	}
	for _, n := range due {
		r, err := d.opts.Reminder.AutoRemind(ctx, n)
		if err != nil {
			d.log.Error("re-reminding non-acknowledgers failed", "notice", n.ID, "err", err)
			continue
		}
		d.log.Info("re-reminded non-acknowledgers", "notice", n.ID, "recipients", r.Recipients)
	}
}

func (d *Dispatcher) updateDepth(ctx context.Context) {
	if n, err := d.store.QueueDepth(ctx); err == nil {
		d.m.depth.Set(float64(n))
	}
}

func (d *Dispatcher) sleep(ctx context.Context, wait time.Duration) {
	if wait <= 0 {
		return // no timer for the common case: a send that need not wait
	}
	select {
	case <-ctx.Done():
	case <-time.After(wait):
	}
}

func (d *Dispatcher) pause() time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.pausedUntil.Sub(d.opts.Now())
}

// pipeline sends claimed deliveries with at most Concurrency in flight, across batches, each
// outcome stored as soon as its send is answered (see recorder): the sends in flight are the
// most a crash can duplicate.
type pipeline struct {
	d         *Dispatcher
	ctx       context.Context
	rec       *recorder
	sem       chan struct{}
	wg        sync.WaitGroup
	heartbeat func()
}

func (d *Dispatcher) newPipeline(ctx context.Context) *pipeline {
	return &pipeline{d: d, ctx: ctx, rec: d.newRecorder(ctx), sem: make(chan struct{}, d.opts.Concurrency), heartbeat: d.heartbeat(ctx)}
}

// start hands every delivery of batch to a worker, waiting for free ones, and returns when
// the last has started. The creators' progress messages follow once the batch is recorded.
func (p *pipeline) start(batch []loa.Delivery) {
	var inBatch sync.WaitGroup
	for _, dl := range batch {
		p.sem <- struct{}{}
		p.wg.Add(1)
		inBatch.Add(1)
		go func() {
			defer func() { <-p.sem; inBatch.Done(); p.wg.Done() }()
			p.rec.record(p.d.deliver(p.ctx, dl))
		}()
	}
	if p.d.progress != nil {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			inBatch.Wait()
			p.d.progress.touched(p.ctx, batch)
		}()
	}
}

// close waits for the sends in flight and their outcomes.
func (p *pipeline) close() {
	p.wg.Wait()
	p.rec.close()
	p.heartbeat()
}

// heartbeat renews this worker's claims every third of the lease until the returned stop is
// called: a batch that outlasts the lease (a slow Bot API) is not taken over while alive.
func (d *Dispatcher) heartbeat(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(d.opts.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := d.store.RenewClaims(ctx, d.opts.Worker, d.opts.Now()); err != nil && ctx.Err() == nil {
					d.log.Error("renewing delivery claims failed", "err", err)
				}
			}
		}
	}()
	return func() { cancel(); <-done }
}

// deliver makes one attempt and says what to record.
func (d *Dispatcher) deliver(ctx context.Context, dl loa.Delivery) loa.Outcome {
	out := loa.Outcome{DeliveryID: dl.ID, MessageIDs: dl.MessageIDs}
	n, err := d.notice(ctx, dl.NoticeID)
	if err != nil {
		return d.retryLater(out, dl, err)
	}
	// The chat's slot first, then the global limit: both are measured up to the moment the
	// request leaves, so waiting for one cannot bring two requests to a chat closer together.
	interval := d.chatInterval(dl.ChatID)
	wait, retry, ok := d.chats.reserve(dl.ChatID, interval, interval)
	if !ok {
		// A busy chat goes back to the queue rather than holding a worker.
		out.Status, out.Retry, out.Refund = loa.DeliveryQueued, retry, true
		return out
	}
	defer d.chats.done(dl.ChatID, interval)
	d.sleep(ctx, wait)
	if wait := d.pause(); wait > 0 {
		out.Status, out.Retry, out.Refund = loa.DeliveryQueued, d.opts.Now().Add(wait), true
		return out
	}
	paid := d.paid != nil && n.Priority == loa.PriorityUrgent && d.stars.available(d.opts.Now())
	lane := d.free
	if paid {
		lane = d.paid
	}
	release, err := lane.acquire(ctx)
	if err != nil {
		out.Status, out.Retry, out.Refund = loa.DeliveryQueued, d.opts.Now(), true
		return out
	}
	defer release()
	replyTo := d.originalMessage(ctx, n, dl.ChatID)
	text, buttons := n.Text, buttonRows(n.Buttons)
	if d.opts.Writer != nil {
		text, buttons = d.opts.Writer.Message(n, dl.ID)
	}
	prior := splitIDs(dl.MessageIDs)
	ids, err := d.msgr.Send(ctx, loa.OutMessage{ChatID: dl.ChatID, Media: n.Media, Text: text, Buttons: buttons,
		SkipParts: len(prior), PaidBroadcast: paid, ReplyTo: replyTo})
	out.MessageIDs = joinIDs(append(prior, ids...))
	if err == nil {
		out.Status, out.Paid = loa.DeliverySent, paid
		if paid {
			d.m.paid.Inc()
		}
		d.clearIfCancelled(ctx, n, dl.ChatID, replyTo)
		return out
	}
	se := loa.AsSendError(err)
	if len(se.MessageIDs) > 0 {
		out.MessageIDs = joinIDs(append(prior, se.MessageIDs...))
	}
	out.Error = truncate(se.Error(), 500)
	switch se.Kind {
	case loa.SendRateLimited:
		d.m.tooMany.Inc()
		d.mu.Lock()
		if until := d.opts.Now().Add(se.RetryAfter); until.After(d.pausedUntil) {
			d.pausedUntil = until
		}
		d.mu.Unlock()
		d.log.Warn("telegram asked us to slow down; pausing all sending", "retry_after", se.RetryAfter)
		out.Status, out.Retry, out.Refund = loa.DeliveryQueued, d.opts.Now().Add(se.RetryAfter), true
	case loa.SendNoStars:
		// Sent again at once, at the free limit.
		d.starsExhausted(ctx)
		out.Status, out.Retry, out.Refund = loa.DeliveryQueued, d.opts.Now(), true
	case loa.SendBlocked:
		out.Status = loa.DeliveryBlocked
	case loa.SendNotFound, loa.SendRejected:
		out.Status = loa.DeliveryFailed
	case loa.SendMigrated:
		if err := d.store.MigrateChat(ctx, dl.ChatID, se.MigrateTo); err != nil {
			return d.retryLater(out, dl, err)
		}
		d.log.Info("group moved to a supergroup; following it", "from", dl.ChatID, "to", se.MigrateTo)
		out.Status, out.Retry, out.Refund = loa.DeliveryQueued, d.opts.Now(), true
	default:
		return d.retryLater(out, dl, se)
	}
	return out
}

// retryLater backs off exponentially with jitter, or gives up after MaxAttempts.
func (d *Dispatcher) retryLater(out loa.Outcome, dl loa.Delivery, err error) loa.Outcome {
	out.Error = truncate(err.Error(), 500)
	if dl.Attempts >= d.opts.MaxAttempts {
		out.Status = loa.DeliveryFailed
		out.Error = fmt.Sprintf("gave up after %d attempts: %s", dl.Attempts, out.Error)
		return out
	}
	d.m.retried.Inc()
	retry := backoff.Policy{Base: d.opts.BackoffBase, Max: d.opts.BackoffMax, Jitter: 0.25}
	out.Status, out.Retry = loa.DeliveryQueued, d.opts.Now().Add(retry.Delay(dl.Attempts))
	return out
}

// chatInterval is the time between two messages to a chat, with the same margin as the
// global limit: one per second to a person, 20 a minute to a group.
func (d *Dispatcher) chatInterval(chatID int64) time.Duration {
	every := d.opts.PerChatInterval
	if chatID < 0 {
		every = max(every, d.opts.GroupInterval)
	}
	return time.Duration(float64(every) / margin)
}

func (d *Dispatcher) notice(ctx context.Context, id int64) (loa.Notice, error) {
	d.mu.Lock()
	n, ok := d.notices[id]
	d.mu.Unlock()
	if ok {
		return n, nil
	}
	n, err := d.store.Notice(ctx, id)
	if err != nil {
		return n, err
	}
	d.mu.Lock()
	if len(d.notices) > 1000 {
		d.notices = map[int64]loa.Notice{}
	}
	d.notices[id] = n
	d.mu.Unlock()
	return n, nil
}

func buttonRows(bs []loa.Button) [][]loa.Button {
	var rows [][]loa.Button
	for _, b := range bs {
		rows = append(rows, []loa.Button{b})
	}
	return rows
}

func splitIDs(s string) []int {
	var ids []int
	for _, f := range strings.Split(s, ",") {
		if id, err := strconv.Atoi(f); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

func joinIDs(ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(id)
	}
	return strings.Join(parts, ",")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
