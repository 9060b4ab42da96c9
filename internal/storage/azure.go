package storage

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"regexp"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/blob"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob/bloberror"
)

// azureStore is a container of an Azure storage account.
type azureStore struct {
	c         *azblob.Client
	container string
}

func openAzure(cfg Config, cs connectionString, hc *http.Client) (*azureStore, error) {
	opt := &azblob.ClientOptions{ClientOptions: azcore.ClientOptions{Transport: hc,
		Retry: policy.RetryOptions{MaxRetries: 2, RetryDelay: 200 * time.Millisecond, MaxRetryDelay: 2 * time.Second}}}
	var c *azblob.Client
	var err error
	if cs.accountKey != "" {
		cred, cerr := azblob.NewSharedKeyCredential(cs.account, cs.accountKey)
		if cerr != nil {
			return nil, cerr
		}
		c, err = azblob.NewClientWithSharedKeyCredential(cs.blobEndpoint+"/", cred, opt)
	} else {
		c, err = azblob.NewClientWithNoCredential(cs.blobEndpoint+"/?"+cs.sas, opt)
	}
	if err != nil {
		return nil, err
	}
	return &azureStore{c: c, container: cfg.Container}, nil
}

func (s *azureStore) put(ctx context.Context, name string, body io.Reader, _ int64) error {
	anyTag := azcore.ETagAny
	_, err := s.c.UploadStream(ctx, s.container, name, body, &azblob.UploadStreamOptions{Concurrency: 1,
		AccessConditions: &blob.AccessConditions{ModifiedAccessConditions: &blob.ModifiedAccessConditions{IfNoneMatch: &anyTag}}})
	return azureErr(err)
}

func (s *azureStore) get(ctx context.Context, name string) (io.ReadCloser, error) {
	r, err := s.c.DownloadStream(ctx, s.container, name, nil)
	if err != nil {
		return nil, azureErr(err)
	}
	return r.Body, nil
}

func (s *azureStore) stat(ctx context.Context, name string) (int64, error) {
	p, err := s.c.ServiceClient().NewContainerClient(s.container).NewBlobClient(name).GetProperties(ctx, nil)
	if err != nil {
		return 0, azureErr(err)
	}
	if p.ContentLength == nil {
		return 0, nil
	}
	return *p.ContentLength, nil
}

func (s *azureStore) remove(ctx context.Context, name string) error {
	_, err := s.c.DeleteBlob(ctx, s.container, name, nil)
	if bloberror.HasCode(err, bloberror.BlobNotFound) {
		return nil
	}
	return azureErr(err)
}

// azureErr adds the sentinel an Azure error means, and condenses the text
// of a service's answer to its status, code and message.
func azureErr(err error) error {
	if err == nil {
		return nil
	}
	m := meaning{err: err}
	switch {
	case bloberror.HasCode(err, bloberror.BlobAlreadyExists, bloberror.ConditionNotMet):
		m.sentinel = ErrExists
	case bloberror.HasCode(err, bloberror.BlobNotFound):
		m.sentinel = ErrNotFound
	}
	var re *azcore.ResponseError
	if errors.As(err, &re) {
		if re.StatusCode == http.StatusNotFound && re.ErrorCode == "" {
			m.sentinel = ErrNotFound // a HEAD has no body to name the code
		}
		m.text = fmt.Sprintf("%d %s", re.StatusCode, re.ErrorCode)
		if msg := azureMessage.FindStringSubmatch(re.Error()); msg != nil {
			m.text += ": " + html.UnescapeString(msg[1])
		} else {
			m.text += ": " + http.StatusText(re.StatusCode)
		}
	}
	return m
}

// azureMessage finds the message of the XML error body azcore quotes.
var azureMessage = regexp.MustCompile(`(?s)<Message>(.*?)</Message>`)
