package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tierdesk/tierdesk/app/sysinfo"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// File is a file the user attaches to a report or a reply.
type File struct {
	Name string // the file's base name, as the helpdesk shows it
	Data []byte
}

// ReadFile reads a file to attach. Files over the attachment limit are
// refused before being read, with the size and the limit in the message.
func ReadFile(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, fmt.Errorf("attach %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return File{}, fmt.Errorf("attach %s: %w", path, err)
	}
	name := filepath.Base(path)
	if !st.Mode().IsRegular() {
		return File{}, fmt.Errorf("attach %s: %w: not a regular file", path, helpdesk.ErrInvalid)
	}
	if st.Size() > helpdesk.MaxAttachmentSize {
		return File{}, fmt.Errorf("attach %s: %w: %w: %s is %s; the limit is %s per file", path, helpdesk.ErrInvalid, helpdesk.ErrTooLarge,
			name, helpdesk.ByteSize(st.Size()), helpdesk.ByteSize(helpdesk.MaxAttachmentSize))
	}
	// The limit holds even if the file grows while it is read.
	data, err := io.ReadAll(io.LimitReader(f, helpdesk.MaxAttachmentSize+1))
	if err != nil {
		return File{}, fmt.Errorf("attach %s: %w", path, err)
	}
	if len(data) > helpdesk.MaxAttachmentSize {
		return File{}, fmt.Errorf("attach %s: %w: %w: %s grew past the limit of %s while being read", path, helpdesk.ErrInvalid, helpdesk.ErrTooLarge,
			name, helpdesk.ByteSize(helpdesk.MaxAttachmentSize))
	}
	if len(data) == 0 {
		return File{}, fmt.Errorf("attach %s: %w: the file is empty", path, helpdesk.ErrInvalid)
	}
	return File{Name: name, Data: data}, nil
}

// contentType names a file's MIME type: by its extension when the system
// knows it (a .log or .csv is text whatever its bytes look like), else by
// its first bytes.
func contentType(f File) string {
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(f.Name))); t != "" {
		return t
	}
	return http.DetectContentType(f.Data)
}

// attachments turns files into the attachments of an action and their
// bytes; the store fills in sizes and checksums.
func attachments(files []File) ([]helpdesk.Attachment, [][]byte) {
	if len(files) == 0 {
		return nil, nil
	}
	as := make([]helpdesk.Attachment, len(files))
	data := make([][]byte, len(files))
	for i, f := range files {
		as[i] = helpdesk.Attachment{Name: filepath.Base(strings.TrimSpace(f.Name)), Type: contentType(f), Size: int64(len(f.Data))}
		if strings.TrimSpace(f.Name) == "" {
			as[i].Name = ""
		}
		data[i] = f.Data
	}
	return as, data
}

// Category is a kind of problem a requester picks; it decides where the
// report starts.
type Category struct {
	Name string
	Tier helpdesk.Tier
}

// ReportCategories lists the categories a report offers, the default
// first. Security incidents go straight to the specialists; everything else
// starts at the help desk, which triages.
func ReportCategories() []Category {
	return []Category{
		{"Something else", helpdesk.L1},
		{"Hardware", helpdesk.L1},
		{"Software", helpdesk.L1},
		{"Network", helpdesk.L1},
		{"Account and access", helpdesk.L1},
		{"Security incident", helpdesk.L2},
	}
}

// Report is a problem report as the user filled it in.
type Report struct {
	Subject string
	Body    string // what happened
	// Severity is how bad it is; it becomes the ticket's priority.
	Severity helpdesk.Priority
	// Category is one of ReportCategories' names; empty or unknown means
	// the help desk (L1).
	Category string
	// SystemInfo is the system information as the user left it after
	// seeing it (they may have edited or emptied it).
	SystemInfo string
	Files      []File
}

// systemInfoHeading separates the user's words from the system information
// in the ticket's description.
const systemInfoHeading = "--- System information ---"

// Report files a problem report as a new ticket from the user, with its
// files, through the outbox: it works offline and is sent on the next sync.
// A report without a subject takes the first line of the body. On an error
// nothing is recorded and the caller still has everything in r.
func (d *Desk) Report(r Report) (helpdesk.Ticket, error) {
	subject := strings.TrimSpace(r.Subject)
	body := strings.TrimSpace(r.Body)
	if subject == "" {
		subject = firstLine(body, helpdesk.MaxSubjectLen)
	}
	if subject == "" {
		return helpdesk.Ticket{}, fmt.Errorf("report: %w: say what happened (a subject or a description)", helpdesk.ErrInvalid)
	}
	tier := helpdesk.L1
	category := strings.TrimSpace(r.Category)
	for _, c := range ReportCategories() {
		if strings.EqualFold(c.Name, category) {
			tier, category = c.Tier, c.Name
		}
	}
	var desc strings.Builder
	if category != "" {
		fmt.Fprintf(&desc, "Category: %s\n\n", category)
	}
	desc.WriteString(body)
	if si := strings.TrimSpace(r.SystemInfo); si != "" {
		fmt.Fprintf(&desc, "\n\n%s\n%s\n", systemInfoHeading, si)
	}
	as, data := attachments(r.Files)
	now := d.clock().UTC()
	t := helpdesk.Ticket{
		ClientRef: newClientID(),
		Subject:   subject,
		Requester: d.me.Name,
		Status:    helpdesk.StatusNew,
		Priority:  r.Severity,
		Tier:      tier,
		Created:   now.Truncate(time.Second),
		Updated:   now.Truncate(time.Second),
	}
	out, err := d.actWith(helpdesk.Mutation{Kind: helpdesk.MutCreate, Ticket: &t, Body: strings.TrimSpace(desc.String()), Attachments: as}, data)
	if err != nil {
		return out, fmt.Errorf("report: %w", err)
	}
	return out, nil
}

// firstLine returns the first non-blank line of s, cut to n runes.
func firstLine(s string, n int) string {
	for l := range strings.Lines(s) {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		if utf8.RuneCountInString(l) > n {
			r := []rune(l)
			l = strings.TrimSpace(string(r[:n-1])) + "…"
		}
		return l
	}
	return ""
}

// ReplyWith adds a public reply with files. Requesters may reply to their
// own tickets only (as with Reply). A reply of files alone says which
// files, so the conversation reads sensibly on the server.
func (d *Desk) ReplyWith(id uint64, body string, files []File) (helpdesk.Ticket, error) {
	as, data := attachments(files)
	if strings.TrimSpace(body) == "" && len(as) > 0 {
		names := make([]string, len(as))
		for i, a := range as {
			names[i] = a.Name
		}
		body = "Attached: " + strings.Join(names, ", ")
	}
	return d.actWith(helpdesk.Mutation{Kind: helpdesk.MutReply, TicketID: id, Body: body, Attachments: as}, data)
}

// SystemInfo collects the system information a report offers to attach,
// with the account's server as the helpdesk whose reachability it checks.
func (d *Desk) SystemInfo(ctx context.Context) sysinfo.Info {
	return sysinfo.Collect(ctx, sysinfo.Options{AppVersion: Version, ServerURL: d.serverURL, DataDir: d.dir})
}

// ErrAttachmentGone: the bytes of an attachment are not on this device:
// it was sent (the server has it) or came from the server.
var ErrAttachmentGone = errors.New("the file is not kept on this device; open it in the helpdesk's web page")

// Attachment returns the bytes of an attachment not yet sent, to open or
// save it, checked against the checksum taken when it was attached.
func (d *Desk) Attachment(a helpdesk.Attachment) ([]byte, error) {
	if a.Blob == 0 {
		return nil, fmt.Errorf("%s: %w", a.Name, ErrAttachmentGone)
	}
	b, err := d.store.Attachment(a.Blob)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("%s: %w", a.Name, ErrAttachmentGone)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", a.Name, err)
	}
	if sum := sha256.Sum256(b); a.SHA256 != "" && hex.EncodeToString(sum[:]) != a.SHA256 {
		return nil, fmt.Errorf("read %s: the stored copy is damaged (checksum mismatch)", a.Name)
	}
	return b, nil
}

// attachmentSource is what opening a pulled file needs of a backend.
type attachmentSource interface {
	AttachmentContent(ctx context.Context, id uint64) ([]byte, error)
}

// DownloadAttachment returns an attachment's bytes wherever they are: the
// local copy of one not yet sent, or the server's copy of one pulled with
// a conversation (this needs the network).
func (d *Desk) DownloadAttachment(ctx context.Context, a helpdesk.Attachment) ([]byte, error) {
	if a.Blob != 0 {
		b, err := d.Attachment(a)
		if !errors.Is(err, ErrAttachmentGone) || a.RemoteID == 0 {
			return b, err
		}
	}
	if a.RemoteID == 0 {
		return nil, fmt.Errorf("%s: %w", a.Name, ErrAttachmentGone)
	}
	src, ok := d.backend.(attachmentSource)
	if !ok {
		return nil, fmt.Errorf("download %s: %w", a.Name, ErrNoServer)
	}
	b, err := src.AttachmentContent(ctx, a.RemoteID)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", a.Name, err)
	}
	if a.Size > 0 && int64(len(b)) != a.Size {
		return nil, fmt.Errorf("download %s: the server sent %d bytes of %d", a.Name, len(b), a.Size)
	}
	return b, nil
}
