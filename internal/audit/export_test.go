package audit_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
)

// file writes an export of n events of tenant "ten_1" sealed in batches
// of size (the last partly unsealed: the rest), starting at position from.
func file(t *testing.T, format string, n, size, unsealed, from int) []byte {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	const tenant = "ten_1"
	base := time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)
	events := make([]audit.Event, n+unsealed)
	for i := range events {
		events[i] = audit.Event{TenantID: tenant, ID: fmt.Sprintf("evt_%04d", i), Action: "thing.do", Outcome: audit.Success,
			UserAgent: "agent\r\nwith a line break", Details: map[string]string{"note": "a\r\nb", "n": fmt.Sprint(i)},
			CreatedAt: base.Add(time.Duration(i) * time.Second)}
	}
	var out bytes.Buffer
	x, err := audit.NewExporter(&out, format)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Header(tenant, time.Time{}, time.Time{}, []audit.ExportKey{{KID: "kid_1", PublicKey: pub}}); err != nil {
		t.Fatal(err)
	}
	chain := audit.Genesis(tenant)
	for b := 0; b*size < n; b++ {
		s := &audit.Seal{TenantID: tenant, Batch: int64(b + 1), FirstSeq: int64(b*size + 1), LastSeq: int64(min(n, (b+1)*size)), PrevHash: chain, KeyID: "kid_1"}
		var links []audit.Link
		for i := b * size; i < int(s.LastSeq); i++ {
			eh := audit.EventHash(&events[i])
			chain = audit.Next(chain, eh)
			links = append(links, audit.Link{Seq: int64(i + 1), Batch: s.Batch, EventID: events[i].ID, EventHash: eh, Chain: chain})
		}
		s.Hash, s.LastAt, s.LastID, s.SealedAt = chain, events[s.LastSeq-1].CreatedAt, events[s.LastSeq-1].ID, base
		s.Signature = ed25519.Sign(priv, audit.Checkpoint(s))
		first := true
		for i := range links {
			if int(links[i].Seq) < from {
				continue
			}
			if first {
				first = false
				if err := x.Seal(s); err != nil {
					t.Fatal(err)
				}
				if links[i].Seq > s.FirstSeq {
					if err := x.Resume(links[i].Seq-1, links[i-1].Chain); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := x.Event(&links[i], &events[links[i].Seq-1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := n; i < n+unsealed; i++ {
		if err := x.Event(nil, &events[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestVerifyFile(t *testing.T) {
	for _, format := range []string{audit.FormatNDJSON, audit.FormatCSV} {
		t.Run(format, func(t *testing.T) {
			check := func(name string, b []byte, ok bool, kind string, events, uncovered, unsealed int64) {
				t.Helper()
				r, err := audit.VerifyFile(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				got := ""
				if r.Problem != nil {
					got = r.Problem.Kind
				}
				if r.OK != ok || got != kind || (ok && (r.Events != events || r.Uncovered != uncovered || r.Unsealed != unsealed)) {
					t.Errorf("%s: %+v (problem %+v), want ok %v %q, %d events, %d uncovered, %d unsealed", name, r, r.Problem, ok, kind, events, uncovered, unsealed)
				}
			}
			whole := file(t, format, 25, 10, 3, 1)
			check("whole", whole, true, "", 25, 0, 3)
			check("from inside a batch", file(t, format, 25, 10, 0, 14), true, "", 12, 0, 0)
			check("from a batch's first", file(t, format, 25, 10, 0, 11), true, "", 15, 0, 0)
			check("a signature of another key", bytes.Replace(whole, []byte("kid_1"), []byte("kid_2"), 1), false, audit.SignatureInvalid, 0, 0, 0)
			edit := map[string][2]string{audit.FormatNDJSON: {`evt_0007","actor_id":""`, `evt_0007","actor_id":"x"`},
				audit.FormatCSV: {`evt_0007,,,thing.do`, `evt_0007,,,thing.undo`}}[format]
			if !bytes.Contains(whole, []byte(edit[0])) {
				t.Fatalf("no %s in the file", edit[0])
			}
			check("an edited event", bytes.Replace(whole, []byte(edit[0]), []byte(edit[1]), 1), false, audit.Edited, 0, 0, 0)
			check("cut short", whole[:bytes.LastIndexByte(whole[:len(whole)-1], '\n')+1], false, audit.Truncated, 0, 0, 0)
		})
	}
}
