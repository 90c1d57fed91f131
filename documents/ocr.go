package documents

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// readImage runs tesseract on a photo or scan of a page.
func readImage(ctx context.Context, data []byte, lim Limits) (Text, error) {
	return readImages(ctx, [][]byte{data}, lim)
}

// readImages recognises the text of page images, in order, with one tesseract run (its model
// loads once). The images go to files in a temporary directory, removed afterwards.
func readImages(ctx context.Context, pages [][]byte, lim Limits) (Text, error) {
	if _, err := exec.LookPath(lim.Tesseract); err != nil {
		return Text{}, ErrOCRUnavailable
	}
	dir, err := os.MkdirTemp("", "loa-ocr-*")
	if err != nil {
		return Text{}, fmt.Errorf("ocr: temporary directory: %w", err)
	}
	defer os.RemoveAll(dir)
	files := make([]string, len(pages))
	for i, p := range pages {
		files[i] = filepath.Join(dir, fmt.Sprintf("page-%04d", i+1))
		if err := os.WriteFile(files[i], p, 0o600); err != nil {
			return Text{}, fmt.Errorf("ocr: temporary file: %w", err)
		}
	}
	body, err := recognise(ctx, dir, files, lim)
	if err != nil {
		return Text{}, err
	}
	return Text{Kind: KindImage, Pages: len(pages), Body: body}, nil
}

// recognise runs tesseract on image files, in order, as a program bounded by a timeout per
// page, so a bad image costs at most that and never this process's memory. Several files go
// in one list file: tesseract reads each line as an image.
func recognise(ctx context.Context, dir string, files []string, lim Limits) (string, error) {
	prog, err := exec.LookPath(lim.Tesseract)
	if err != nil {
		return "", ErrOCRUnavailable
	}
	input := files[0]
	if len(files) > 1 {
		input = filepath.Join(dir, "pages.txt")
		if err := os.WriteFile(input, []byte(strings.Join(files, "\n")+"\n"), 0o600); err != nil {
			return "", fmt.Errorf("ocr: list of pages: %w", err)
		}
	}
	timeout := lim.OCRTimeout * time.Duration(len(files))
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, prog, input, "-", "-l", lim.OCRLanguages)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// One thread: OpenMP's spinning threads made a page take ten times longer on a busy machine.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("%w: recognition took more than %s", ErrUnreadable, timeout)
		}
		msg := stderr.String()
		if strings.Contains(msg, "Failed loading language") {
			return "", fmt.Errorf("%w: %s", ErrOCRUnavailable, firstLine(msg))
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", fmt.Errorf("%w: tesseract: %s", ErrUnreadable, firstLine(msg))
		}
		return "", fmt.Errorf("ocr: %w", err)
	}
	// Pages end with a form feed; the parser wants lines.
	return repairMarks(strings.ReplaceAll(stdout.String(), "\f", "\n")), nil
}

var (
	// A bullet tesseract reads as another stroke ("¬", "~", "_", ":") before an item.
	misreadBullet = regexp.MustCompile(`(?m)^[ \t]*[¬~_—–:•][ \t]+(\pL)`)
	// A numbered addressee whose dot was lost or read as ":" or ",": "1 Ban CHQS thị xã:".
	misreadNumber = regexp.MustCompile(`(?m)^[ \t]*(\d{1,2})[:,]?[ \t]+(\p{Lu}[^:\n]{0,80}:)[ \t]*$`)
)

// repairMarks restores the list marks of a recognised page that the parser reads by (the
// dashes before tasks, "1." before an addressee); the words are left as recognised.
func repairMarks(s string) string {
	s = misreadBullet.ReplaceAllString(s, "- $1")
	return misreadNumber.ReplaceAllString(s, "$1. $2")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
