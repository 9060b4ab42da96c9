package mail

import (
	"fmt"
	"time"
)

// KindAccountSetup is a message asking a user created without a password
// to choose one.
const KindAccountSetup = "account_setup"

// AccountSetup asks someone an admin added to a tenant, without a password,
// to choose their password through a link.
func AccountSetup(to, tenantName, link string, ttl time.Duration) (subject, text string) {
	subject = "Your account at " + tenantName
	text = fmt.Sprintf(`An account with this email address (%s) was created for you at %s.
To choose your password, open this link within %s:

  %s

The link works once. Afterwards, sign in with this email address and your password.
If you did not expect this message, you can ignore it.
`, to, tenantName, Duration(ttl), link)
	return subject, text
}
