package loa

import "time"

// The defaults of sending and reminding, in one place: the configuration shows them and the
// delivery and scheduler rooms apply them to what is left unset.
const (
	// Telegram's limits for a bot: 30 messages a second, one a second to a chat, 20 a minute
	// to a group.
	DefaultRatePerSecond   = 30
	DefaultPerChatInterval = time.Second
	DefaultGroupInterval   = 3 * time.Second
	// With allow_paid_broadcast a bot may send up to 1,000 messages a second, paying in Stars.
	DefaultPaidRate = 1000

	DefaultConcurrency = 8               // parallel sends
	DefaultBatch       = 50              // deliveries claimed at once
	DefaultAttempts    = 5               // tries of a 5xx or a timeout before giving up
	DefaultBackoffBase = 2 * time.Second // first retry delay, doubled each time…
	DefaultBackoffMax  = 5 * time.Minute // …up to this
	DefaultLease       = 2 * time.Minute // a claim not renewed for this long is a dead process's

	// How much the heap may grow between collections in `loa serve` (the runtime's GOGC, 100
	// by default). A send allocates about 16 KB in net/http and JSON while the live heap stays
	// a few tens of megabytes: collecting half as often costs that little and gives the
	// dispatcher about a tenth more messages a second (BenchmarkDispatch runs with it too).
	DefaultGCPercent = 200

	DefaultGrace           = 6 * time.Hour // a missed reminder older than this is skipped
	DefaultMinRuleInterval = time.Minute   // the shortest time between two firings of a rule
)
