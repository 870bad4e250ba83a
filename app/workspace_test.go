package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/tierdesk/tierdesk/helpdesk"
)

func TestDataDirPerPlatform(t *testing.T) {
	home := func() (string, error) { return "/home/u", nil }
	config := func() (string, error) { return "/cfg", nil }
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "XDG_DATA_HOME" {
				return v
			}
			return ""
		}
	}
	for _, tc := range []struct {
		goos, xdg, want string
	}{
		{"linux", "", "/home/u/.local/share/tierdesk"},
		{"linux", "/data", "/data/tierdesk"},
		{"linux", "relative/ignored", "/home/u/.local/share/tierdesk"},
		{"freebsd", "", "/home/u/.local/share/tierdesk"},
		{"darwin", "/data", "/cfg/Tierdesk"},
		{"windows", "", "/cfg/Tierdesk"},
	} {
		got, err := dataDir(tc.goos, env(tc.xdg), home, config)
		if err != nil {
			t.Fatalf("%s: %v", tc.goos, err)
		}
		if want := filepath.FromSlash(tc.want); got != want {
			t.Errorf("%s with XDG_DATA_HOME=%q: got %s, want %s", tc.goos, tc.xdg, got, want)
		}
	}
	noHome := func() (string, error) { return "", errors.New("$HOME is not defined") }
	if _, err := dataDir("linux", env(""), noHome, config); err == nil || !strings.Contains(err.Error(), "HOME") {
		t.Errorf("without a home folder: %v", err)
	}
	if runtime.GOOS == "linux" {
		t.Setenv("XDG_DATA_HOME", "/xdg")
		if got, err := DefaultDataDir(); err != nil || got != "/xdg/tierdesk" {
			t.Errorf("DefaultDataDir = %q, %v", got, err)
		}
	}
}

func TestProfileRoundTrip(t *testing.T) {
	folder := filepath.Join(t.TempDir(), "acme")
	me := Identity{Name: "priya", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}
	if err := CreateWorkspace(folder, "ACME IT", me); err != nil {
		t.Fatal(err)
	}
	p, err := ReadProfile(folder)
	if err != nil {
		t.Fatal(err)
	}
	if p.Account != "ACME IT" || p.Me != me || p.Version != profileVersion {
		t.Errorf("read back %+v", p)
	}
	raw, err := os.ReadFile(filepath.Join(folder, ProfileFile))
	if err != nil {
		t.Fatal(err)
	}
	// The file is meant to be readable by people and stable for tools.
	for _, want := range []string{`"account": "ACME IT"`, `"tier": "L2"`, `"role": "engineer"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("profile lacks %s:\n%s", want, raw)
		}
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(filepath.Join(folder, ProfileFile)); fi.Mode().Perm() != 0o600 {
			t.Errorf("profile mode %v, want 0600", fi.Mode().Perm())
		}
		if fi, _ := os.Stat(folder); fi.Mode().Perm() != 0o700 {
			t.Errorf("folder mode %v, want 0700", fi.Mode().Perm())
		}
	}
	err = CreateWorkspace(folder, "Other", me)
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("second create: %v, want fs.ErrExist", err)
	}
	if p2, _ := ReadProfile(folder); p2.Account != "ACME IT" {
		t.Errorf("second create replaced the profile: %+v", p2)
	}
	entries, _ := os.ReadDir(folder)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestCreateWorkspaceRejectsBadInput(t *testing.T) {
	good := Identity{Name: "sam", Role: helpdesk.RoleTechnician, Tier: helpdesk.L1}
	for name, tc := range map[string]struct {
		account string
		me      Identity
	}{
		"no account":        {"  ", good},
		"multiline account": {"a\nb", good},
		"no name":           {"ACME", Identity{Role: helpdesk.RoleTechnician, Tier: helpdesk.L1}},
		"bad role":          {"ACME", Identity{Name: "sam", Role: "admin", Tier: helpdesk.L1}},
		"bad tier":          {"ACME", Identity{Name: "sam", Role: helpdesk.RoleTechnician, Tier: 9}},
	} {
		folder := filepath.Join(t.TempDir(), "w")
		err := CreateWorkspace(folder, tc.account, tc.me)
		if !errors.Is(err, helpdesk.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
		if _, err := os.Stat(folder); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: folder created for a refused profile", name)
		}
	}
}

func TestOpenWorkspaceProfileErrorsNameThePath(t *testing.T) {
	folder := t.TempDir()
	path := filepath.Join(folder, ProfileFile)

	_, err := OpenWorkspace(folder, Options{})
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("missing profile: %v", err)
	}
	for name, content := range map[string]string{
		"not json":    "account = acme",
		"truncated":   `{"version":1,"account":"ACME","identity":{"name":"sam"`,
		"bad tier":    `{"version":1,"account":"ACME","identity":{"name":"sam","role":"technician","tier":"L7"}}`,
		"no identity": `{"version":1,"account":"ACME"}`,
		"from future": `{"version":99,"account":"ACME","identity":{"name":"sam","role":"technician","tier":"L1"}}`,
	} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := OpenWorkspace(folder, Options{})
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v, want an error naming %s", name, err, path)
		}
	}
	if _, err := os.Stat(filepath.Join(folder, StoreDir)); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a store was created for a workspace without a usable profile")
	}
}

func TestOpenWorkspaceTakesIdentityFromProfile(t *testing.T) {
	folder := filepath.Join(t.TempDir(), "acme")
	me := Identity{Name: "priya", Role: helpdesk.RoleEngineer, Tier: helpdesk.L2}
	if err := CreateWorkspace(folder, "ACME IT", me); err != nil {
		t.Fatal(err)
	}
	d, err := OpenWorkspace(folder, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Me() != me || d.Account() != "ACME IT" {
		t.Errorf("desk is %+v at %q", d.Me(), d.Account())
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	other := Identity{Name: "grace", Role: helpdesk.RoleEngineer, Tier: helpdesk.L3}
	d, err = OpenWorkspace(folder, Options{Me: other, Account: "Staging"})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.Me() != other || d.Account() != "Staging" {
		t.Errorf("override ignored: %+v at %q", d.Me(), d.Account())
	}
	if _, err := os.Stat(filepath.Join(folder, StoreDir)); err != nil {
		t.Errorf("store not in %s: %v", StoreDir, err)
	}
}

func TestWorkspacesListsFoldersWithAProfile(t *testing.T) {
	dir := t.TempDir()
	if got, err := Workspaces(filepath.Join(dir, "absent")); err != nil || len(got) != 0 {
		t.Errorf("absent data dir: %v, %v", got, err)
	}
	me := Identity{Name: "sam", Role: helpdesk.RoleTechnician, Tier: helpdesk.L1}
	for _, n := range []string{"zeta", "acme", DemoWorkspace} {
		if err := CreateWorkspace(filepath.Join(dir, n), n, me); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "stray"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := Workspaces(dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "acme,demo,zeta" {
		t.Errorf("Workspaces = %v", got)
	}
}
