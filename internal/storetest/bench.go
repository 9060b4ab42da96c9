package storetest

import (
	"context"
	"testing"

	"github.com/tenantry/tenantry/internal/store"
)

// Bench measures what a unit of work itself costs on db, the engines'
// per-unit overhead (transaction, tenant setup, statements): a tenant read
// (ReadTenant with GetTenant, what GET tenant does) and a tenant write
// (InTenant reading and updating the tenant), each from one caller and
// from parallel callers. Engine packages call it from a benchmark of their
// own, e.g. go test -run - -bench Units ./internal/sqlite/. Beside the
// wall time it reports the process's CPU time per unit (cpu-ns/op), which
// other load on the machine disturbs far less.
func Bench(b *testing.B, db *store.DB) {
	ctx := context.Background()
	x := newTenant("bench")
	if err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateTenant(ctx, x) }); err != nil {
		b.Fatal(err)
	}
	read := func() error {
		return db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error {
			_, err := tx.GetTenant(ctx, x.ID)
			return err
		})
	}
	write := func() error {
		return db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
			got, err := tx.GetTenant(ctx, x.ID)
			if err != nil {
				return err
			}
			return tx.UpdateTenant(ctx, got)
		})
	}
	for _, c := range []struct {
		name string
		unit func() error
	}{{"read", read}, {"write", write}} {
		b.Run(c.name, func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				if err := c.unit(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"-parallel", func(b *testing.B) {
			defer reportCPU(b)()
			b.SetParallelism(4)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := c.unit(); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// reportCPU starts counting the process's CPU time and returns what reports
// it per iteration of b.
func reportCPU(b *testing.B) func() {
	start, ok := cpuTime()
	return func() {
		end, _ := cpuTime()
		if ok && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
