package main

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// TestDockerfile reads the Dockerfile with BuildKit's own parser and linter: no lint warning,
// a build stage on the Go release go.mod asks for, a static binary, and a final stage that
// runs as a non-root user with a data volume and a HEALTHCHECK that calls `loa healthcheck`.
func TestDockerfile(t *testing.T) {
	t.Parallel()
	f, err := os.Open("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := parser.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	lint := linter.New(&linter.Config{Warn: func(rule, _, _, msg string, _ []parser.Range) { warnings = append(warnings, rule+": "+msg) }})
	stages, _, err := instructions.Parse(res.AST, lint)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("Dockerfile: %v %v", err, warnings)
	}
	if len(stages) < 2 || !strings.Contains(stages[0].BaseName, "golang:1.27.3") {
		t.Fatalf("want a build stage on golang:1.27.3 and a runtime stage, got %d stages from %q", len(stages), stages[0].BaseName)
	}
	var static bool
	for _, c := range stages[0].Commands {
		if run, ok := c.(*instructions.RunCommand); ok && strings.Contains(strings.Join(run.CmdLine, " "), "CGO_ENABLED=0") {
			static = true
		}
	}
	final := stages[len(stages)-1]
	var user, volume, health string
	for _, c := range final.Commands {
		switch c := c.(type) {
		case *instructions.UserCommand:
			user = c.User
		case *instructions.VolumeCommand:
			volume = strings.Join(c.Volumes, " ")
		case *instructions.HealthCheckCommand:
			health = strings.Join(c.Health.Test, " ")
		}
	}
	if !static || user == "" || strings.HasPrefix(user, "root") || user == "0" || volume != "/data" || !strings.Contains(health, "loa healthcheck") {
		t.Fatalf("static %v, user %q, volume %q, healthcheck %q", static, user, volume, health)
	}
}

// TestHealthcheckCommand: the image's HEALTHCHECK passes against a healthy serve and fails
// against nothing.
func TestHealthcheckCommand(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	if out, code := h.cli("healthcheck", "--url", "http://"+h.app.Addr+"/healthz"); code != 0 || !strings.Contains(out, `"status":"ok"`) {
		t.Fatalf("healthy serve: exit %d %s", code, out)
	}
	if out, code := h.cli("healthcheck", "--url", "http://127.0.0.1:1/healthz"); code != 1 {
		t.Fatalf("nothing listening: exit %d %s", code, out)
	}
}

// TestComposeFile loads compose.yaml with the Compose specification's own loader: two loa
// replicas on PostgreSQL, started once the database is healthy, behind a proxy that serves
// HTTPS for the domain on 443, and the settings an operator must give named when missing.
func TestComposeFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	load := func(env []string) (*cli.ProjectOptions, error) {
		return cli.NewProjectOptions([]string{"../../compose.yaml"}, cli.WithEnv(env), cli.WithName("loa"))
	}
	opts, err := load([]string{"LOA_TELEGRAM_TOKEN=1:x", "LOA_ADMINS=900", "LOA_DOMAIN=loa.example.gov.vn", "LOA_WEBHOOK_SECRET=s"})
	if err != nil {
		t.Fatal(err)
	}
	project, err := opts.LoadProject(ctx)
	if err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	loa, ok := project.Services["loa"]
	if !ok || loa.Deploy == nil || loa.Deploy.Replicas == nil || *loa.Deploy.Replicas != 2 {
		t.Fatalf("want two loa replicas: %+v", loa.Deploy)
	}
	if d := loa.Environment["LOA_DATABASE_DRIVER"]; d == nil || *d != "postgres" {
		t.Fatalf("loa is not on PostgreSQL: %v", loa.Environment)
	}
	if dep := loa.DependsOn["postgres"]; dep.Condition != "service_healthy" {
		t.Fatalf("loa does not wait for a healthy database: %+v", loa.DependsOn)
	}
	if hook := loa.Environment["LOA_TELEGRAM_WEBHOOK_URL"]; hook == nil || *hook != "https://loa.example.gov.vn/telegram/webhook" {
		t.Fatalf("webhook URL: %v", hook)
	}
	proxy := project.Services["proxy"]
	if !slices.Contains(proxy.Command, "loa.example.gov.vn") || !slices.ContainsFunc(proxy.Ports, func(p types.ServicePortConfig) bool { return p.Target == 443 }) {
		t.Fatalf("the proxy does not serve HTTPS for LOA_DOMAIN on 443: %v %+v", proxy.Command, proxy.Ports)
	}
	if public := loa.Environment["LOA_HTTP_PUBLIC_URL"]; public == nil || *public != "https://loa.example.gov.vn" {
		t.Fatalf("public URL: %v", public)
	}
	opts, _ = load(nil)
	if _, err := opts.LoadProject(ctx); err == nil || !strings.Contains(err.Error(), "LOA_TELEGRAM_TOKEN") {
		t.Fatalf("without a token: %v, want an error naming LOA_TELEGRAM_TOKEN", err)
	}
}
