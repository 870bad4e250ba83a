package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tierdesk/tierdesk/app"
)

func runWithKeyring(t *testing.T, k app.SecretService, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := mainWith(&runner{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, keyring: k}, args)
	return result{code, out.String(), errOut.String()}
}

func TestAccountAddListRemove(t *testing.T) {
	dir := t.TempDir()
	k := &app.MemorySecrets{}
	add := []string{"--data-dir", dir, "account", "add", "ACME", "--url", "https://rt.example.com/", "--user", "priya",
		"--role", "engineer", "--tier", "L2", "--queue-tier", "Network=L2", "--queue-tier", "Core=L3"}

	r := runWithKeyring(t, k, "", add...).must(t, 2)
	if !strings.Contains(r.errOut, "TIERDESK_SECRET") {
		t.Errorf("no secret: %q", r.errOut)
	}
	runWithKeyring(t, k, "hunter2-secret\n", add...).must(t, 0)
	if v, err := k.Get("ACME", "credential"); err != nil || v != "hunter2-secret" {
		t.Fatalf("keyring credential %q %v", v, err)
	}
	runWithKeyring(t, k, "x\n", add...).must(t, 1) // exists

	r = runWithKeyring(t, k, "", "--data-dir", dir, "account", "list", "--json").must(t, 0)
	if strings.Contains(r.out, "hunter2") {
		t.Fatal("account list printed the secret")
	}
	var accts []app.Account
	if err := json.Unmarshal([]byte(r.out), &accts); err != nil || len(accts) != 1 ||
		accts[0].Server.QueueTiers["Core"] != 3 || accts[0].Me.Name != "priya" || accts[0].Server.URL != "https://rt.example.com" {
		t.Fatalf("list: %v %+v", err, accts)
	}

	bad := []string{"--data-dir", dir, "account", "add", "Bad", "--url", "ftp://x", "--user", "u"}
	runWithKeyring(t, k, "s\n", bad...).must(t, 2)
	runWithKeyring(t, k, "s\n", "--data-dir", dir, "account", "add", "Bad", "--url", "https://x", "--user", "u", "--queue-tier", "nope").must(t, 2)

	runWithKeyring(t, k, "", "--data-dir", dir, "account", "remove", "ACME").must(t, 0)
	if _, err := k.Get("ACME", "credential"); err == nil {
		t.Fatal("credential survived removal")
	}
	r = runWithKeyring(t, k, "", "--data-dir", dir, "account", "list").must(t, 0)
	if !strings.Contains(r.errOut, "No accounts") {
		t.Errorf("list after remove: %+v", r)
	}
}

func TestSyncNeedsAServer(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "", "sync", "--once").must(t, 1)
	if !strings.Contains(r.errOut, "local only") {
		t.Errorf("demo sync: %q", r.errOut)
	}
}

func TestAlertsEmptyInbox(t *testing.T) {
	dir := t.TempDir()
	r := run(t, dir, "", "alerts").must(t, 0)
	if !strings.Contains(r.errOut, "No alerts") {
		t.Errorf("alerts: %+v", r)
	}
	r = run(t, dir, "", "alerts", "--json").must(t, 0)
	if strings.TrimSpace(r.out) != "[]" {
		t.Errorf("alerts --json: %q", r.out)
	}
}
