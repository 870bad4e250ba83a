package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// A workspace is one account's folder under the data dir: the profile that
// says who the user is there, and the store. Keeping them side by side means
// an account is removed, backed up or moved as one folder.
const (
	// DemoWorkspace is the folder name of the generated demo workspace.
	DemoWorkspace = "demo"
	// ProfileFile is the name of a workspace's profile.
	ProfileFile = "profile.json"
	// StoreDir is the name of a workspace's Badger directory.
	StoreDir = "store"
)

// profileVersion is the profile format this build writes; a newer one is
// refused rather than half-read, as the store does with its schema.
const profileVersion = 1

// Profile is what a workspace folder records about its account. It holds
// nothing secret: API tokens and store keys belong in the OS keyring, and a
// profile may end up in a backup or a bug report.
type Profile struct {
	Version int      `json:"version"`
	Account string   `json:"account"`
	Me      Identity `json:"identity"`
	// Server is the helpdesk the account syncs with; nil for a local-only
	// workspace such as the demo.
	Server *Server `json:"server,omitempty"`
}

// Validate checks the profile before it is written or used.
func (p Profile) Validate() error {
	if p.Version > profileVersion {
		return fmt.Errorf("%w: profile version %d is newer than this build reads (%d)", helpdesk.ErrInvalid, p.Version, profileVersion)
	}
	acct := strings.TrimSpace(p.Account)
	if acct == "" {
		return fmt.Errorf("%w: the account needs a name", helpdesk.ErrInvalid)
	}
	if strings.ContainsAny(acct, "\r\n\t") {
		return fmt.Errorf("%w: account name %q must be one line", helpdesk.ErrInvalid, p.Account)
	}
	if p.Server != nil {
		if err := p.Server.Validate(); err != nil {
			return err
		}
	}
	return p.Me.Validate()
}

// DefaultDataDir returns the folder holding every workspace: the platform's
// per-user data location, so the store is not roamed (Windows) or synced
// like a preference file (macOS).
func DefaultDataDir() (string, error) {
	return dataDir(runtime.GOOS, os.Getenv, os.UserHomeDir, os.UserConfigDir)
}

// dataDir is DefaultDataDir with the environment passed in, so each
// platform's rule is testable on any platform.
func dataDir(goos string, getenv func(string) string, home, config func() (string, error)) (string, error) {
	switch goos {
	case "darwin", "ios", "windows":
		// os.UserConfigDir is ~/Library/Application Support on macOS and
		// %AppData% on Windows: the places apps keep their data there.
		dir, err := config()
		if err != nil {
			return "", fmt.Errorf("find the user data folder: %w", err)
		}
		return filepath.Join(dir, "Tierdesk"), nil
	}
	// XDG: a relative $XDG_DATA_HOME is invalid per the spec and is ignored.
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "tierdesk"), nil
	}
	h, err := home()
	if err != nil {
		return "", fmt.Errorf("find the user data folder: %w", err)
	}
	return filepath.Join(h, ".local", "share", "tierdesk"), nil
}

// ReadProfile reads and checks the profile of the workspace in folder. A
// missing profile wraps fs.ErrNotExist; every error names the file.
func ReadProfile(folder string) (Profile, error) {
	path := filepath.Join(folder, ProfileFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Profile{}, fmt.Errorf("no workspace profile at %s: %w", path, err)
	}
	if err != nil {
		return Profile{}, fmt.Errorf("read workspace profile: %w", err)
	}
	var p Profile
	if err := json.Unmarshal(b, &p); err != nil {
		return Profile{}, fmt.Errorf("workspace profile %s is malformed: %w", path, err)
	}
	if err := p.Validate(); err != nil {
		return Profile{}, fmt.Errorf("workspace profile %s: %w", path, err)
	}
	return p, nil
}

// CreateWorkspace writes the profile of a new workspace in folder, creating
// the folder. It refuses (wrapping fs.ErrExist) to replace an existing
// profile, so adding an account can never silently take over another one.
func CreateWorkspace(folder, account string, me Identity) error {
	return createWorkspace(folder, Profile{Account: account, Me: me})
}

func createWorkspace(folder string, p Profile) error {
	p.Version = profileVersion
	p.Account = strings.TrimSpace(p.Account)
	p.Me.Name = strings.TrimSpace(p.Me.Name)
	if err := p.Validate(); err != nil {
		return fmt.Errorf("create workspace %s: %w", folder, err)
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("create workspace %s: %w", folder, err)
	}
	b = append(b, '\n')
	// 0700: the store next to the profile holds the user's tickets.
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	path := filepath.Join(folder, ProfileFile)
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("create workspace: %s: %w", path, fs.ErrExist)
	}
	// Write aside and rename, so a crash never leaves a half-written
	// profile that would make the workspace unopenable. CreateTemp makes
	// the file 0600.
	tmp, err := os.CreateTemp(folder, ".profile-*.json")
	if err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("create workspace: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("create workspace: sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	return nil
}

// OpenWorkspace opens the desk of the workspace in folder. The profile
// supplies o.Account and o.Me where they are zero; callers set them only to
// act as someone else (tests, or the demo seen from another tier).
func OpenWorkspace(folder string, o Options) (*Desk, error) {
	p, err := ReadProfile(folder)
	if err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	if o.Account == "" {
		o.Account = p.Account
	}
	if o.Me == (Identity{}) {
		o.Me = p.Me
	}
	d, err := OpenDesk(filepath.Join(folder, StoreDir), o)
	if err != nil {
		return nil, fmt.Errorf("open workspace %s: %w", folder, err)
	}
	return d, nil
}

// Workspaces returns the names of the workspace folders under dataDir (the
// demo included), sorted. A data dir that does not exist yet has none.
func Workspaces(dataDir string) ([]string, error) {
	entries, err := os.ReadDir(dataDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list workspaces: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		// Only folders with a profile count: a stray folder (or one whose
		// creation was interrupted) is not an account.
		if _, err := os.Stat(filepath.Join(dataDir, e.Name(), ProfileFile)); err == nil {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}

// DemoIdentity is who the demo workspace is used as unless the caller says
// otherwise: an L1 technician, the role that exercises the most of Tierdesk
// (own queue, tickets assigned to them, escalation to L2/L3). The generated
// tickets assign some work to this name so "Assigned to me" is not empty.
func DemoIdentity() Identity {
	return Identity{Name: demoMe, Role: helpdesk.RoleTechnician, Tier: helpdesk.L1}
}

// demoAccount is the account name the demo shows in the status bar.
const demoAccount = "Demo"

// OpenDemo opens the demo workspace under dataDir, creating its profile and
// generating its tickets and articles the first time. Later opens keep
// whatever the user did in it. A non-zero o.Me acts as someone else for this
// session without changing the profile.
func OpenDemo(dataDir string, o Options) (*Desk, error) {
	folder := filepath.Join(dataDir, DemoWorkspace)
	_, err := os.Stat(filepath.Join(folder, ProfileFile))
	if errors.Is(err, fs.ErrNotExist) {
		// fs.ErrExist means another process created it first; fine.
		if err := CreateWorkspace(folder, demoAccount, DemoIdentity()); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("open demo: %w", err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("open demo: %w", err)
	}
	d, err := OpenWorkspace(folder, o)
	if err != nil {
		return nil, fmt.Errorf("open demo: %w", err)
	}
	if err := d.seedDemo(); err != nil {
		if cerr := d.Close(); cerr != nil {
			err = errors.Join(err, cerr)
		}
		return nil, fmt.Errorf("open demo: %w", err)
	}
	return d, nil
}
