package documents

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// One headless Chromium serves every page this package's tests print or photograph, each in a
// tab of its own: starting the browser costs seconds of both cores. TestMain stops it.
var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	dir    string
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	if browser.dir != "" {
		os.RemoveAll(browser.dir)
	}
	os.Exit(code)
}

// newTab opens a tab in the shared browser; cancel closes it. Without Chromium the
// test is skipped on a developer's machine and fails in CI, where .ci/run installs it.
func newTab(t testing.TB) (context.Context, context.CancelFunc) {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no chromium to print with: install Debian's chromium package (.ci/run does)")
		}
		t.Skip("no chromium on this machine; apt-get install chromium to print the test PDF")
	}
	browser.once.Do(func() {
		browser.dir, browser.err = os.MkdirTemp("", "loa-documents-chromium")
		if browser.err != nil {
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
			chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true), chromedp.UserDataDir(browser.dir))
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		browser.ctx, browser.cancel = ctx, func() { cancel(); cancelAlloc() }
		// The first Run starts the browser, in its first tab, which stays open as the browser's.
		browser.err = chromedp.Do(ctx)
	})
	if browser.err != nil {
		t.Fatalf("start chromium: %v", browser.err)
	}
	return chromedp.NewContext(browser.ctx)
}
