package client_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"

	"github.com/tenantry/tenantry/client"
)

// A session signs in, acts in one of the user's tenants and lists its
// outlets; the access token is refreshed behind the scenes.
func ExampleSession() {
	ctx := context.Background()
	s, err := client.NewSession("https://tenantry.example.com")
	if err != nil {
		log.Fatal(err)
	}
	login, err := s.Login(ctx, client.LoginRequest{Email: "owner@example.com", Password: "…"})
	if err != nil {
		log.Fatal(err) // client.ProblemCode(err) is e.g. "invalid_credentials"
	}
	if _, err := s.SelectTenant(ctx, (*login.Tenants)[0].ID); err != nil {
		log.Fatal(err)
	}
	c, err := s.Client()
	if err != nil {
		log.Fatal(err)
	}
	outlets, err := c.GetOutletsWithResponse(ctx, &client.GetOutletsParams{})
	if err := client.Check(outlets, err, http.StatusOK); err != nil {
		log.Fatal(err)
	}
	for _, o := range *outlets.JSON200 {
		fmt.Println(o.Name, o.Address.City)
	}
}

// A machine client calls with an API key instead of a session.
func ExampleWithAPIKey() {
	c, err := client.NewClientWithResponses("https://tenantry.example.com", client.WithAPIKey("tnt_live_…"))
	if err != nil {
		log.Fatal(err)
	}
	r, err := c.GetOutletsWithResponse(context.Background(), nil)
	if err := client.Check(r, err, http.StatusOK); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(*r.JSON200), "outlets")
}

// A receiver of Tenantry's webhooks checks each delivery's signature
// before trusting its body.
func ExampleWebhookVerifier() {
	v, err := client.NewWebhookVerifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /tenantry-events", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		if err := v.Verify(r.Header, body); err != nil {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		// body is Tenantry's: decode it, act on it, answer 2xx quickly.
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":8080", mux))
}
