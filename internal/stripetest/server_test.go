package stripetest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v82/webhook"
)

// TestShared: tests running together share one stripe-mock, which answers
// the API; it is stopped when the last of them ends.
func TestShared(t *testing.T) {
	var first *Server
	t.Run("group", func(t *testing.T) {
		for _, name := range []string{"a", "b"} {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				s := Start(t)
				if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
					t.Errorf("URL %q", s.URL)
				}
				req, _ := http.NewRequest(http.MethodPost, s.URL+"/v1/customers", strings.NewReader("email=shared-"+name+"@example.com"))
				req.Header.Set("Authorization", "Bearer "+Key)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				s.WaitForRequest(t, "email:shared-"+name+"@example.com")
				shared.mu.Lock()
				if first == nil {
					first = s
				} else if first != s {
					t.Error("two stripe-mocks for parallel tests")
				}
				shared.mu.Unlock()
			})
		}
	})
	if first == nil || !first.exited() {
		t.Error("stripe-mock still runs after its last test")
	}
}

// TestSign: Sign's header verifies with stripe-go for the secret it was
// signed with.
func TestSign(t *testing.T) {
	payload := Event("evt_1", "invoice.paid", time.Now(), Invoice{ID: "in_1"}.Object())
	if err := webhook.ValidatePayload(payload, Sign(payload, "whsec_a", time.Now()), "whsec_a"); err != nil {
		t.Error(err)
	}
}
