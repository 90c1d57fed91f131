package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// newBrowser opens a browser for one test: its own BrowserContext (cookies, storage) in a
// headless Chromium (Debian's chromium package) that the package's tests share, since starting
// one costs seconds of both cores. Without it the test is skipped on a developer's machine and
// fails in CI, where .ci/run installs it.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: drives a real Chromium, seconds a page")
	}
	path := needTool(t, "chromium", "Debian's chromium package (apt-get install chromium)", "chromium", "chromium-browser", "google-chrome")
	chromium.once.Do(func() {
		chromium.dir, chromium.err = os.MkdirTemp("", "loa-chromium")
		if chromium.err != nil {
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
			chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
			chromedp.WindowSize(1500, 1000), chromedp.UserDataDir(chromium.dir))
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		chromium.ctx, chromium.stop = ctx, func() { cancel(); cancelAlloc() }
		chromium.err = chromedp.Do(ctx) // starts the browser; its first tab stays open as its own
	})
	if chromium.err != nil {
		t.Fatalf("start chromium: %v", chromium.err)
	}
	ctx, cancel := chromedp.NewContext(chromium.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// One bound for the whole test, the suite's own (-timeout) less a minute to report: a
	// browser that hangs fails this test instead of the suite, and a busy machine fails nothing.
	deadline, ok := t.Deadline()
	if !ok {
		deadline = time.Now().Add(11 * time.Minute)
	}
	ctx, cancelTimeout := context.WithDeadline(ctx, deadline.Add(-time.Minute))
	t.Cleanup(cancelTimeout)
	return ctx
}

// chromium is the package's shared browser, started by the first test that needs one and
// stopped by TestMain.
var chromium struct {
	once sync.Once
	ctx  context.Context
	stop context.CancelFunc
	dir  string
	err  error
}

// emojiFont is Debian's fonts-noto-color-emoji: without it the bot's emoji show as boxes.
const emojiFont = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"

// screenshot saves what the browser shows as name.png in docs/screenshots, so that every run
// refreshes the pictures the docs show ($LOA_SCREENSHOTS names another folder). Without the
// emoji font the picture would be wrong, so it goes to the test's folder instead, and in CI
// the test fails.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := cmp.Or(os.Getenv("LOA_SCREENSHOTS"), filepath.Join("..", "..", "docs", "screenshots"))
	if _, err := os.Stat(emojiFont); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no emoji font at %s: install Debian's fonts-noto-color-emoji (.ci/run does)", emojiFont)
		}
		t.Logf("SKIP refreshing docs/screenshots/%s.png: no emoji font (apt-get install fonts-noto-color-emoji)", name)
		dir = t.TempDir()
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	// Written whole, then renamed: two tests may save the same picture at once.
	tmp, err := os.CreateTemp(dir, name+"-*.png")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmp.Write(png); err != nil {
		t.Fatal(err)
	}
	if err := tmp.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name+".png")); err != nil {
		t.Fatal(err)
	}
}

// needTool is the path of the first of names found, for a test that drives an outside tool.
// Without it the test is skipped with the reason and what to install (go test -v shows it), and
// in CI (CI set, as .ci/run does) it fails instead.
func needTool(t *testing.T, tool, install string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing: install %s (.ci/run does)", tool, install)
	}
	t.Skipf("SKIP: %s is not installed: install %s to run this test", tool, install)
	return ""
}

type step = chromedp.Action[chromedp.Void]

// clickXPath clicks an element once it is there. The click is the element's own click(), not
// a mouse event at its coordinates, so content arriving meanwhile cannot move it from under
// the pointer.
func clickXPath(xpath string) step {
	js := fmt.Sprintf(`document.evaluate(%q, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue.click()`, xpath)
	return chromedp.Steps(chromedp.WaitVisible(chromedp.Search(xpath)), ignoreValue(chromedp.Evaluate[any](js)))
}

func ignoreValue[T any](a chromedp.Action[T]) step {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}
