package app

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/tierdesk/tierdesk/app/devgen"
	"github.com/tierdesk/tierdesk/localdb"
)

// GenerateWorkspace writes a generated help desk of the size o asks for as
// the demo workspace under dataDir, so "tierdesk --demo --data-dir DIR" (and
// every command with --demo) opens it without a server. It refuses to touch
// an existing demo workspace: generating is for a fresh folder. progress,
// when not nil, is called after each batch with the tickets written.
func GenerateWorkspace(dataDir string, o devgen.Options, progress func(tickets int)) (devgen.Stats, error) {
	var st devgen.Stats
	folder := filepath.Join(dataDir, DemoWorkspace)
	if err := CreateWorkspace(folder, "Generated", DemoIdentity()); err != nil {
		return st, fmt.Errorf("generate workspace: %w", err)
	}
	// A bulk import: one fsync at Close rather than one per batch. A crash
	// half-way leaves a partial store, which generating again into a new
	// folder replaces.
	s, err := localdb.Open(filepath.Join(folder, StoreDir), localdb.Options{NoSync: true, GCInterval: -1})
	if err != nil {
		return st, fmt.Errorf("generate workspace: %w", err)
	}
	// The marker the demo's own seeding looks for, so opening the folder
	// with --demo never adds the 300 demo tickets on top.
	if err := s.SetSetting(demoSeedSetting, demoSeedState{Seed: o.Seed, Done: false}); err != nil {
		return st, errors.Join(fmt.Errorf("generate workspace: %w", err), s.Close())
	}
	for b := range devgen.Batches(o) {
		if err := s.Write(b); err != nil {
			return st, errors.Join(fmt.Errorf("generate workspace: %w", err), s.Close())
		}
		st.Add(b)
		if progress != nil && len(b.Tickets) > 0 {
			progress(st.Tickets)
		}
	}
	if err := s.SetSetting(demoSeedSetting, demoSeedState{Seed: o.Seed, Done: true}); err != nil {
		return st, errors.Join(fmt.Errorf("generate workspace: %w", err), s.Close())
	}
	if err := s.Close(); err != nil {
		return st, fmt.Errorf("generate workspace: %w", err)
	}
	return st, nil
}
