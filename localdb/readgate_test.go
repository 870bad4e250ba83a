package localdb

import (
	"errors"
	"sync"
	"testing"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/tierdesk/tierdesk/helpdesk"
)

// Readers on other goroutines while the store closes get an error once it
// is closed, never a panic: Badger panics when the database closes under
// an open iterator.
func TestReadsDuringCloseFailCleanly(t *testing.T) {
	for round := range 20 {
		s := openTest(t, t.TempDir(), Options{})
		tk := create(t, s, "Printer jammed", helpdesk.L1)
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for range 4 {
			wg.Go(func() {
				<-start
				for {
					var err error
					for _, err = range s.Comments(tk.ID) {
						if err != nil {
							break
						}
					}
					if err == nil {
						_, err = s.Ticket(tk.ID)
					}
					if err != nil {
						errs <- err
						return
					}
				}
			})
		}
		close(start)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if !errors.Is(err, badger.ErrDBClosed) && !errors.Is(err, ErrClosed) {
				t.Fatalf("round %d: a read during Close failed with %v, want the store closed", round, err)
			}
		}
	}
}
