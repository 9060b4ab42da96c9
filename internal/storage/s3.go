package storage

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// s3Store is a bucket of Amazon S3 or of an S3-compatible store.
type s3Store struct {
	mc     *minio.Client
	bucket string
}

func openS3(cfg Config, hc *http.Client) (*s3Store, error) {
	host, secure := "s3.amazonaws.com", true
	if cfg.Endpoint != "" {
		u, err := url.Parse(cfg.Endpoint) // checked
		if err != nil {
			return nil, fmt.Errorf("endpoint: %w", err)
		}
		host, secure = u.Host, u.Scheme == "https"
	}
	region := cfg.Region
	if region == "" {
		region = "us-east-1"
	}
	mc, err := minio.New(host, &minio.Options{
		Creds:  credentials.NewStaticV4(cfg.AccessKeyID, cfg.SecretAccessKey, ""),
		Secure: secure, Region: region, Transport: hc.Transport, MaxRetries: 3,
	})
	if err != nil {
		return nil, err
	}
	return &s3Store{mc: mc, bucket: cfg.Bucket}, nil
}

func (s *s3Store) put(ctx context.Context, name string, body io.Reader, size int64) error {
	opt := minio.PutObjectOptions{DisableMultipart: true, ContentType: "application/octet-stream"}
	opt.SetMatchETagExcept("*") // If-None-Match: *
	_, err := s.mc.PutObject(ctx, s.bucket, name, body, size, opt)
	return s3Err(err)
}

func (s *s3Store) get(ctx context.Context, name string) (io.ReadCloser, error) {
	obj, err := s.mc.GetObject(ctx, s.bucket, name, minio.GetObjectOptions{})
	if err != nil {
		return nil, s3Err(err)
	}
	if _, err := obj.Stat(); err != nil { // sends the request: a missing object fails here
		_ = obj.Close()
		return nil, s3Err(err)
	}
	return obj, nil
}

func (s *s3Store) stat(ctx context.Context, name string) (int64, error) {
	info, err := s.mc.StatObject(ctx, s.bucket, name, minio.StatObjectOptions{})
	if err != nil {
		return 0, s3Err(err)
	}
	return info.Size, nil
}

func (s *s3Store) remove(ctx context.Context, name string) error {
	return s3Err(s.mc.RemoveObject(ctx, s.bucket, name, minio.RemoveObjectOptions{}))
}

// s3Err adds the sentinel an S3 error means, and names the service's
// status and code before its message.
func s3Err(err error) error {
	if err == nil {
		return nil
	}
	m := meaning{err: err}
	r := minio.ToErrorResponse(err)
	switch {
	case r.Code == "PreconditionFailed" || r.StatusCode == http.StatusPreconditionFailed:
		m.sentinel = ErrExists
	case r.Code == "NoSuchKey":
		m.sentinel = ErrNotFound
	}
	if r.Code != "" {
		m.text = fmt.Sprintf("%d %s: %s", r.StatusCode, r.Code, err.Error())
	}
	return m
}
