package loa

import "time"

// Official document statuses: a draft has been read and previewed; a sent one has gone to its
// units, and its tasks are followed up (reminders, done marks, the overdue digest); a
// cancelled one was set aside by its bringer and goes nowhere.
const (
	DocumentDraft     = "draft"
	DocumentSent      = "sent"
	DocumentCancelled = "cancelled"
)

// OfficialDocument is an official document (a plan, a directive, an official letter) brought
// to Loa, as the documents room read it.
type OfficialDocument struct {
	ID       int64  `db:"id" json:"id"`
	Number   string `db:"number" json:"number"`     // "45/KH-UBND"
	TypeKey  string `db:"type_key" json:"type_key"` // "ke-hoach"
	Date     string `db:"doc_date" json:"date"`     // "2024-03-15", empty when not read
	Issuer   string `db:"issuer" json:"issuer"`
	Title    string `db:"title" json:"title"`
	Signer   string `db:"signer" json:"signer"`
	FileName string `db:"file_name" json:"file_name"`
	// The file itself: its bytes (brought by the command line or the API), or the Telegram
	// file (brought through the bot), which is sent again without downloading it.
	File        []byte     `db:"file_data" json:"-"`
	Media       Media      `db:"" json:"-"`
	BroughtBy   string     `db:"brought_by" json:"brought_by"`
	BroughtUser int64      `db:"brought_user" json:"-"`
	Status      string     `db:"status" json:"status"`
	CreatedAt   time.Time  `db:"created_at" json:"created_at"`
	SentAt      *time.Time `db:"sent_at" json:"sent_at,omitempty"`
	SentBy      string     `db:"sent_by" json:"sent_by,omitempty"`
	// MediaGroup is the Telegram album the document came as, one photo a page ("" for one file);
	// PreviewMessage is the bot's message showing its preview, edited as pages join.
	MediaGroup     string `db:"media_group" json:"-"`
	PreviewMessage int    `db:"preview_message" json:"-"`
	// Pages are an album's photos in the order they were sent, each with its text.
	Pages []DocumentPage `db:"-" json:"-"`
	// Addressees are the names the document addresses, each with its unit ("" unmapped).
	Addressees []DocumentAddressee `db:"-" json:"addressees"`
	Tasks      []DocumentTask      `db:"-" json:"tasks"`
}

// Units lists the distinct units the document is addressed to, in the order it names them.
func (d OfficialDocument) Units() []string {
	var out []string
	seen := map[string]bool{}
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, a := range d.Addressees {
		add(a.UnitKey)
	}
	for _, t := range d.Tasks {
		add(t.UnitKey)
	}
	return out
}

// Unmapped lists the names the document addresses that match no unit.
func (d OfficialDocument) Unmapped() []string {
	var out []string
	for _, a := range d.Addressees {
		if a.UnitKey == "" {
			out = append(out, a.Name)
		}
	}
	return out
}

// DocumentAddressee is a name a document addresses and the unit it stands for.
type DocumentAddressee struct {
	Name    string `db:"name" json:"name"`
	UnitKey string `db:"unit_key" json:"unit,omitempty"`
}

// DocumentTask is one unit's task from a document.
type DocumentTask struct {
	ID         int64      `db:"id" json:"id"`
	DocumentID int64      `db:"document_id" json:"document_id"`
	UnitKey    string     `db:"unit_key" json:"unit"` // "" when its addressee matched no unit
	Addressee  string     `db:"addressee" json:"addressee"`
	Section    string     `db:"section" json:"section"` // "III.2"
	Text       string     `db:"text" json:"text"`
	Deadline   string     `db:"deadline" json:"deadline"` // YYYY-MM-DD, empty for none
	DoneAt     *time.Time `db:"done_at" json:"done_at,omitempty"`
	DoneBy     string     `db:"done_by" json:"done_by,omitempty"`
	Report     string     `db:"report" json:"report,omitempty"`
}

// OpenTask is a task not yet done, with the document it comes from, for reminders and the
// overdue digest.
type OpenTask struct {
	DocumentTask
	Number string `db:"number"`
	Title  string `db:"title"`
}

// DocumentPage is one photo of a document sent as an album, and the text read from it.
type DocumentPage struct {
	MessageID int    `db:"message_id"`
	Media     Media  `db:""`
	Text      string `db:"text"`
}
