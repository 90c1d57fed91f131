package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/config"
)

const token = "123456:AAHk-secret-token-value_xyz"

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestNoFileRunsOnSQLiteWithOnlyTheToken(t *testing.T) {
	t.Chdir(t.TempDir())
	cfg, err := config.Load("", envOf(map[string]string{"LOA_TELEGRAM_TOKEN": token}), true)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Database.Driver != "sqlite" || cfg.Database.DSN != "loa.db" || cfg.Timezone != "Asia/Ho_Chi_Minh" {
		t.Fatalf("defaults = %+v", cfg.Database)
	}
	// The sample catalogue: a PTKV and 7 communes and wards, each with its UBND, Ban CHQS,
	// police, militia and military service council.
	communes, chqs, councils := 0, 0, 0
	for _, u := range cfg.Units.Units {
		if u.Kind == "commune" || u.Kind == "ward" {
			communes++
		}
		if strings.HasPrefix(u.Name, "Ban CHQS") {
			chqs++
		}
		if strings.HasPrefix(u.Name, "Hội đồng NVQS") {
			councils++
		}
	}
	if communes != 7 || chqs != 7 || councils != 7 || cfg.Units.Units[0].Kind != "region" {
		t.Fatalf("sample catalogue has %d communes/wards, %d military commands, %d councils under %+v; want 7 of each under a region",
			communes, chqs, councils, cfg.Units.Units[0])
	}
	if len(cfg.Units.Topics) != 8 {
		t.Fatalf("topics = %d, want 8", len(cfg.Units.Topics))
	}
}

func TestWrongConfigNamesTheKeyAndHidesTheToken(t *testing.T) {
	cases := []struct {
		yaml, env, key string
	}{
		{"", "", "telegram.token"},
		{"telegram:\n  mode: pigeon\n", token, "telegram.mode"},
		{"telegram:\n  mode: webhook\n  webhook:\n    url: https://x.vn/hook\n", token, "telegram.webhook.secret_token"},
		{"database:\n  driver: mysql\n", token, "database.driver"},
		{"timezone: Mars/Olympus\n", token, "timezone"},
		{"telegram:\n  api_endpoint: 'localhost:8081'\n", token, "telegram.api_endpoint"},
		{"catalog:\n  topics: [{key: a, vi: A}]\n  units: [{key: x, name: X, kind: castle}]\n", token, "catalog"},
		{"telegram:\n  token: 'not a token " + token + "'\n", "", "telegram.token"},
		{"delivery:\n  lease: 10s\n", token, "delivery.lease"}, // shorter than 7 rounds of 15 s
		{"reminders:\n  min_interval: 1ms\n", token, "reminders.min_interval"},
		{"database:\n  dsn: mysql://root@localhost/loa\n", token, "database.dsn"},
		{"telegram:\n  tokne: x\n", token, "telegram.tokne"},
		{"delivery:\n  lease: 5m\n  batchh: 3\n", token, "delivery.batchh"},
		{"api:\n  tokens: [{name: a, token: 0123456789abcdef, rights: [create, launch]}]\n", token, "api.tokens[0].rights"},
		{"api:\n  tokens: [{name: a, token: 0123456789abcdef, units: [atlantis]}]\n", token, "api.tokens[0].units"},
		{"api:\n  tokens: [{name: a, token: 0123456789abcdef}, {name: a, token: 0123456789abcdeg}]\n", token, "api.tokens[1]"},
		{"http:\n  trusted_proxies: [10.0.0.0/33]\n", token, "http.trusted_proxies[0]"},
		{"http:\n  max_connections: -1\n", token, "http.max_connections"},
	}
	for _, c := range cases {
		path := filepath.Join(t.TempDir(), "loa.yaml")
		os.WriteFile(path, []byte(c.yaml), 0o600)
		_, err := config.Load(path, envOf(map[string]string{"LOA_TELEGRAM_TOKEN": c.env}), true)
		var ce *config.Error
		if !errors.As(err, &ce) || ce.Key != c.key {
			t.Errorf("%q: error %v, want one about %s", c.yaml, err, c.key)
			continue
		}
		if strings.Contains(err.Error(), "secret-token") {
			t.Errorf("error leaks the token: %v", err)
		}
	}
}

func TestMisspeltKeyIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loa.yaml")
	os.WriteFile(path, []byte("telegram:\n  tokn: x\n"), 0o600)
	_, err := config.Load(path, envOf(nil), false)
	if err == nil || !strings.Contains(err.Error(), "tokn") {
		t.Fatalf("misspelt key: %v", err)
	}
}

func TestEnvironmentOverridesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loa.yaml")
	os.WriteFile(path, []byte("admins: [1]\ndatabase:\n  driver: sqlite\n  dsn: a.db\n"), 0o600)
	cfg, err := config.Load(path, envOf(map[string]string{
		"LOA_TELEGRAM_TOKEN": token, "LOA_ADMINS": "7, 8", "LOA_DATABASE_URL": "postgres://u@h/db",
	}), true)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Database.Driver != "postgres" || !slices.Equal(cfg.Admins, []int64{7, 8}) {
		t.Fatalf("env not applied: %+v admins=%v", cfg.Database, cfg.Admins)
	}
	if _, err := config.Load(path, envOf(map[string]string{"LOA_ADMINS": "seven"}), false); err == nil || !strings.Contains(err.Error(), "LOA_ADMINS") {
		t.Fatalf("bad LOA_ADMINS: %v", err)
	}
}

func TestMergedIntoMustNameAUnit(t *testing.T) {
	cc := &config.CatalogConfig{Topics: []config.TopicConfig{{Key: "a", VI: "A"}},
		Units: []config.UnitConfig{{Key: "x", Name: "X", Kind: "district", MergedInto: "y"}}}
	if _, err := cc.Expand(); err == nil || !strings.Contains(err.Error(), "merged_into") {
		t.Fatalf("err = %v", err)
	}
}

func TestExampleConfigIsValid(t *testing.T) {
	cfg, err := config.Load("../config.example.yaml", envOf(nil), true)
	if err != nil {
		t.Fatalf("config.example.yaml: %v", err)
	}
	if cfg.Telegram.Mode != "polling" || cfg.Database.Driver != "sqlite" {
		t.Fatalf("example config: %+v", cfg)
	}
}

func TestAPIScopesAndTrustedProxies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loa.yaml")
	os.WriteFile(path, []byte("api:\n  tokens:\n  - {name: portal, token: 0123456789abcdef, units: [dong-nai/nha-bich], rights: [create, read]}\n  - {name: all, token: fedcba9876543210}\n"), 0o600)
	cfg, err := config.Load(path, envOf(map[string]string{"LOA_TELEGRAM_TOKEN": token, "LOA_HTTP_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.7"}), true)
	if err != nil {
		t.Fatal(err)
	}
	clients := cfg.APIClients()
	portal, all := clients["0123456789abcdef"], clients["fedcba9876543210"]
	if !slices.Equal(portal.Units, []string{"dong-nai/nha-bich"}) || !portal.May("read") || portal.May("read_all") {
		t.Errorf("a scoped token: %+v", portal)
	}
	if len(all.Units) != 0 || !all.May("cancel_all") {
		t.Errorf("a token without rights has them all: %+v", all)
	}
	if len(cfg.HTTP.Proxies) != 2 || cfg.HTTP.Proxies[1].String() != "192.168.1.7/32" {
		t.Errorf("trusted proxies: %v", cfg.HTTP.Proxies)
	}
}
