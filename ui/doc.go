// Package ui is Tierdesk's desktop interface, built with Fyne.
//
// It reads and acts only through *app.Desk: it never opens the store or the
// network, so every screen draws from memory or the local cache and never
// waits on a server. Lists are virtualised (widget.List with a fixed-height
// row template) and their rows are filled from the []*helpdesk.Ticket slice
// the Desk returns from memory, never from the store, so scrolling thousands
// of tickets costs nothing.
//
// Changes made anywhere (the user's own actions, a sync) reach the UI on the
// Desk's subscription. A goroutine collects them and hands one coalesced
// batch at a time to the Fyne thread with fyne.Do, so a burst of changes
// costs a single refresh.
//
// Alerts the desk raises are listed in an inbox (the Alerts entry, with its
// unread count) read once per batch like everything else, and the system
// tray, where the platform has one, offers the window, the inbox, a sync,
// pausing alerts and quitting while the window is closed.
//
// Nothing the user typed is lost on an error: failed sends keep their text in
// the entry, and forms stay open with their content.
package ui
