package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/config"
)

// An office writes its tree from the national list, and serve's configuration loads it.
func TestInitWritesACatalogueServeLoads(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "catalog.yaml")
	loa := func(args ...string) (string, int) {
		var out bytes.Buffer
		code := run(context.Background(), args, env{stdout: &out, stderr: &out, getenv: func(string) string { return "" }})
		return out.String(), code
	}
	out, code := loa("init", "--province", "Đồng Nai", "--region", "PTKV 1", "--communes", "Chơn Thành, Minh Hưng, Nha Bích", "--out", file)
	if code != 0 || !strings.Contains(out, "Ban Chỉ huy Phòng thủ khu vực 1 – Đồng Nai\n  Phường Chơn Thành (5 đơn vị)") || !strings.Contains(out, "19 units") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	cfg, err := config.Load("", func(k string) string {
		return map[string]string{"LOA_CATALOG_FILE": file}[k]
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Units.Units) != 19 || cfg.Units.Units[0].Key != "dong-nai/ptkv-1" {
		t.Errorf("serve would load %d units, the first %+v", len(cfg.Units.Units), cfg.Units.Units[0])
	}

	if out, code := loa("init", "--province", "Đồng Nai", "--out", file); code != 2 || !strings.Contains(out, "--force replaces it") {
		t.Errorf("an existing catalogue was not kept: exit %d: %s", code, out)
	}
	if out, code := loa("init", "--province", "Đồng Nai", "--out", file, "--force"); code != 0 || !strings.Contains(out, "Bộ CHQS tỉnh Đồng Nai\n  Phòng Tham mưu") {
		t.Errorf("--force: exit %d: %.300s", code, out)
	}
	if out, code := loa("init", "--province", "Đồng Nai", "--region", "PTKV 2", "--communes", "Hưng Long", "--out", filepath.Join(dir, "x.yaml")); code != 2 || !strings.Contains(out, "now part of Phường Chơn Thành") {
		t.Errorf("a former ward: exit %d: %s", code, out)
	}
}
