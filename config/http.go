package config

import (
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// validate checks the listener's limits and parses the trusted proxies.
func (h *HTTP) validate() error {
	switch {
	case h.ReadTimeout < 0 || h.WriteTimeout < 0 || h.IdleTimeout < 0:
		return &Error{Key: "http.read_timeout", Reason: "timeouts cannot be negative (0: none, not advised)"}
	case h.AuthDelay < 0 || h.AuthDelay > 15*time.Minute:
		return &Error{Key: "http.auth_delay", Reason: "must be between 0 (1 s) and 15m"}
	case h.MaxConnections < 0:
		return &Error{Key: "http.max_connections", Reason: "must be 0 (from the descriptor limit) or positive"}
	}
	h.Proxies = nil
	for i, p := range h.TrustedProxies {
		p = strings.TrimSpace(p)
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			addr, aerr := netip.ParseAddr(p)
			if aerr != nil {
				return &Error{Key: fmt.Sprintf("http.trusted_proxies[%d]", i), Reason: fmt.Sprintf("%q is not an address or a CIDR such as 10.0.0.0/8", p)}
			}
			prefix = netip.PrefixFrom(addr, addr.BitLen())
		}
		h.Proxies = append(h.Proxies, prefix.Masked())
	}
	return nil
}
