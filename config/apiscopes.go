package config

import (
	"fmt"
	"slices"

	"github.com/loa-vn/loa"
)

// validateAPIScopes checks each configured token's rights and units against the catalogue, and
// that no two tokens share a name or a value.
func (c *Config) validateAPIScopes() error {
	names, values := map[string]bool{}, map[string]bool{}
	for i, t := range c.API.Tokens {
		key := fmt.Sprintf("api.tokens[%d]", i)
		if names[t.Name] || values[t.Token] {
			return &Error{Key: key, Reason: fmt.Sprintf("the name %q or the token (not shown) is given twice", t.Name)}
		}
		names[t.Name], values[t.Token] = true, true
		if len(t.Rights) > 0 {
			if err := loa.CheckAPIRights(t.Rights); err != nil {
				return &Error{Key: key + ".rights", Reason: err.Error()}
			}
		}
		for _, u := range t.Units {
			if !slices.ContainsFunc(c.Units.Units, func(cu loa.CatalogUnit) bool { return cu.Key == u && !cu.Retired && cu.MergedInto == "" }) {
				return &Error{Key: key + ".units", Reason: fmt.Sprintf("%q is not a unit of the catalogue (loa units list)", u)}
			}
		}
	}
	return nil
}
