package ui

import (
	"fmt"
	"io"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// attachments is the list of files a report or a reply will carry, with an
// "Attach file…" button; the files are read into memory when chosen, so
// what is sent is what the user saw listed even if the file changes later.
type attachments struct {
	u     *UI
	files []app.File
	rows  *fyne.Container
	add   *widget.Button
	box   *fyne.Container
	// changed runs after the list changed, for the owner to lay out again.
	changed func()
}

func newAttachments(u *UI, changed func()) *attachments {
	a := &attachments{u: u, changed: changed}
	a.rows = container.NewVBox()
	a.add = widget.NewButtonWithIcon("Attach file…", theme.ContentAddIcon(), a.choose)
	a.box = container.NewVBox(a.rows)
	return a
}

// choose opens the file dialog; the file is read when picked.
func (a *attachments) choose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			a.u.report("Could not open the file", err)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, helpdesk.MaxAttachmentSize+1))
		if err != nil {
			a.u.report("Could not read "+r.URI().Name(), err)
			return
		}
		if len(data) > helpdesk.MaxAttachmentSize {
			a.u.report("Could not attach "+r.URI().Name(),
				fmt.Errorf("the file is larger than %s, the most the helpdesk accepts", helpdesk.ByteSize(helpdesk.MaxAttachmentSize)))
			return
		}
		a.addFile(app.File{Name: r.URI().Name(), Data: data})
	}, a.u.win)
	a.u.show(d, nil)
	d.Resize(fyne.NewSize(760, 520)) // only once shown: Fyne builds it in Show
}

// addFile lists f, replacing a file of the same name.
func (a *attachments) addFile(f app.File) {
	a.files = slices.DeleteFunc(a.files, func(g app.File) bool { return g.Name == f.Name })
	a.files = append(a.files, f)
	a.refresh()
}

// remove drops the file at i.
func (a *attachments) remove(name string) {
	a.files = slices.DeleteFunc(a.files, func(g app.File) bool { return g.Name == name })
	a.refresh()
}

func (a *attachments) refresh() {
	a.rows.RemoveAll()
	for _, f := range a.files {
		name := widget.NewLabel(f.Name + "  (" + helpdesk.ByteSize(int64(len(f.Data))) + ")")
		name.Truncation = fyne.TextTruncateEllipsis
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { a.remove(f.Name) })
		rm.Importance = widget.LowImportance
		a.rows.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), rm, name))
	}
	a.rows.Refresh()
	relayout(a.box)
	if a.changed != nil {
		a.changed()
	}
}

// clear forgets every file, after they were recorded.
func (a *attachments) clear() {
	a.files = nil
	a.refresh()
}
