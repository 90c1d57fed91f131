package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSystemdUnitVerifies checks deploy/loa.service with systemd's own verifier: every
// directive parses and the binary it starts exists.
func TestSystemdUnitVerifies(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: systemd-analyze takes seconds to start")
	}
	needTool(t, "systemd-analyze", "Debian's systemd package (apt-get install systemd)", "systemd-analyze")
	unit, err := os.ReadFile("../../deploy/loa.service")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "loa.service")
	os.WriteFile(path, []byte(strings.ReplaceAll(string(unit), "/usr/local/bin/loa", loaBinary(t))), 0o644)
	out, err := exec.Command("systemd-analyze", "verify", path).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// TestAlertRulesWatchRealMetrics checks that every metric the example Prometheus rules use is
// one Loa serves, so a renamed metric cannot leave an alert silently watching nothing.
func TestAlertRulesWatchRealMetrics(t *testing.T) {
	t.Parallel()
	rules, err := os.ReadFile("../../deploy/prometheus-alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var source strings.Builder
	filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			data, _ := os.ReadFile(path)
			source.Write(data)
		}
		return nil
	})
	names := regexp.MustCompile(`\bloa_[a-z0-9_]+`).FindAllString(string(rules), -1)
	if len(names) < 5 {
		t.Fatalf("only %d metrics in the rules", len(names))
	}
	for _, name := range names {
		if !strings.Contains(source.String(), `"`+name+`"`) {
			t.Errorf("the alert rules watch %s, which Loa does not serve", name)
		}
	}
}
