package store

import "testing"

// The DSN an operator writes, in either of lib/pq's forms, gets one-round-trip statements; a
// DSN that decides for itself is left alone.
func TestPostgresDSN(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://loa@db:5432/loa?sslmode=disable":  "postgres://loa@db:5432/loa?binary_parameters=yes&sslmode=disable",
		"postgresql://loa@db/loa":                     "postgresql://loa@db/loa?binary_parameters=yes",
		"host=db user=loa dbname=loa sslmode=disable": "host=db user=loa dbname=loa sslmode=disable binary_parameters=yes",
		"postgres://db/loa?binary_parameters=no":      "postgres://db/loa?binary_parameters=no",
		"host=db binary_parameters=no":                "host=db binary_parameters=no",
	} {
		if got := postgresDSN(in); got != want {
			t.Errorf("postgresDSN(%q) = %q, want %q", in, got, want)
		}
	}
}
