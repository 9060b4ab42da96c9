// Package config parses Tenantry's settings once, from flags and the
// environment (flags win), into a struct that is passed down by hand.
package config

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the server.
type Config struct {
	Addr              string
	DataDir           string
	DatabaseURL       string
	DBReadTimeout     time.Duration // budget of a read-only unit of work of a request (see store.Budgets)
	DBWriteTimeout    time.Duration // budget of a read-write unit of work of a request
	DBMigrateTimeout  time.Duration // budget of the migrations at start
	MasterKey         string
	MasterKeys        string // comma-separated, current first; replaces MasterKey (see docs/operations.md)
	BootstrapEmail    string
	BootstrapPassword string
	Issuer            string
	Audience          string
	RateLimit         float64
	TrustProxy        bool
	AccessTTL         time.Duration
	RefreshTTL        time.Duration
	LogLevel          string
	LogFormat         string
	SMTPURL           string // smtp://user:pass@host:587; "" writes mail to the log and the local mailbox
	MailFrom          string
	PublicURL         string        // where users reach the server, for links in emails
	Stripe            Stripe        // the platform's Stripe account; unset: no payment provider
	BillingGrace      time.Duration // how long a subscription stays past_due after a failed payment before it is suspended
	MeterFlush        time.Duration // how often the request meter is flushed to the database; below 0: metering off; 0: the default

	PaperID PaperID // the platform's Paper.id account; unset: no partner accounts
	// StorageAllowHTTP lets tenants' storage endpoints be plain http on a
	// loopback address (development, tests); otherwise https only.
	StorageAllowHTTP bool
	// WebhooksAllowHTTPLoopback lets webhook endpoints be plain http on a
	// literal loopback address (development, tests); otherwise https only.
	WebhooksAllowHTTPLoopback bool
	// WebhooksTimeout bounds one webhook delivery attempt.
	WebhooksTimeout time.Duration
	// Compat names the seed-compatible API surfaces served beside the
	// native /api/v1 (docs/compat-*.md): a subset of CompatSeeds.
	Compat []string
	// PasswordHashes is how many argon2id computations run at once; 0: one
	// per core (GOMAXPROCS).
	PasswordHashes int
	// Pprof is the loopback address `tenantry serve` serves net/http/pprof
	// on, on a listener of its own; "" for none.
	Pprof string
	// RedisURL is the Redis that several processes share their rate
	// limits, throttles and cache invalidations through; "": each process
	// keeps them in memory.
	RedisURL string
	// RedisPrefix starts every Redis key and channel of this deployment.
	RedisPrefix string
	// RedisTimeout bounds each Redis command; beyond it the process falls
	// back to its own memory.
	RedisTimeout time.Duration
	// publicURLFromAddr is set when PublicURL was not given and follows
	// the listen address (see Listening).
	publicURLFromAddr bool
}

// Postgres reports whether the configuration selects PostgreSQL.
func (c *Config) Postgres() bool {
	return strings.HasPrefix(c.DatabaseURL, "postgres://") || strings.HasPrefix(c.DatabaseURL, "postgresql://")
}

// setting is one row of the settings table.
type setting struct {
	flag, env, def, help string
	secret               bool
}

// Settings lists every setting with its flag, environment variable and default.
var settings = []setting{
	{"addr", "TENANTRY_ADDR", "127.0.0.1:8080", "address to listen on", false},
	{"data-dir", "TENANTRY_DATA_DIR", "./data", "folder for the SQLite database and the generated master key", false},
	{"database-url", "DATABASE_URL", "", "postgres:// URL to use PostgreSQL instead of the embedded SQLite", true},
	{"db-read-timeout", "TENANTRY_DB_READ_TIMEOUT", "5s", "budget of one read-only unit of work of a request (connection wait, statements, COMMIT); beyond it the request answers 503 database_unavailable", false},
	{"db-write-timeout", "TENANTRY_DB_WRITE_TIMEOUT", "10s", "budget of one read-write unit of work of a request, lock waits included; beyond it the request answers 503 database_unavailable", false},
	{"db-migrate-timeout", "TENANTRY_DB_MIGRATE_TIMEOUT", "10m", "budget of the schema migrations applied at start", false},
	{"master-key", "TENANTRY_MASTER_KEY", "", "32-byte key (hex or base64) encrypting secrets at rest; generated into the data folder when unset", true},
	{"master-keys", "TENANTRY_MASTER_KEYS", "", "several master keys, comma-separated, the current one first: it seals, all open (to rotate: put the new key first, run tenantry admin rotate-master-key, then drop the old one); replaces TENANTRY_MASTER_KEY", true},
	{"bootstrap-admin-email", "TENANTRY_BOOTSTRAP_ADMIN_EMAIL", "", "at start, create this platform admin if none exists", false},
	{"bootstrap-admin-password", "TENANTRY_BOOTSTRAP_ADMIN_PASSWORD", "", "password of the bootstrap platform admin", true},
	{"issuer", "TENANTRY_ISSUER", "tenantry", "the iss claim of access tokens", false},
	{"audience", "TENANTRY_AUDIENCE", "tenantry-api", "the aud claim of access tokens", false},
	{"rate-limit", "TENANTRY_RATE_LIMIT", "50", "requests per second per signed-in user; public endpoints get 30% per IP; 0 disables", false},
	{"trust-proxy", "TENANTRY_TRUST_PROXY", "false", "take the client address from X-Forwarded-For", false},
	{"access-token-ttl", "TENANTRY_ACCESS_TOKEN_TTL", "30m", "access token lifetime", false},
	{"refresh-token-ttl", "TENANTRY_REFRESH_TOKEN_TTL", "720h", "refresh token lifetime", false},
	{"smtp-url", "TENANTRY_SMTP_URL", "", "smtp://user:pass@host:587 (STARTTLS) or smtps:// URL to deliver mail, see docs/email.md; unset: mail goes to the log and the local mailbox (tenantry mail list)", true},
	{"mail-from", "TENANTRY_MAIL_FROM", "Tenantry <no-reply@localhost>", "sender of outgoing mail", false},
	{"public-url", "TENANTRY_PUBLIC_URL", "", "the address users reach the server at, used in links in emails; unset: http:// and the address the server listens on (127.0.0.1 when the host is left out, as in :9000)", false},
	{"stripe-secret-key", "TENANTRY_STRIPE_SECRET_KEY", "", "the platform's Stripe secret key (sk_live_…, sk_test_…, or a restricted rk_ key); unset: no payment provider, plan changes apply at once (docs/billing.md)", true},
	{"stripe-webhook-secret", "TENANTRY_STRIPE_WEBHOOK_SECRET", "", "signing secret (whsec_…) of the Stripe webhook endpoint POST /api/v1/webhooks/stripe; required with a secret key", true},
	{"stripe-api-url", "TENANTRY_STRIPE_API_URL", stripeAPIURL, "base URL of the Stripe API; http://127.0.0.1:12111 for a local stripe-mock", false},
	{"billing-grace-period", "TENANTRY_BILLING_GRACE_PERIOD", "168h", "how long a subscription whose payment failed stays past_due before it, and its tenant, are suspended (docs/billing.md)", false},
	{"meter-flush-interval", "TENANTRY_METER_FLUSH_INTERVAL", "5s", "how often this process adds the API requests and security violations it counted to the request_meters table (docs/operations.md, \"Request metering\"); 0 turns metering off: nothing is counted and API keys have no monthly request quota", false},
	{"paperid-url", "TENANTRY_PAPERID_URL", "", "Paper.id Open API base URL, https://open-api.paper.id (production) or https://open-api.stag-v2.paper.id (staging), for every tenant's partner account, see docs/billing.md; unset: no partner accounts (partner_status disabled)", false},
	{"paperid-client-id", "TENANTRY_PAPERID_CLIENT_ID", "", "the platform's Paper.id client_id (required with paperid-url)", false},
	{"paperid-client-secret", "TENANTRY_PAPERID_CLIENT_SECRET", "", "the platform's Paper.id client_secret (required with paperid-url)", true},
	{"paperid-timeout", "TENANTRY_PAPERID_TIMEOUT", "10s", "budget of one request to Paper.id; a timeout is retried with backoff", false},
	{"storage-allow-http", "TENANTRY_STORAGE_ALLOW_HTTP", "false", "let a tenant's storage endpoint (S3 endpoint, Azure BlobEndpoint) be plain http:// on a loopback address, for a local S3-compatible store or Azurite (docs/storage.md); otherwise endpoints must be https://", false},
	{"webhooks-allow-http-loopback", "TENANTRY_WEBHOOKS_ALLOW_HTTP_LOOPBACK", "false", "development only: let webhook endpoints be plain http:// to a literal loopback address (http://127.0.0.1:8000/hook, http://[::1]:8000/hook); otherwise endpoints must be https:// and never reach a private, loopback, link-local or multicast address (docs/webhooks.md)", false},
	{"webhooks-timeout", "TENANTRY_WEBHOOKS_TIMEOUT", "10s", "budget of one webhook delivery attempt (connecting, sending, reading at most 64 KiB of the answer); a timeout is retried on the delivery schedule (docs/webhooks.md)", false},
	{"compat", "TENANTRY_COMPAT", "trueport,pers,supertokens", "the seed-compatible API surfaces to serve beside /api/v1, comma-separated: trueport (/platform/api), pers (/tenants), supertokens (/recipe/multitenancy); none for the native API alone", false},
	{"password-hashes", "TENANTRY_PASSWORD_HASHES", "0", "how many argon2id password hashes and verifications (logins, registrations, password changes) run at once; more wait their turn, and give up when their client goes away; 0: one per core (GOMAXPROCS)", false},
	{"pprof", "TENANTRY_PPROF", "", "serve: Go's profiler (net/http/pprof under /debug/pprof/) on this address, e.g. 127.0.0.1:6060, on a listener of its own; only a loopback address is accepted; unset: off", false},
	{"redis-url", "TENANTRY_REDIS_URL", "", "redis://[user:password@]host:6379[/db], rediss:// (TLS) or unix:// URL of a Redis that every server process shares its rate limits, sign-in throttles, mail request windows, cache invalidations, job wake-ups and signing-key reloads through (docs/operations.md, \"Several processes\"); unset: each process keeps them in memory. When Redis fails or is slow (redis-timeout), each process falls back to its own memory and returns to Redis by itself", true},
	{"redis-prefix", "TENANTRY_REDIS_PREFIX", "tenantry:", "prefix of every Redis key and channel, so several deployments can share one Redis", false},
	{"redis-timeout", "TENANTRY_REDIS_TIMEOUT", "100ms", "how long a request waits for Redis per command before its process falls back to its own memory (and returns to Redis by itself); raise it for a distant Redis", false},
	{"log-level", "TENANTRY_LOG_LEVEL", "info", "debug, info, warn or error", false},
	{"log-format", "TENANTRY_LOG_FORMAT", "text", "text or json", false},
}

// Load parses args (after the command name) with defaults from getenv.
// extra registers a command's own flags beside the settings.
func Load(name string, args []string, getenv func(string) string, stderr io.Writer, extra ...func(*flag.FlagSet)) (Config, []string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	for _, f := range extra {
		f(fs)
	}
	vals := map[string]*string{}
	for _, s := range settings {
		def := s.def
		if v := getenv(s.env); v != "" {
			def = v
		}
		vals[s.flag] = fs.String(s.flag, def, s.help+" ("+s.env+")")
	}
	if err := fs.Parse(args); err != nil {
		return Config{}, nil, err
	}
	c := Config{
		Addr: *vals["addr"], DataDir: *vals["data-dir"], DatabaseURL: *vals["database-url"], MasterKey: *vals["master-key"],
		MasterKeys:     *vals["master-keys"],
		BootstrapEmail: *vals["bootstrap-admin-email"], BootstrapPassword: *vals["bootstrap-admin-password"],
		Issuer: *vals["issuer"], Audience: *vals["audience"], LogLevel: *vals["log-level"], LogFormat: *vals["log-format"],
		SMTPURL: *vals["smtp-url"], MailFrom: *vals["mail-from"], PublicURL: strings.TrimRight(*vals["public-url"], "/"),
		Stripe: Stripe{SecretKey: *vals["stripe-secret-key"], WebhookSecret: *vals["stripe-webhook-secret"], APIURL: strings.TrimRight(*vals["stripe-api-url"], "/")},
	}
	c.RedisURL, c.RedisPrefix = strings.TrimSpace(*vals["redis-url"]), *vals["redis-prefix"]
	c.PaperID = PaperID{URL: strings.TrimSpace(*vals["paperid-url"]), ClientID: *vals["paperid-client-id"], ClientSecret: *vals["paperid-client-secret"]}
	if c.PublicURL == "" {
		c.PublicURL, c.publicURLFromAddr = PublicURLOf(c.Addr), true
	}
	var err error
	if c.RateLimit, err = strconv.ParseFloat(*vals["rate-limit"], 64); err != nil || c.RateLimit < 0 {
		return c, nil, fmt.Errorf("config: rate-limit %q: must be a number of requests per second, 0 or more", *vals["rate-limit"])
	}
	if c.StorageAllowHTTP, err = strconv.ParseBool(*vals["storage-allow-http"]); err != nil {
		return c, nil, fmt.Errorf("config: storage-allow-http %q: must be true or false", *vals["storage-allow-http"])
	}
	if c.WebhooksAllowHTTPLoopback, err = strconv.ParseBool(*vals["webhooks-allow-http-loopback"]); err != nil {
		return c, nil, fmt.Errorf("config: webhooks-allow-http-loopback %q: must be true or false", *vals["webhooks-allow-http-loopback"])
	}
	if c.WebhooksTimeout, err = time.ParseDuration(*vals["webhooks-timeout"]); err != nil || c.WebhooksTimeout < 10*time.Millisecond || c.WebhooksTimeout > time.Minute {
		return c, nil, fmt.Errorf("config: webhooks-timeout %q: must be a duration from 10ms to 1m, e.g. 10s", *vals["webhooks-timeout"])
	}
	if c.Compat, err = parseCompat(*vals["compat"]); err != nil {
		return c, nil, err
	}
	if c.PasswordHashes, err = strconv.Atoi(*vals["password-hashes"]); err != nil || c.PasswordHashes < 0 {
		return c, nil, fmt.Errorf("config: password-hashes %q: must be a whole number, 0 (one per core) or more", *vals["password-hashes"])
	}
	if c.RedisTimeout, err = time.ParseDuration(*vals["redis-timeout"]); err != nil || c.RedisTimeout < time.Millisecond || c.RedisTimeout > time.Minute {
		return c, nil, fmt.Errorf("config: redis-timeout %q: must be a duration from 1ms to 1m, e.g. 100ms", *vals["redis-timeout"])
	}
	if c.Pprof = strings.TrimSpace(*vals["pprof"]); c.Pprof != "" && !loopback(c.Pprof) {
		return c, nil, fmt.Errorf("config: pprof %q: must be a loopback address with a port, such as 127.0.0.1:6060 or [::1]:6060 (the profiler is never served to the network)", c.Pprof)
	}
	if c.TrustProxy, err = strconv.ParseBool(*vals["trust-proxy"]); err != nil {
		return c, nil, fmt.Errorf("config: trust-proxy %q: must be true or false", *vals["trust-proxy"])
	}
	if c.AccessTTL, err = time.ParseDuration(*vals["access-token-ttl"]); err != nil || c.AccessTTL < time.Minute {
		return c, nil, fmt.Errorf("config: access-token-ttl %q: must be a duration of a minute or more, e.g. 30m", *vals["access-token-ttl"])
	}
	if c.RefreshTTL, err = time.ParseDuration(*vals["refresh-token-ttl"]); err != nil || c.RefreshTTL < c.AccessTTL {
		return c, nil, fmt.Errorf("config: refresh-token-ttl %q: must be a duration at least the access token's", *vals["refresh-token-ttl"])
	}
	if c.BillingGrace, err = time.ParseDuration(*vals["billing-grace-period"]); err != nil || c.BillingGrace < time.Minute {
		return c, nil, fmt.Errorf("config: billing-grace-period %q: must be a duration of a minute or more, e.g. 168h", *vals["billing-grace-period"])
	}
	if v := *vals["meter-flush-interval"]; v == "0" || v == "off" {
		c.MeterFlush = -1
	} else if c.MeterFlush, err = time.ParseDuration(v); err != nil || c.MeterFlush < 100*time.Millisecond {
		return c, nil, fmt.Errorf("config: meter-flush-interval %q: must be a duration of 100ms or more, e.g. 5s, or 0 to turn metering off", v)
	}
	for _, d := range []struct {
		name string
		dst  *time.Duration
	}{{"db-read-timeout", &c.DBReadTimeout}, {"db-write-timeout", &c.DBWriteTimeout}, {"db-migrate-timeout", &c.DBMigrateTimeout}} {
		if *d.dst, err = time.ParseDuration(*vals[d.name]); err != nil || *d.dst < 10*time.Millisecond {
			return c, nil, fmt.Errorf("config: %s %q: must be a duration of 10ms or more, e.g. 5s", d.name, *vals[d.name])
		}
	}
	if err := c.PaperID.load(*vals["paperid-timeout"]); err != nil {
		return c, nil, err
	}
	if c.DatabaseURL != "" && !c.Postgres() {
		return c, nil, fmt.Errorf("config: DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for the embedded SQLite)")
	}
	if err := c.validateRedis(); err != nil {
		return c, nil, err
	}
	if err := c.Stripe.validate(); err != nil {
		return c, nil, err
	}
	if c.MasterKey != "" && c.MasterKeys != "" {
		return c, nil, fmt.Errorf("config: set TENANTRY_MASTER_KEYS or TENANTRY_MASTER_KEY, not both (put the single key in the list)")
	}
	if (c.BootstrapEmail == "") != (c.BootstrapPassword == "") {
		return c, nil, fmt.Errorf("config: set both TENANTRY_BOOTSTRAP_ADMIN_EMAIL and TENANTRY_BOOTSTRAP_ADMIN_PASSWORD, or neither")
	}
	return c, fs.Args(), nil
}

// PublicURLOf is the public URL of a server listening on addr: http:// and
// the address, with 127.0.0.1 for an unspecified host (":9000",
// "0.0.0.0:9000", "[::]:9000"), since that address reaches every interface's
// listener from the machine itself.
func PublicURLOf(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// Listening tells the configuration the address the server actually
// listens on (which differs from Addr for port 0): a public URL that was not
// set follows it.
func (c *Config) Listening(addr string) {
	if c.publicURLFromAddr {
		c.PublicURL = PublicURLOf(addr)
	}
}

// Print writes the effective configuration with secrets masked.
func (c *Config) Print(w io.Writer) {
	rows := [][2]string{
		{"addr", c.Addr}, {"data-dir", c.DataDir}, {"database", c.database()}, {"master-key", c.masterKeys()},
		{"db-timeouts", fmt.Sprintf("read %s, write %s, migrate %s", c.DBReadTimeout, c.DBWriteTimeout, c.DBMigrateTimeout)},
		{"bootstrap-admin-email", orDash(c.BootstrapEmail)}, {"bootstrap-admin-password", mask(c.BootstrapPassword, "-")},
		{"issuer", c.Issuer}, {"audience", c.Audience}, {"rate-limit", fmt.Sprintf("%g/s per user, %g/s per IP on public endpoints", c.RateLimit, c.RateLimit*0.3)},
		{"trust-proxy", strconv.FormatBool(c.TrustProxy)}, {"access-token-ttl", c.AccessTTL.String()},
		{"refresh-token-ttl", c.RefreshTTL.String()}, {"smtp", c.smtp()}, {"mail-from", c.MailFrom},
		{"public-url", c.PublicURL}, {"stripe", c.Stripe.describe()}, {"billing-grace-period", c.BillingGrace.String()},
		{"meter-flush-interval", meterFlush(c.MeterFlush)},
		{"paperid", c.PaperID.describe()}, {"storage-allow-http", strconv.FormatBool(c.StorageAllowHTTP)},
		{"webhooks-allow-http-loopback", strconv.FormatBool(c.WebhooksAllowHTTPLoopback)}, {"webhooks-timeout", c.WebhooksTimeout.String()},
		{"compat", orDash(strings.Join(c.Compat, ","))}, {"redis", c.redis()},
		{"password-hashes", passwordHashes(c.PasswordHashes)}, {"pprof", orDash(c.Pprof)},
		{"log", c.LogLevel + " " + c.LogFormat},
	}
	fmt.Fprintln(w, "tenantry configuration:")
	for _, r := range rows {
		fmt.Fprintf(w, "  %-25s %s\n", r[0], r[1])
	}
}

func (c *Config) database() string {
	if !c.Postgres() {
		return "sqlite (embedded, " + c.DataDir + "/tenantry.db)"
	}
	u, err := url.Parse(c.DatabaseURL)
	if err != nil {
		return "postgres (unparsable URL)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "****")
	}
	return "postgres " + u.Redacted()
}

func (c *Config) smtp() string {
	if c.SMTPURL == "" {
		return "(none: mail goes to the log and the local mailbox)"
	}
	u, err := url.Parse(c.SMTPURL)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

// masterKeys describes the master keys without showing any.
func (c *Config) masterKeys() string {
	if c.MasterKeys != "" {
		return fmt.Sprintf("**** (%d keys, the first seals)", strings.Count(c.MasterKeys, ",")+1)
	}
	return mask(c.MasterKey, "(generated file in data-dir)")
}

func mask(v, empty string) string {
	if v == "" {
		return empty
	}
	return "****"
}

func orDash(v string) string {
	if v == "" {
		return "-"
	}
	return v
}

// Usage writes the settings table: flag, environment variable, default,
// and under each its meaning.
func Usage(w io.Writer) {
	for _, s := range settings {
		fmt.Fprintf(w, "  -%-26s %-36s default %q\n      %s\n", s.flag, s.env, s.def, s.help)
	}
}

// loopback reports whether addr is host:port with a loopback host
// (127.0.0.0/8, ::1 or localhost).
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return host == "localhost" || ip != nil && ip.IsLoopback()
}

// passwordHashes describes the bound of the password hash queue for Print.
func passwordHashes(n int) string {
	if n == 0 {
		return "one per core"
	}
	return strconv.Itoa(n) + " at once"
}

// meterFlush describes the meter's flush interval for Print.
func meterFlush(d time.Duration) string {
	if d < 0 {
		return "off"
	}
	return d.String()
}

// CompatSeeds are the seed-compatible API surfaces there are.
func CompatSeeds() []string { return []string{"trueport", "pers", "supertokens"} }

// parseCompat reads the compat setting: seeds of CompatSeeds, comma-separated,
// or none.
func parseCompat(v string) ([]string, error) {
	out := []string{}
	if strings.TrimSpace(v) == "none" {
		return out, nil
	}
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if !slices.Contains(CompatSeeds(), s) {
			return nil, fmt.Errorf("config: compat %q: must name trueport, pers or supertokens (comma-separated), or none", v)
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out, nil
}
