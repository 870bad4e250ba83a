package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// downloadTimeout bounds fetching one attachment from the helpdesk.
const downloadTimeout = 2 * time.Minute

// saveAttachment fetches an attachment (the local copy of an unsent one,
// else the helpdesk's, which needs the network) in the background, then
// asks where to save it.
func (u *UI) saveAttachment(a helpdesk.Attachment) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), downloadTimeout)
		defer cancel()
		data, err := u.desk.DownloadAttachment(ctx, a)
		u.deliver(func() {
			if err != nil {
				u.report("Could not fetch "+a.Name, err)
				return
			}
			d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
				if err != nil {
					u.report("Could not save "+a.Name, err)
					return
				}
				if w == nil {
					return // cancelled
				}
				_, werr := w.Write(data)
				if cerr := w.Close(); werr == nil {
					werr = cerr
				}
				if werr != nil {
					u.report("Could not save "+a.Name, werr)
				}
			}, u.win)
			d.SetFileName(a.Name)
			u.show(d, nil)
			d.Resize(fyne.NewSize(760, 520)) // only once shown: Fyne builds it in Show
		})
	}()
}
