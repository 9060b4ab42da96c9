package outbox

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/mail"
	gomail "github.com/wneessen/go-mail"
)

// sendTimeout bounds one SMTP conversation: connect, TLS, auth and data.
const sendTimeout = 30 * time.Second

// SMTP delivers messages to an SMTP server (a relay or a provider's
// submission endpoint), one connection per message.
type SMTP struct {
	host, user, pass string
	port             int
	implicitTLS      bool             // smtps://: TLS from the first byte
	policy           gomail.TLSPolicy // STARTTLS policy for smtp://
	tls              *tls.Config      // nil: the system roots
	from             *netmail.Address // the sender of every message
	domain           string           // right-hand side of Message-IDs
}

// NewSMTP returns a transport for rawURL:
//
//	smtp://[user:pass@]host[:port]   port 587; STARTTLS required, except on a
//	                                 loopback host where it is used when offered
//	smtps://[user:pass@]host[:port]  port 465; implicit TLS
//
// The query parameter starttls=required|optional overrides the STARTTLS
// policy of smtp:// (optional: use it when the server offers it, else send
// in clear, e.g. to a relay on a private network). from is the sender of
// every message ("Name <address>"); tlsConfig, when not nil, replaces the
// default TLS settings (tests pass the pool trusting their own certificate).
func NewSMTP(rawURL, from string, tlsConfig *tls.Config) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("smtp url: %w", err)
	}
	s := &SMTP{host: u.Hostname(), tls: tlsConfig}
	switch u.Scheme {
	case "smtp":
		s.port, s.policy = 587, gomail.TLSMandatory
		if isLoopback(s.host) {
			s.policy = gomail.TLSOpportunistic
		}
	case "smtps":
		s.port, s.implicitTLS = 465, true
	default:
		return nil, fmt.Errorf("smtp url: scheme %q: use smtp:// or smtps://", u.Scheme)
	}
	if s.host == "" {
		return nil, fmt.Errorf("smtp url: no host")
	}
	if p := u.Port(); p != "" {
		if s.port, err = strconv.Atoi(p); err != nil || s.port < 1 || s.port > 65535 {
			return nil, fmt.Errorf("smtp url: port %q", p)
		}
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	for k, v := range u.Query() {
		switch {
		case k == "starttls" && v[0] == "required" && !s.implicitTLS:
			s.policy = gomail.TLSMandatory
		case k == "starttls" && v[0] == "optional" && !s.implicitTLS:
			s.policy = gomail.TLSOpportunistic
		default:
			return nil, fmt.Errorf("smtp url: unknown setting %s=%s (only starttls=required|optional with smtp://)", k, v[0])
		}
	}
	if s.from, err = netmail.ParseAddress(from); err != nil {
		return nil, fmt.Errorf("mail from %q: %w", from, err)
	}
	s.domain = "localhost"
	if at := strings.LastIndexByte(s.from.Address, '@'); at >= 0 {
		s.domain = s.from.Address[at+1:]
	}
	return s, nil
}

// Via reports mail.ViaSMTP.
func (s *SMTP) Via() string { return mail.ViaSMTP }

// Send delivers m. Its Message-ID is derived from the outbox row, so a
// retry after an uncertain delivery carries the same Message-ID and the
// recipient's systems can recognise the duplicate.
func (s *SMTP) Send(ctx context.Context, m *mail.Message) error {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	name := s.from.Name
	if m.FromName != "" { // the tenant's sender name, with the server's address
		name = m.FromName
	}
	if err := msg.FromFormat(name, s.from.Address); err != nil { // encodes the name: no header injection
		return fmt.Errorf("from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("to: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.ID + "@" + s.domain)
	msg.SetDateWithValue(m.CreatedAt)
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)

	opts := []gomail.Option{gomail.WithPort(s.port), gomail.WithTimeout(sendTimeout)}
	if s.implicitTLS {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(s.policy))
	}
	if s.tls != nil {
		c := s.tls.Clone()
		if c.ServerName == "" {
			c.ServerName = s.host
		}
		opts = append(opts, gomail.WithTLSConfig(c))
	}
	if s.user != "" {
		opts = append(opts, gomail.WithUsername(s.user), gomail.WithPassword(s.pass),
			gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthSCRAMSHA256, gomail.SMTPAuthSCRAMSHA1,
				gomail.SMTPAuthPlain, gomail.SMTPAuthLogin))
	}
	c, err := gomail.NewClient(s.host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("smtp %s:%d: %w", s.host, s.port, err)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
