package app

import (
	"fmt"
	"strings"
	"time"
)

// deflectionSetting holds the deflection tally: problems an article solved
// before a report was filed, which is how self-service is measured.
const deflectionSetting = "report.deflections"

// maxDeflectionLog bounds the recent deflections kept with the count.
const maxDeflectionLog = 200

// Deflection is one "This solved it".
type Deflection struct {
	Article uint64    `json:"article"`
	Query   string    `json:"query"`
	At      time.Time `json:"at"`
}

type deflections struct {
	Count  int          `json:"count"`
	Recent []Deflection `json:"recent,omitempty"`
}

// Deflected records that article solved the problem the user was about to
// report (what they had typed is query). It is counted durably and files
// nothing.
func (d *Desk) Deflected(articleID uint64, query string) error {
	if _, err := d.store.Article(articleID); err != nil {
		return fmt.Errorf("count deflection: article %d: %w", articleID, err)
	}
	d.deflectMu.Lock()
	defer d.deflectMu.Unlock()
	var t deflections
	if _, err := d.store.Setting(deflectionSetting, &t); err != nil {
		return fmt.Errorf("count deflection: %w", err)
	}
	t.Count++
	t.Recent = append(t.Recent, Deflection{Article: articleID, Query: strings.TrimSpace(query), At: d.clock().UTC()})
	if n := len(t.Recent); n > maxDeflectionLog {
		t.Recent = t.Recent[n-maxDeflectionLog:]
	}
	if err := d.store.SetSetting(deflectionSetting, t); err != nil {
		return fmt.Errorf("count deflection: %w", err)
	}
	return nil
}

// Deflections returns how many problems articles solved before a report
// was filed on this device.
func (d *Desk) Deflections() (int, error) {
	var t deflections
	if _, err := d.store.Setting(deflectionSetting, &t); err != nil {
		return 0, fmt.Errorf("deflections: %w", err)
	}
	return t.Count, nil
}
