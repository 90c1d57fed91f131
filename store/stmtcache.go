package store

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"
)

// maxCachedStmts bounds the cache: queries are constant strings, so a few hundred cover Loa;
// a query built with a varying number of placeholders would otherwise grow it without end.
const maxCachedStmts = 512

// stmtCache keeps one prepared statement per query text. SQLite compiles a statement on every
// unprepared call, and that compilation was about a third of a bot command's cost; a
// prepared statement is compiled once per connection and reused. PostgreSQL gets none: its
// statements go with their parameters in one round trip already, and a plan cached across a
// migration by another process would fail.
type stmtCache struct {
	db    *sqlx.DB
	mu    sync.Mutex
	stmts map[string]*sqlx.Stmt
	// inTx holds queries first met inside a transaction, prepared at the next call outside one.
	inTx map[string]bool
}

func newStmtCache(db *sqlx.DB) *stmtCache {
	return &stmtCache{db: db, stmts: make(map[string]*sqlx.Stmt), inTx: make(map[string]bool)}
}

// on returns the prepared statement for query, bound to the transaction when q is one, or nil
// when the caller should run the query unprepared: no cache, an unknown queryer, a full cache,
// or a query that does not prepare (its error then comes from the unprepared run).
func (c *stmtCache) on(ctx context.Context, q queryer, query string) *sqlx.Stmt {
	if c == nil {
		return nil
	}
	switch q := q.(type) {
	case *sqlx.DB:
		if q != c.db {
			return nil
		}
		c.prepareMetInTx(ctx)
		return c.prepared(ctx, query)
	case *sqlx.Tx:
		// Preparing takes a second connection from the pool, and inside a transaction that
		// could wait for ever: the pool's other connections may all be waiting for this
		// transaction's write lock. So a transaction uses only statements already prepared;
		// database/sql reuses one prepared on the transaction's connection before, and
		// prepares it there once otherwise.
		c.mu.Lock()
		st, ok := c.stmts[query]
		if !ok && len(c.inTx) < maxCachedStmts {
			c.inTx[query] = true
		}
		c.mu.Unlock()
		if !ok {
			return nil
		}
		return q.StmtxContext(ctx, st)
	}
	return nil
}

func (c *stmtCache) prepareMetInTx(ctx context.Context) {
	c.mu.Lock()
	if len(c.inTx) == 0 {
		c.mu.Unlock()
		return
	}
	queries := make([]string, 0, len(c.inTx))
	for q := range c.inTx {
		queries = append(queries, q)
	}
	clear(c.inTx)
	c.mu.Unlock()
	for _, q := range queries {
		c.prepared(ctx, q)
	}
}

func (c *stmtCache) prepared(ctx context.Context, query string) *sqlx.Stmt {
	c.mu.Lock()
	st, ok := c.stmts[query]
	full := len(c.stmts) >= maxCachedStmts
	c.mu.Unlock()
	if ok {
		return st
	}
	if full {
		return nil
	}
	// Prepared outside the lock: preparing takes a connection, which may wait for a writer.
	// Two goroutines may prepare the same query; the second keeps the first's statement.
	st, err := c.db.PreparexContext(context.WithoutCancel(ctx), c.db.Rebind(query))
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.stmts[query]; ok {
		st.Close()
		return prev
	}
	c.stmts[query] = st
	return st
}
