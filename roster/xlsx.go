package roster

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa"
)

const (
	// MaxXLSX is the largest workbook read: a members list of tens of thousands of rows is a
	// few megabytes; the console takes no larger upload.
	MaxXLSX = 20 << 20
	// MaxUnzipped bounds what a workbook may unpack to, so a small file that unpacks to
	// gigabytes (a zip bomb) is refused rather than filling memory or the disk.
	MaxUnzipped = 100 << 20
	// headerSearch is how many rows of each sheet are searched for a header naming chat_id.
	headerSearch = 20
)

// ErrTooLarge is a workbook larger than MaxXLSX, or one that unpacks to more than MaxUnzipped.
var ErrTooLarge = errors.New("the workbook is too large")

// ParseXLSX reads members from an Excel workbook: the first sheet whose first rows hold a
// header naming chat_id, or else the first sheet, read as CSV is (same header detection, same
// checks, same messages), each error naming the sheet's row and, for a bad cell, its column.
// Cells are read as Excel shows them, so a chat ID typed as a number stays its digits (never
// 8.4E+11), a text cell keeps its leading zeros, and a date reads as 15/12/2026.
func ParseXLSX(r io.Reader) (rows []loa.MemberImport, err error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxXLSX+1))
	if err != nil {
		return nil, fmt.Errorf("read the workbook: %w", err)
	}
	if len(data) > MaxXLSX {
		return nil, fmt.Errorf("%w: more than %d MB", ErrTooLarge, MaxXLSX>>20)
	}
	// excelize is not written for hostile files; a damaged one must not take the server down.
	defer func() {
		if p := recover(); p != nil {
			rows, err = nil, fmt.Errorf("%w: the workbook is damaged (%v)", ErrNotMembersFile, p)
		}
	}()
	if err := checkUnzipped(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipped,
		ShortDatePattern: "dd/mm/yyyy", LongTimePattern: "hh:mm"})
	if err != nil {
		return nil, fmt.Errorf("%w: not an Excel workbook (.xlsx): %v", ErrNotMembersFile, err)
	}
	defer f.Close()
	sheet, err := membersSheet(f)
	if err != nil {
		return nil, err
	}
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%w: sheet %q: %v", ErrNotMembersFile, sheet, err)
	}
	defer it.Close()
	line := 0
	rows, err = members(func() (int, []string, error) {
		if !it.Next() {
			if err := it.Error(); err != nil {
				return 0, nil, fmt.Errorf("sheet %q after row %d: %w", sheet, line, err)
			}
			return 0, nil, io.EOF
		}
		line++ // Next counts the rows a sheet leaves out, so this is the row's own number
		rec, err := it.Columns()
		if err != nil {
			return 0, nil, &loa.ImportError{Line: line, Err: fmt.Errorf("sheet %q: %w", sheet, err)}
		}
		return line, rec, nil
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// checkUnzipped refuses a workbook whose parts unpack to more than MaxUnzipped. The sizes
// are those the zip file declares; reading a part past its declared size fails, so they
// cannot lie.
func checkUnzipped(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%w: not an Excel workbook (.xlsx): %v", ErrNotMembersFile, err)
	}
	var total uint64
	for _, f := range z.File {
		if total += f.UncompressedSize64; total > MaxUnzipped || f.UncompressedSize64 > MaxUnzipped {
			return fmt.Errorf("%w: it unpacks to more than %d MB", ErrTooLarge, MaxUnzipped>>20)
		}
	}
	return nil
}

// membersSheet is the first sheet with a header naming chat_id in its first rows, else the
// first sheet.
func membersSheet(f *excelize.File) (string, error) {
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return "", fmt.Errorf("%w: the workbook has no sheet", ErrNotMembersFile)
	}
	for _, name := range sheets {
		it, err := f.Rows(name)
		if err != nil {
			continue
		}
		for i := 0; i < headerSearch && it.Next(); i++ {
			rec, _ := it.Columns()
			if slices.ContainsFunc(rec, func(c string) bool { return strings.EqualFold(strings.TrimSpace(c), "chat_id") }) {
				it.Close()
				return name, nil
			}
		}
		it.Close()
	}
	return sheets[0], nil
}
