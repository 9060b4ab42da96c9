package mail

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// The texts of Tenantry's messages. Each function returns a subject and a
// plain-text body; callers put them in a Message with the matching Kind and
// enqueue it in the transaction of the change that causes it.

// Welcome greets the admin of a newly created tenant.
func Welcome(to, firstName, tenantName, loginURL string) (subject, text string) {
	subject = "Welcome to " + tenantName
	text = fmt.Sprintf(`Hello %s,

%s is ready on Tenantry, and you are its owner. Sign in with this
email address (%s) at:

  %s

Next steps: add your outlets, invite your team and review your plan.

If you did not expect this message, you can ignore it.
`, orThere(firstName), tenantName, to, loginURL)
	return subject, text
}

// OTP carries a one-time sign-in code.
func OTP(to, code string, ttl time.Duration) (subject, text string) {
	subject = "Your sign-in code: " + code
	text = fmt.Sprintf(`Your sign-in code is:

  %s

It is valid for %s and can be used once. It was requested for %s.
If you did not ask for it, ignore this message; nobody can sign in without the code.
`, code, Duration(ttl), to)
	return subject, text
}

// Reset carries a password reset link.
func Reset(to, link string, ttl time.Duration) (subject, text string) {
	subject = "Reset your password"
	text = fmt.Sprintf(`Someone asked to reset the password of the account %s.
To choose a new password, open this link within %s:

  %s

The link works once. Resetting your password signs you out everywhere.
If you did not ask for this, ignore this message; your password stays as it is.
`, to, Duration(ttl), link)
	return subject, text
}

// Invite carries an invitation to join a tenant.
func Invite(to, tenantName, link string, ttl time.Duration) (subject, text string) {
	subject = "You are invited to join " + tenantName
	text = fmt.Sprintf(`You (%s) have been invited to join %s.
To accept, open this link within %s:

  %s

The link works once. If you did not expect this invitation, ignore this message.
`, to, tenantName, Duration(ttl), link)
	return subject, text
}

// The pages of the web console that emailed links open (PublicURL + path
// + ?token=…): choosing a new password, and accepting an invitation. A
// binary built without the console (the noconsole tag) has no such pages;
// its links are for a front end of the operator's own at those paths.
const (
	ResetPath  = "/console/reset-password"
	InvitePath = "/console/accept-invite"
)

// Link returns publicURL + path with the query parameter name=value, e.g.
// Link(cfg.PublicURL, ResetPath, "token", t).
func Link(publicURL, path, name, value string) string {
	return strings.TrimRight(publicURL, "/") + path + "?" + url.Values{name: {value}}.Encode()
}

// Duration writes a validity period for people: "10 minutes", "1 hour",
// "7 days".
func Duration(d time.Duration) string {
	switch {
	case d >= 48*time.Hour && d%(24*time.Hour) == 0:
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	case d >= time.Hour && d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour")
	case d >= time.Minute && d%time.Minute == 0:
		return plural(int(d/time.Minute), "minute")
	}
	return plural(int((d+time.Second-1)/time.Second), "second")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func orThere(name string) string {
	if strings.TrimSpace(name) == "" {
		return "there"
	}
	return name
}
