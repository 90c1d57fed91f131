package documents

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// readImage runs tesseract on a photo or scan of a page. It runs as a program, bounded by a
// timeout, so a bad image costs at most that and never this process's memory.
func readImage(ctx context.Context, data []byte, lim Limits) (Text, error) {
	prog, err := exec.LookPath(lim.Tesseract)
	if err != nil {
		return Text{}, ErrOCRUnavailable
	}
	f, err := os.CreateTemp("", "loa-ocr-*")
	if err != nil {
		return Text{}, fmt.Errorf("ocr: temporary file: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return Text{}, fmt.Errorf("ocr: temporary file: %w", err)
	}
	if err := f.Close(); err != nil {
		return Text{}, fmt.Errorf("ocr: temporary file: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, lim.OCRTimeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, prog, f.Name(), "-", "-l", lim.OCRLanguages)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// One thread: OpenMP's spinning threads made a page take ten times longer on a busy machine.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return Text{}, fmt.Errorf("%w: recognition took more than %s", ErrUnreadable, lim.OCRTimeout)
		}
		msg := stderr.String()
		if strings.Contains(msg, "Failed loading language") {
			return Text{}, fmt.Errorf("%w: %s", ErrOCRUnavailable, firstLine(msg))
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return Text{}, fmt.Errorf("%w: tesseract: %s", ErrUnreadable, firstLine(msg))
		}
		return Text{}, fmt.Errorf("ocr: %w", err)
	}
	return Text{Kind: KindImage, Pages: 1, Body: stdout.String()}, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
