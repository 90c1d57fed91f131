package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// cmdHealthcheck asks a running `loa serve` for /healthz and exits 0 only when it is healthy:
// the container image's HEALTHCHECK, which has no curl.
func cmdHealthcheck(a *admin, args []string) error {
	fs := a.flags("healthcheck")
	url := fs.String("url", "http://127.0.0.1:8080/healthz", "the /healthz address of the running service")
	pos, err := a.parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: healthcheck takes no arguments, got %q", errUsage, pos)
	}
	ctx, e := a.ctx, a.e
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return fmt.Errorf("%w: --url %q: %v", errUsage, *url, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health check: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health check: %s %s", resp.Status, body)
	}
	fmt.Fprintf(e.stdout, "%s", body)
	return nil
}
