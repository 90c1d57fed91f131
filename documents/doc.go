// Package documents reads official documents (plans, directives, official letters in the
// layout of Decree 30/2020/NĐ-CP) from Word, PDF or a photo into text, finds their number,
// date, issuer, addressees, tasks and deadlines, and maps the addressees to catalogue units.
package documents

import (
	"errors"
	"fmt"
)

// Refusals: each tells the person why the file was not read; nothing of it is stored.
var (
	ErrNotDocument    = errors.New("not a document Loa reads (PDF, Word .docx or a photo of the pages)")
	ErrTooLarge       = errors.New("file too large")
	ErrEncrypted      = errors.New("document is encrypted")
	ErrLegacyWord     = errors.New("a Word 97-2003 .doc file: save it as .docx")
	ErrUnreadable     = errors.New("document is damaged or unreadable")
	ErrNoTextLayer    = errors.New("PDF has no text layer (a scan)")
	ErrOCRUnavailable = errors.New("OCR (tesseract with its Vietnamese model) is not installed")
	ErrTooManyPages   = errors.New("document has too many pages")
	ErrNoText         = errors.New("no text found in the document")
	// ErrUnpacksTooLarge is a small file that unpacks to far more (a zip or deflate bomb).
	ErrUnpacksTooLarge = fmt.Errorf("%w: unpacks too large", ErrTooLarge)
	// ErrRenderUnavailable: a scanned PDF needs poppler's pdftoppm to become page images.
	ErrRenderUnavailable = errors.New("rendering PDF pages (poppler's pdftoppm) is not installed")
	// ErrTooManyScanPages: recognising text costs seconds a page, so scans have a lower limit.
	ErrTooManyScanPages = fmt.Errorf("%w to recognise", ErrTooManyPages)
)

// Kind says how a document's text was read.
type Kind string

// The forms Loa reads.
const (
	KindDocx  Kind = "docx"
	KindPDF   Kind = "pdf"
	KindImage Kind = "image"
	KindText  Kind = "text"
)

// Text is a document read into lines.
type Text struct {
	Kind  Kind   `json:"kind"`
	Pages int    `json:"pages"`
	Body  string `json:"-"`
}

// RefusalKey names the catalogue sentence (package texts) that tells a person why their file
// was not read.
func RefusalKey(err error) string {
	for _, r := range []struct {
		err error
		key string
	}{
		{ErrNotDocument, "doc_err_not_document"}, {ErrUnpacksTooLarge, "doc_err_unpacks"}, {ErrTooLarge, "doc_err_too_large"}, {ErrEncrypted, "doc_err_encrypted"},
		{ErrLegacyWord, "doc_err_legacy_word"}, {ErrUnreadable, "doc_err_unreadable"}, {ErrNoTextLayer, "doc_err_no_text_layer"},
		{ErrRenderUnavailable, "doc_err_render"}, {ErrTooManyScanPages, "doc_err_scan_pages"},
		{ErrOCRUnavailable, "doc_err_ocr"}, {ErrTooManyPages, "doc_err_too_many"}, {ErrNoText, "doc_err_no_text"},
	} {
		if errors.Is(err, r.err) {
			return r.key
		}
	}
	return "doc_err_other"
}
