package storage

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
)

// ProbePrefix is where Probe writes its objects.
const ProbePrefix = "tenantry-probe/"

// Probe proves the configuration works: it writes a small object of a
// fresh name, reads it back and compares, then deletes it. Its error
// names the step that failed and carries the provider's text, secrets
// removed (an *Error).
func (c *Client) Probe(ctx context.Context) error {
	var raw [12]byte
	_, _ = rand.Read(raw[:])
	name := ProbePrefix + hex.EncodeToString(raw[:]) + ".txt"
	body := []byte("tenantry storage probe " + name + "\n")
	if err := c.be.put(ctx, name, bytes.NewReader(body), int64(len(body))); err != nil {
		return c.fail("probe: write "+name, err)
	}
	r, err := c.be.get(ctx, name)
	if err != nil {
		return c.fail("probe: read "+name+" back", err)
	}
	got, err := io.ReadAll(io.LimitReader(r, int64(len(body))+1))
	_ = r.Close()
	if err == nil && !bytes.Equal(got, body) {
		err = errors.New("the object read back differs from the one written")
	}
	if err != nil {
		_ = c.be.remove(ctx, name) // best effort: leave nothing behind
		return c.fail("probe: read "+name+" back", err)
	}
	return c.fail("probe: delete "+name, c.be.remove(ctx, name))
}
