package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tierdesk/tierdesk/app"
	"github.com/tierdesk/tierdesk/helpdesk"
)

// articleForm writes or edits a knowledge-base article (L2/L3): title,
// category, summary and a Markdown body with a preview. It is saved on
// this device at once and reaches the helpdesk through the outbox, so it
// works offline; the form stays open, with everything typed, until the desk
// has recorded it.
type articleForm struct {
	u    *UI
	base helpdesk.Article // the article edited; ID 0 for a new one

	title    *keyEntry
	category *widget.SelectEntry
	summary  *keyEntry
	body     *keyEntry
	preview  *widget.RichText
	tabs     *container.AppTabs
	problem  *widget.Label
	saveB    *widget.Button
	dlg      *dialog.CustomDialog
}

// newArticle opens an empty article form.
func (u *UI) newArticle() { u.editArticle(helpdesk.Article{}) }

// articleFromTicket opens the form on a draft made from the shown ticket:
// its problem and the replies that solved it.
func (u *UI) articleFromTicket() {
	id := u.detail.id
	if id == 0 || !u.desk.CanAuthor() {
		return
	}
	a, err := u.desk.ArticleFromTicket(id)
	if err != nil {
		u.report("Could not draft an article from the ticket", err)
		return
	}
	u.editArticle(a)
}

// editArticle opens the form on a (new, drafted or existing) article.
func (u *UI) editArticle(a helpdesk.Article) {
	if u.busy() || !u.desk.CanAuthor() {
		return
	}
	f := &articleForm{u: u, base: a}
	escape := func() { f.dlg.Hide() }

	f.title = newKeyEntry()
	f.title.SetPlaceHolder("What the article solves, as a user would search for it")
	f.title.SetText(a.Title)
	f.title.onEscape = escape
	cats, err := u.desk.Categories()
	if err != nil {
		u.log.Warn("reading article categories", "err", err)
	}
	f.category = widget.NewSelectEntry(cats)
	f.category.SetPlaceHolder("A category (the helpdesk's article class)")
	f.category.SetText(a.Category)
	f.summary = newKeyEntry()
	f.summary.SetPlaceHolder("Optional: one sentence shown in search results")
	f.summary.SetText(a.Summary)
	f.summary.onEscape = escape
	f.body = newMultiLineKeyEntry(14)
	f.body.SetPlaceHolder("The article in Markdown: ## headings, 1. steps, **bold**, `code`")
	f.body.SetText(a.Body)
	f.body.onEscape = escape
	f.body.onSend = f.submit
	f.preview = widget.NewRichText()
	f.preview.Wrapping = fyne.TextWrapWord
	f.tabs = container.NewAppTabs(
		container.NewTabItem("Write", f.body),
		container.NewTabItem("Preview", container.NewVScroll(f.preview)),
	)
	f.tabs.OnSelected = func(t *container.TabItem) {
		if t.Text == "Preview" {
			f.preview.ParseMarkdown(drawable(f.body.Text))
		}
	}
	f.problem = errorLabel()

	form := widget.NewForm(
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Category", f.category),
		widget.NewFormItem("Summary", f.summary),
	)
	title := "New knowledge-base article"
	if a.ID != 0 {
		title = "Edit article"
	}
	f.saveB = widget.NewButtonWithIcon("Save article", theme.DocumentSaveIcon(), f.submit)
	f.saveB.Importance = widget.HighImportance
	hint := widget.NewLabel("Saved on this device now; sent to the helpdesk with the next sync.")
	hint.SizeName = theme.SizeNameCaptionText
	hint.Importance = widget.LowImportance
	content := container.NewBorder(form, container.NewVBox(f.problem, hint), nil, nil, f.tabs)
	f.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	f.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", escape), f.saveB})
	f.dlg.Resize(fyne.NewSize(820, 640))
	u.dialogs.article = f
	u.show(f.dlg, func() { u.dialogs.article = nil })
	u.win.Canvas().Focus(f.title)
}

// values reads the form into the article being written.
func (f *articleForm) values() helpdesk.Article {
	a := f.base
	a.Title = f.title.Text
	a.Category = f.category.Text
	a.Summary = f.summary.Text
	a.Body = f.body.Text
	return a
}

// submit records the article; on any error the form keeps what was typed.
func (f *articleForm) submit() {
	saved, err := f.u.desk.SaveArticle(f.values())
	switch {
	case err == nil:
		f.dlg.Hide()
		f.u.nav.selectKind(navKB)
		f.u.kb.invalidate()
		f.u.kb.open(saved.ID)
	case errors.Is(err, app.ErrNoChange):
		setError(f.problem, "Nothing changed: there is nothing to save.")
		f.u.recentre()
	case errors.Is(err, helpdesk.ErrInvalid):
		setError(f.problem, userMessage(err))
		f.u.recentre()
	default:
		f.u.report("Could not save the article; the form keeps what you wrote.", err)
	}
}
