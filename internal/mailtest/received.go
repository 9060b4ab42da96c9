package mailtest

import (
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Received is one message as the server received it.
type Received struct {
	From    string      // envelope sender (MAIL FROM)
	To      []string    // envelope recipients (RCPT TO)
	User    string      // the AUTH PLAIN user, "" without authentication
	TLS     bool        // whether the transaction ran over TLS (after STARTTLS)
	Header  mail.Header // the message's headers
	Subject string      // decoded Subject header
	Text    string      // the plain-text body, transfer encoding undone, CRLF as LF
	Raw     string      // the message exactly as transmitted in DATA
}

// parse reads the headers, subject and plain-text body of a raw message.
func parse(raw []byte) (Received, error) {
	msg, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		return Received{}, fmt.Errorf("parse message: %w", err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return Received{}, fmt.Errorf("decode subject: %w", err)
	}
	text, err := plainText(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	if err != nil {
		return Received{}, err
	}
	return Received{Header: msg.Header, Subject: subject, Text: text}, nil
}

// plainText returns the text/plain content of a body, descending into
// multipart bodies for their first text/plain part.
func plainText(contentType, encoding string, body io.Reader) (string, error) {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if contentType == "" {
		mediaType, err = "text/plain", nil
	}
	if err != nil {
		return "", fmt.Errorf("content type %q: %w", contentType, err)
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return "", fmt.Errorf("no text/plain part in %s", mediaType)
			}
			if err != nil {
				return "", fmt.Errorf("read part: %w", err)
			}
			if t := p.Header.Get("Content-Type"); t == "" || strings.HasPrefix(t, "text/plain") {
				return plainText(t, p.Header.Get("Content-Transfer-Encoding"), p)
			}
		}
	}
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, &stripNewlines{r: body})
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return "", fmt.Errorf("decode body (%s): %w", encoding, err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}

// stripNewlines drops CR and LF, which base64 bodies wrap at 76 columns.
type stripNewlines struct{ r io.Reader }

// Read reads from the underlying reader, dropping line breaks.
func (s *stripNewlines) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		k := 0
		for _, c := range p[:n] {
			if c != '\r' && c != '\n' {
				p[k] = c
				k++
			}
		}
		if k > 0 || err != nil {
			return k, err
		}
	}
}
