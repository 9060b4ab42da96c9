// Package storage is a client for a tenant's own object storage (trueport
// "Storage Configuration"): an S3 bucket (Amazon S3 or an S3-compatible
// store, through minio-go) or an Azure Blob Storage container (through
// azblob). It writes objects without ever overwriting one, reads and
// deletes them, and probes a configuration. It knows nothing of the
// database: the app opens a Client from a tenant's unsealed configuration.
package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Provider names a kind of storage, as the API spells it.
type Provider string

// The providers.
const (
	S3    Provider = "S3"
	Azure Provider = "AZURE"
)

// Valid reports whether p is a known provider.
func (p Provider) Valid() bool { return p == S3 || p == Azure }

// Config is everything a Client needs. Secrets travel here in memory only.
type Config struct {
	Provider Provider

	// S3: the bucket, its region (default us-east-1), the keys, and an
	// endpoint for an S3-compatible store ("": Amazon S3).
	Bucket          string
	Region          string
	Endpoint        string
	AccessKeyID     string
	SecretAccessKey string

	// Azure: the storage account's connection string and the container.
	ConnectionString string
	Container        string

	// AllowHTTP permits a plain http:// endpoint on a loopback address
	// (tests, a store on the same machine); otherwise endpoints are https.
	AllowHTTP bool
	// Timeout bounds each request to the store (S3: the wait for the
	// answer's headers), default 30 seconds.
	Timeout time.Duration
}

// The errors a Client reports besides the provider's own.
var (
	// ErrExists is Put's answer when an object of that name exists: it is
	// left as it is.
	ErrExists = errors.New("storage: an object of that name exists")
	// ErrNotFound is Get's answer for a name that holds no object.
	ErrNotFound = errors.New("storage: no object of that name")
)

// Client talks to one bucket or container.
type Client struct {
	provider Provider
	be       backend
	secrets  []string // removed from every error text
}

// backend is one provider's protocol.
type backend interface {
	put(ctx context.Context, name string, body io.Reader, size int64) error
	get(ctx context.Context, name string) (io.ReadCloser, error)
	stat(ctx context.Context, name string) (int64, error)
	remove(ctx context.Context, name string) error
}

// Open checks cfg (an invalid one answers an errs Invalid error naming
// the fields) and returns a Client for it. It does not contact the store.
func Open(cfg Config) (*Client, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	hc := &http.Client{Timeout: cfg.Timeout, Transport: transport(cfg.Timeout),
		// A store answers; it does not send the client (and its
		// signatures) elsewhere.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	c := &Client{provider: cfg.Provider}
	var err error
	if cfg.Provider == S3 {
		c.secrets = []string{cfg.SecretAccessKey, cfg.AccessKeyID}
		c.be, err = openS3(cfg, hc)
	} else {
		cs, _ := parseConnectionString(cfg.ConnectionString) // checked
		// The signature also as URLs quote it, in errors that name a request.
		c.secrets = []string{cfg.ConnectionString, cs.accountKey, cs.sas, cs.sasSig,
			url.QueryEscape(cs.sasSig), url.PathEscape(cs.sasSig)}
		c.be, err = openAzure(cfg, cs, hc)
	}
	if err != nil {
		return nil, c.fail("open", err)
	}
	return c, nil
}

// transport is a Client's own HTTP transport (minio-go takes a transport,
// and follows no redirect either).
func transport(timeout time.Duration) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil // the tenant's store, reached directly
	t.MaxIdleConnsPerHost = 4
	t.ResponseHeaderTimeout = timeout
	return t
}

// Provider is the client's provider.
func (c *Client) Provider() Provider { return c.provider }

// Put writes body (size bytes, at least 0; S3: in one request, so at most
// 5 GiB) as the object name, unless an object of that name exists: then
// it answers ErrExists and changes nothing. The store decides atomically
// (S3: If-None-Match: *, which Amazon S3 and gofakes3 honour; Azure:
// If-None-Match: * on the block list's commit), so of two concurrent Puts
// of a name exactly one wins.
func (c *Client) Put(ctx context.Context, name string, body io.Reader, size int64) error {
	if err := checkName(name); err != nil {
		return err
	}
	if size < 0 {
		return fmt.Errorf("storage: put %s: the size must be known", name)
	}
	return c.fail("put "+name, c.be.put(ctx, name, body, size))
}

// Get opens the object name for reading; ErrNotFound when there is none.
// The caller closes it.
func (c *Client) Get(ctx context.Context, name string) (io.ReadCloser, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	r, err := c.be.get(ctx, name)
	if err != nil {
		return nil, c.fail("get "+name, err)
	}
	return r, nil
}

// Stat returns the size of the object name; ErrNotFound when there is none.
func (c *Client) Stat(ctx context.Context, name string) (int64, error) {
	if err := checkName(name); err != nil {
		return 0, err
	}
	n, err := c.be.stat(ctx, name)
	return n, c.fail("stat "+name, err)
}

// Delete removes the object name; a name that holds none is no error.
func (c *Client) Delete(ctx context.Context, name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	return c.fail("delete "+name, c.be.remove(ctx, name))
}

func checkName(name string) error {
	if name == "" || len(name) > 1024 || name[0] == '/' {
		return fmt.Errorf("storage: object name %q: 1 to 1024 bytes, not starting with /", name)
	}
	return nil
}
