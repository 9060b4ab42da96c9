package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/store"
)

// otpCode is a requested sign-in code waiting to be verified.
type otpCode struct{ Email, Code string }

// benchOTP measures POST /api/v1/auth/otp/verify, every call signing in with
// a fresh code, then the issuer baseline answering the same bytes. The codes
// are requested beforehand, through the API, and read from the mail outbox
// (see fillCodes); that preparation is not measured.
func benchOTP(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, progress io.Writer) (r Result, err error) {
	fill := (opt.Warmup + opt.Duration) * 3 / 2
	fmt.Fprintf(progress, "%s: OTP verify: requesting codes for %s\n", e.Name, fill)
	codes, err := fillCodes(ctx, opt.Concurrency, hc, srv, fill)
	if err != nil {
		return r, err
	}
	url := srv.URL + "/api/v1/auth/otp/verify"
	first := <-codes
	contentType, body, err := captureReply(ctx, hc, url, map[string]string{"email": first.Email, "code": first.Code})
	if err != nil {
		return r, err
	}
	bare, err := serveBare(issuerHandler(srv.App.Tokens(), contentType, body))
	if err != nil {
		return r, err
	}
	defer func() { err = errors.Join(err, bare.Close()) }()
	r = Result{Engine: e.Name, Scenario: "OTP verify",
		Baseline: fmt.Sprintf("bare net/http: decode the body, one Tokens.Issue, same %d response bytes", len(body))}
	fmt.Fprintf(progress, "%s: OTP verify, %d workers, %s (%d codes)\n", e.Name, opt.Concurrency, opt.Duration, len(codes))
	if r.Real, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, verifyCodeOp(hc, url, codes)); err != nil {
		return r, err
	}
	fmt.Fprintf(progress, "%s: OTP verify baseline\n", e.Name)
	r.Base, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, func(ctx context.Context) string {
		_, fail := post(ctx, hc, bare.URL+"/api/v1/auth/otp/verify", map[string]string{"email": first.Email, "code": first.Code})
		return fail
	})
	return r, err
}

// verifyCodeOp signs in at url with the next unused code; when none is left
// the call fails at once as "no code left".
func verifyCodeOp(hc *http.Client, url string, codes chan otpCode) op {
	return func(ctx context.Context) string {
		select {
		case c := <-codes:
			_, fail := post(ctx, hc, url, map[string]string{"email": c.Email, "code": c.Code})
			return fail
		default:
			return "no code left"
		}
	}
}

// fillCodes requests sign-in codes through the API, for fresh accounts
// seeded straight into the database in batches, at full speed for about d.
// Verifying a code costs more than requesting one (two transactions to one:
// the code's use and its audit event, then the login's tokens and audit
// event), but on PostgreSQL not always twice as much, so codes are
// requested for one and a half times the run's time, which lasts the whole
// run with room to spare; were they to run out, the calls left would show
// as "no code left" errors. Each request names its own client address (from the
// 198.18.0.0/15 benchmarking range, in X-Forwarded-For: the server trusts
// it in this run) and each account asks once, so the per-address and
// per-email request limits are never reached. The codes are then read from
// the mail outbox, and the run waits for the outbox worker to deliver
// every message (to the local mailbox), so it does not compete with the
// measurement.
func fillCodes(ctx context.Context, workers int, hc *http.Client, srv *running, d time.Duration) (chan otpCode, error) {
	hash, err := identity.DefaultHasher().Hash(password)
	if err != nil {
		return nil, err
	}
	db, run := srv.App.DB(), randomHex(4)
	var emails []string
	for deadline := time.Now().Add(d); time.Now().Before(deadline); {
		batch, err := seedAccounts(ctx, db, hash, run, len(emails), 500)
		if err != nil {
			return nil, err
		}
		if err := requestCodes(ctx, workers, hc, srv.URL, batch, len(emails)); err != nil {
			return nil, err
		}
		emails = append(emails, batch...)
	}
	codes, err := readCodes(ctx, db, emails)
	if err != nil {
		return nil, err
	}
	return codes, waitOutbox(ctx, db)
}

// seedAccounts creates n active accounts numbered from first, in one transaction.
func seedAccounts(ctx context.Context, db *store.DB, hash, run string, first, n int) ([]string, error) {
	emails := make([]string, n)
	err := db.InSystem(ctx, func(tx *store.Tx) error {
		now := time.Now().UTC()
		for i := range emails {
			emails[i] = fmt.Sprintf("otp-%s-%d@bench.example.com", run, first+i)
			u := &identity.User{ID: id.New(id.User), Email: emails[i], PasswordHash: hash, FirstName: "Bench", LastName: "Otp",
				IsActive: true, CreatedAt: now, UpdatedAt: now}
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("seed accounts: %w", err)
	}
	return emails, nil
}

// requestCodes asks for a code for every email from workers goroutines;
// request i comes from the client address numbered offset+i.
func requestCodes(ctx context.Context, workers int, hc *http.Client, base string, emails []string, offset int) error {
	next := make(chan int)
	errc := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for i := range next {
				n := offset + i
				req, err := newJSONRequest(ctx, base+"/api/v1/auth/otp/request", map[string]string{"email": emails[i]})
				if err == nil {
					req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.%d.%d.%d", 18+n>>16&1, n>>8&255, n&255))
					_, _, err = send(hc, req, http.StatusOK)
				}
				if err != nil {
					errc <- fmt.Errorf("request a code: %w", err)
					return
				}
			}
		})
	}
	var err error
	for i := range emails {
		select {
		case next <- i:
			continue
		case err = <-errc:
		}
		break
	}
	close(next)
	wg.Wait()
	close(errc)
	return errors.Join(err, <-errc)
}

// readCodes reads the sign-in code sent to every email from the outbox.
func readCodes(ctx context.Context, db *store.DB, emails []string) (chan otpCode, error) {
	wanted := make(map[string]bool, len(emails))
	for _, e := range emails {
		wanted[e] = true
	}
	codes := make(chan otpCode, len(emails))
	err := db.ReadSystem(ctx, func(tx *store.Tx) error {
		msgs, err := tx.ListMail(ctx, len(emails)+100)
		for _, m := range msgs {
			if code, ok := strings.CutPrefix(m.Subject, "Your sign-in code: "); ok && wanted[m.To] {
				delete(wanted, m.To)
				codes <- otpCode{Email: m.To, Code: code}
			}
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read codes: %w", err)
	}
	if len(wanted) > 0 {
		return nil, fmt.Errorf("read codes: %d of %d codes are not in the outbox", len(wanted), len(emails))
	}
	return codes, nil
}

// waitOutbox waits until the outbox worker has delivered every message.
func waitOutbox(ctx context.Context, db *store.DB) error {
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var due []string
		err := db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
			due, err = tx.DueJobs(ctx, time.Now(), []string{job.Mail}, 1)
			return err
		})
		if err != nil {
			return fmt.Errorf("outbox: %w", err)
		}
		if len(due) == 0 {
			return nil
		}
	}
	return errors.New("outbox: the worker did not deliver the codes' messages within a minute")
}
