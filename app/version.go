package app

// Version is Tierdesk's version. It must match Version in FyneApp.toml (a
// test checks), which `fyne package` stamps into the packages.
const Version = "0.1.0"
