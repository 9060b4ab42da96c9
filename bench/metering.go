package main

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/tenantry/tenantry/internal/config"
)

// benchGetMeteringOff measures GET tenant, with its baseline, on a second
// server opened on the same database and master key with request metering
// off (meter-flush-interval 0), in the same run as the metered one: the
// two ratios (server ÷ baseline) show what metering costs the request path.
func benchGetMeteringOff(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, dir, databaseURL string,
	a *account, progress io.Writer) (r Result, err error) {
	off, err := startServer(ctx, dir, databaseURL, func(c *config.Config) {
		c.MasterKey, c.MeterFlush = srv.cfg.MasterKey, -1
	})
	if err != nil {
		return r, err
	}
	defer func() {
		hc.CloseIdleConnections()
		err = errors.Join(err, off.Close())
	}()
	return benchBearerGet(ctx, e, opt, hc, off, a.Token, "/api/v1/tenants/"+a.TenantID, "GET tenant, metering off", "", progress)
}
