package localdb

import (
	"encoding/json"
	"fmt"
)

// schemaVersion is the version of the value encoding this build writes. Bump
// it with a migration in migrate.go whenever a stored shape changes.
const schemaVersion = 1

// encode prefixes the JSON of v with the schema version so a value can be
// recognised, and upgraded, long after it was written.
func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+1)
	out = append(out, schemaVersion)
	return append(out, b...), nil
}

// decode is the inverse of encode; it refuses values from a newer build.
func decode(b []byte, v any) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: empty value", ErrCorrupt)
	}
	if b[0] > schemaVersion {
		return fmt.Errorf("%w: value has schema %d, this build reads up to %d", ErrNewerSchema, b[0], schemaVersion)
	}
	if err := json.Unmarshal(b[1:], v); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return nil
}
