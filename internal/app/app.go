// Package app holds Tenantry's use cases. Each one authorizes its caller,
// then does its work in one transaction — the change, its audit event and
// any queued job commit or roll back together — and returns domain values.
package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/limit"
	"github.com/tenantry/tenantry/internal/metering"
	"github.com/tenantry/tenantry/internal/payment/paperid"
	"github.com/tenantry/tenantry/internal/payment/stripepay"
	"github.com/tenantry/tenantry/internal/secret"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/webhook/outbound"
)

// Options tune an App; zero values take the defaults.
type Options struct {
	AccessTTL      time.Duration // access token lifetime, default 30 minutes
	RefreshTTL     time.Duration // refresh token lifetime, default 30 days
	CallerTTL      time.Duration // how long a resolved caller is cached, default 2 seconds
	KeyPoll        time.Duration // how often WatchKeys checks for a signing key added elsewhere, default 2 seconds
	LoginMaxFail   int           // failed logins per account before throttling, default 5
	LoginMaxFailIP int           // failed logins per client address before throttling, default 20
	// Now is the clock every time rule reads (token lifetimes, expiries,
	// throttles, caches), default time.Now.
	Now func() time.Time
	// Limits keeps the throttles' and request windows' state and carries
	// cache invalidations, default an in-memory store of this process.
	Limits limit.Store

	PublicURL  string // where users reach the server, for links in emails; default http://127.0.0.1:8080
	JobsQueued func() // optional: called after a commit that queued a job (mail or other), to wake the job worker

	PictureDecodes int // pictures decoded at once, default 2; more uploads meanwhile answer 429 pictures_busy
	// PasswordHashes is how many argon2id hashes and verifications run at
	// once (identity.HashQueue), default one per core (GOMAXPROCS); more
	// logins and password changes meanwhile wait their turn.
	PasswordHashes int

	// BillingGrace is how long a subscription whose payment failed stays
	// past_due before it is suspended, default 7 days.
	BillingGrace time.Duration
	// Stripe is the platform's Stripe account, which bills paid plans
	// (docs/billing.md, "Stripe"); nil when none is configured: plan
	// changes then apply at once and payments are recorded with provider
	// none.
	Stripe *stripepay.Client

	// PaperID provisions every new tenant's Paper.id partner account in the
	// background (job.PartnerProvision); nil: partner accounts are disabled.
	PaperID *paperid.Client

	// MeterFlush is how often the request meter (app/metering.go) is
	// flushed to request_meters by RunMetering, default 5 seconds; below 0
	// metering is off: requests are not counted and API keys have no
	// monthly quota.
	MeterFlush time.Duration

	// AuditSeal is how often RunAudit seals new audit events into the
	// hash chain (docs/audit.md), default 5 seconds.
	AuditSeal time.Duration

	// StorageAllowHTTP lets a tenant's storage endpoint be plain http on a
	// loopback address (tests, development); otherwise https only.
	StorageAllowHTTP bool

	// WebhookAllowHTTPLoopback lets webhook endpoints be plain http on a
	// literal loopback address (tests, development); otherwise https only,
	// never to a private, loopback or link-local address.
	WebhookAllowHTTPLoopback bool
	// WebhookTimeout bounds one webhook delivery attempt, default 10 s.
	WebhookTimeout time.Duration
}

// App is the set of use cases over one database.
type App struct {
	db     *store.DB
	hasher *identity.HashQueue
	tokens *auth.Tokens
	box    *secret.Box
	log    *slog.Logger
	opt    Options

	callers   *callerCache
	settings  *cache[*tenantSettings] // settingsOf
	providers *cache[[]auth.Provider] // providersIn
	tenants   *cache[*TenantView]     // GetTenant: a tenant's document, cleared when a tenant or subscription changes
	contexts  *cache[*tenantContext]  // TenantInContext: what a tenant shows its callers, by the id or slug asked for
	outlets   *cache[*OutletPage]     // ListOutlets: pages of outlets, cleared when an outlet changes
	builtin   *setting.Registry       // the built-in keys with this installation's defaults
	keyUse    *keyUsage               // when each API key's last use was written
	logins    *throttle
	// loginIPs throttles failed logins (and failed one-time codes) per
	// client address; mailsByEmail and mailsByIP bound the sign-in codes and
	// reset links one email address, or one client, may request.
	loginIPs     *throttle
	mailsByEmail *limit.Limiter
	mailsByIP    *limit.Limiter
	pictures     *DecodeSlots
	meter        *metering.Meter  // nil when metering is off
	hooks        *outbound.Client // sends webhook deliveries

	auditMu sync.Mutex // one audit round (seal, retention) at a time in this process
	audit   auditState

	keyMu        sync.Mutex
	keysLoadedAt time.Time
	dummyOnce    sync.Once
	dummyHash    string
}

// New returns an App. Call Start before serving requests.
func New(db *store.DB, hasher identity.Hasher, tokens *auth.Tokens, box *secret.Box, log *slog.Logger, opt Options) *App {
	if opt.AccessTTL == 0 {
		opt.AccessTTL = 30 * time.Minute
	}
	if opt.RefreshTTL == 0 {
		opt.RefreshTTL = 30 * 24 * time.Hour
	}
	if opt.CallerTTL == 0 {
		opt.CallerTTL = 2 * time.Second
	}
	if opt.KeyPoll == 0 {
		opt.KeyPoll = 2 * time.Second
	}
	if opt.LoginMaxFail == 0 {
		opt.LoginMaxFail = 5
	}
	if opt.LoginMaxFailIP == 0 {
		opt.LoginMaxFailIP = 20
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.PublicURL == "" {
		opt.PublicURL = "http://127.0.0.1:8080"
	}
	if opt.Limits == nil {
		opt.Limits = limit.NewMemory()
	}
	if opt.MeterFlush == 0 {
		opt.MeterFlush = 5 * time.Second
	}
	if opt.AuditSeal <= 0 {
		opt.AuditSeal = 5 * time.Second
	}
	if opt.BillingGrace <= 0 {
		opt.BillingGrace = DefaultBillingGrace
	}
	lim := opt.Limits
	builtin, err := builtinRegistry(opt)
	if err != nil {
		log.Error("configuration defaults of the options refused; the built-in ones apply", "err", err)
		builtin = setting.Builtin()
	}
	a := &App{
		db: db, hasher: identity.NewHashQueue(hasher, opt.PasswordHashes), tokens: tokens, box: box, log: log, opt: opt,
		callers: newCallerCache(opt.CallerTTL, opt.Now, lim, log),
		keyUse:  newKeyUsage(lim),
		logins:  newThrottle(lim, "login-email", opt.LoginMaxFail, opt.Now, log),

		loginIPs:     newThrottle(lim, "login-ip", opt.LoginMaxFailIP, opt.Now, log),
		mailsByEmail: limit.New(lim, "mail-email", limit.Window{Max: mailsPerEmail, Span: mailWindow}),
		mailsByIP:    limit.New(lim, "mail-ip", limit.Window{Max: mailsPerIP, Span: mailWindow}),
		pictures:     newDecodeSlots(opt.PictureDecodes),
		meter:        newMeter(opt),
		settings:     newCache[*tenantSettings](store.ConfigTopic, opt.CallerTTL, opt.Now, lim, log),
		providers:    newCache[[]auth.Provider](store.ConfigTopic, opt.CallerTTL, opt.Now, lim, log),
		tenants:      newCache[*TenantView](store.TenantsTopic, opt.CallerTTL, opt.Now, lim, log),
		contexts:     newCache[*tenantContext](store.TenantsTopic, opt.CallerTTL, opt.Now, lim, log).alsoOn(store.ConfigTopic),
		outlets:      newCache[*OutletPage](store.OutletsTopic, opt.CallerTTL, opt.Now, lim, log).sized(maxOutletPages),
		builtin:      builtin,
		hooks:        outbound.New(outbound.Options{Timeout: opt.WebhookTimeout, AllowHTTPLoopback: opt.WebhookAllowHTTPLoopback}),
	}
	// A commit that touched a topic broadcasts it, which clears the caches
	// that subscribe to it, in this process and the others; store.JobsTopic
	// (webhook deliveries queued with an audited change) is the job
	// worker's wake-up topic.
	db.OnCommit(func(topics []string) {
		for _, t := range topics {
			if err := lim.Publish(context.Background(), t); err != nil {
				log.Error("broadcast cache invalidation", "topic", t, "err", err)
			}
		}
	})
	return a
}

// newMeter is the App's request meter, nil when metering is off.
func newMeter(opt Options) *metering.Meter {
	if opt.MeterFlush < 0 {
		return nil
	}
	return metering.New(opt.Now)
}

// DB returns the App's database.
func (a *App) DB() *store.DB { return a.db }

// Tokens returns the App's token issuer.
func (a *App) Tokens() *auth.Tokens { return a.tokens }

func (a *App) now() time.Time { return a.opt.Now().UTC().Truncate(time.Microsecond) }

// Meta describes where a request came from, for the audit log.
type Meta struct {
	IP        string
	UserAgent string
	RequestID string
}

type metaKey struct{}

// WithMeta returns ctx carrying the request's metadata.
func WithMeta(ctx context.Context, m Meta) context.Context {
	return context.WithValue(ctx, metaKey{}, m)
}

func metaOf(ctx context.Context) Meta {
	m, _ := ctx.Value(metaKey{}).(Meta)
	return m
}

// PasswordHashes is the queue every argon2id computation of the app runs
// through (identity.HashQueue); wiring gives it KeepCoreFor.
func (a *App) PasswordHashes() *identity.HashQueue { return a.hasher }
