package app

import (
	"context"
	"fmt"

	"github.com/tenantry/tenantry/internal/secret"
	"github.com/tenantry/tenantry/internal/store"
)

// DefaultRotationBatch is how many rows one transaction of a master key
// rotation re-seals.
const DefaultRotationBatch = 200

// RotationProgress reports one committed batch of a master key rotation,
// with the column's totals so far.
type RotationProgress struct {
	Column   string // "table.column"
	Batches  int    // batches of this column committed so far
	Values   int    // sealed values of this column read so far
	Resealed int    // values of this column re-sealed so far
	Done     bool   // the column is finished
}

// RotationResult is what a whole rotation did.
type RotationResult struct {
	Version  string // the current key's version, which every re-sealed value now names
	Batches  int
	Values   int // sealed values read
	Resealed int // values re-sealed under the current key
	Current  int // values already under it, left alone
	Raced    int // values changed by a server during the walk, left as it wrote them
}

// RotateMasterKey re-seals every sealed value of store.SealedColumns under
// the current master key (the first of TENANTRY_MASTER_KEYS), batch rows at
// a time, each batch its own transaction. Values already under the current
// key are skipped, so a rotation that stopped half way (a cancelled ctx, a
// killed process) resumes where it got to when run again, and running it
// twice is harmless. It is safe while servers run: a row changed since its
// batch read it is left as the server wrote it. progress, when set, is
// called after each committed batch.
func (a *App) RotateMasterKey(ctx context.Context, batch int, progress func(RotationProgress)) (RotationResult, error) {
	if batch < 1 {
		batch = DefaultRotationBatch
	}
	res := RotationResult{Version: a.box.Current()}
	for _, col := range store.SealedColumns() {
		p := RotationProgress{Column: col.Name()}
		var after []string
		for {
			var b store.SealedBatch
			err := a.db.InSystem(ctx, func(tx *store.Tx) (err error) {
				b, err = tx.ResealBatch(ctx, col, after, batch, a.box.Reseal)
				return err
			})
			if err != nil {
				return res, fmt.Errorf("rotate master key: %s: %w", col.Name(), err)
			}
			p.Batches++
			p.Values += b.Values
			p.Resealed += b.Resealed
			p.Done = b.Next == nil
			res.Batches++
			res.Values += b.Values
			res.Resealed += b.Resealed
			res.Raced += b.Raced
			if progress != nil {
				progress(p)
			}
			if p.Done {
				break
			}
			after = b.Next
		}
	}
	res.Current = res.Values - res.Resealed - res.Raced
	return res, nil
}

// SealedCheck is what CheckSealedValues found.
type SealedCheck struct {
	Values    int            // sealed values read
	ByVersion map[string]int // how many name each key version
	Failed    []string       // "column key: error" of each value no configured key opens
}

// Older is how many values are under another version than the current key's.
func (c SealedCheck) Older(current string) int { return c.Values - c.ByVersion[current] }

// CheckSealedValues opens every sealed value of store.SealedColumns with
// the configured keys, and counts them by key version: after a rotation,
// every value under the current version means the older keys can go.
func (a *App) CheckSealedValues(ctx context.Context, batch int) (SealedCheck, error) {
	if batch < 1 {
		batch = DefaultRotationBatch
	}
	c := SealedCheck{ByVersion: map[string]int{}}
	for _, col := range store.SealedColumns() {
		var after []string
		for {
			var b store.SealedBatch
			err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
				b, err = tx.ResealBatch(ctx, col, after, batch, func(sealed, context string) (string, bool, error) {
					c.Values++
					c.ByVersion[secret.VersionOf(sealed)]++
					plain, err := a.box.Open(sealed, context)
					if err != nil {
						c.Failed = append(c.Failed, col.Name()+" ("+context+"): "+err.Error())
					}
					clear(plain)
					return sealed, false, nil
				})
				return err
			})
			if err != nil {
				return c, fmt.Errorf("check sealed values: %s: %w", col.Name(), err)
			}
			if b.Next == nil {
				break
			}
			after = b.Next
		}
	}
	return c, nil
}

// MasterKeyVersions are the versions of the configured master keys, the
// current one first.
func (a *App) MasterKeyVersions() []string { return a.box.Versions() }
