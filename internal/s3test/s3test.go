// Package s3test serves the S3 protocol in process for tests: gofakes3
// (an in-memory S3 server) behind net/http/httptest on a loopback port,
// with a bucket created. gofakes3 checks no signature, so any keys are
// accepted; a missing bucket or object answers as S3 does.
package s3test

import (
	"net"
	"net/http/httptest"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// The keys and region to configure a client with (any are accepted).
const (
	AccessKeyID     = "AKIAIOSFODNN7EXAMPLE"
	SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	Region          = "us-east-1"
)

// Server is a running S3 server.
type Server struct {
	URL    string // http://127.0.0.1:port, the endpoint to configure
	Bucket string // the bucket Start created

	backend *s3mem.Backend
	addr    string
	srv     *httptest.Server
}

// Start serves S3 on a free loopback port with the bucket named bucket,
// and stops when t ends.
func Start(t testing.TB, bucket string) *Server {
	t.Helper()
	s := &Server{Bucket: bucket, backend: s3mem.New()}
	if err := s.backend.CreateBucket(bucket); err != nil {
		t.Fatalf("s3test: create bucket %s: %v", bucket, err)
	}
	s.listen(t, "127.0.0.1:0")
	t.Cleanup(s.Stop)
	return s
}

func (s *Server) listen(t testing.TB, addr string) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("s3test: listen on %s: %v", addr, err)
	}
	s.srv = httptest.NewUnstartedServer(gofakes3.New(s.backend, gofakes3.WithAutoBucket(false)).Server())
	s.srv.Listener.Close()
	s.srv.Listener = ln
	s.srv.Start()
	s.addr, s.URL = ln.Addr().String(), s.srv.URL
}

// Stop stops serving (the objects are kept for Restart); a client then
// fails to connect, as during an outage.
func (s *Server) Stop() {
	if s.srv != nil {
		s.srv.CloseClientConnections()
		s.srv.Close()
		s.srv = nil
	}
}

// Restart serves the same objects again on the same address.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.Stop()
	s.listen(t, s.addr)
}

// CreateBucket adds another bucket.
func (s *Server) CreateBucket(t testing.TB, name string) {
	t.Helper()
	if err := s.backend.CreateBucket(name); err != nil {
		t.Fatalf("s3test: create bucket %s: %v", name, err)
	}
}

// Objects lists the names of the objects in bucket, in order.
func (s *Server) Objects(t testing.TB, bucket string) []string {
	t.Helper()
	list, err := s.backend.ListBucket(bucket, &gofakes3.Prefix{}, gofakes3.ListBucketPage{})
	if err != nil {
		t.Fatalf("s3test: list %s: %v", bucket, err)
	}
	var out []string
	for _, o := range list.Contents {
		out = append(out, o.Key)
	}
	return out
}
