package pgtest

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
)

// Cluster is a throwaway PostgreSQL cluster in a temporary folder.
type Cluster struct {
	URL  string
	dir  string
	bin  string
	user string // when running as root, the user the server runs as
}

// StartCluster initializes and starts a throwaway cluster from the installed
// PostgreSQL binaries, listening on a free port of 127.0.0.1.
func StartCluster() (*Cluster, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "tenantry-pg-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	c := &Cluster{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		// initdb refuses to run as root: run the server as an ordinary user.
		for _, name := range []string{"postgres", "nobody"} {
			if u, err := user.Lookup(name); err == nil {
				c.user = name
				uid, _ := strconv.Atoi(u.Uid)
				gid, _ := strconv.Atoi(u.Gid)
				if err := os.Chown(dir, uid, gid); err != nil {
					return nil, fmt.Errorf("pgtest: chown %s: %w", dir, err)
				}
				break
			}
		}
		if c.user == "" {
			return nil, errors.New("pgtest: running as root and no postgres or nobody user to run a cluster as")
		}
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if out, err := c.run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"); err != nil {
		return nil, fmt.Errorf("pgtest: initdb: %w\n%s", err, out)
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", port, dir)
	if out, err := c.run("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "start"); err != nil {
		return nil, fmt.Errorf("pgtest: pg_ctl start: %w\n%s", err, out)
	}
	c.URL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	return c, nil
}

// Stop stops the cluster and removes its folder.
func (c *Cluster) Stop() {
	_, _ = c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	_ = os.RemoveAll(c.dir)
}

func (c *Cluster) run(tool string, args ...string) ([]byte, error) {
	path := filepath.Join(c.bin, tool)
	if c.user != "" {
		args = append([]string{"-u", c.user, "--", path}, args...)
		path = "runuser"
	}
	return exec.Command(path, args...).CombinedOutput()
}

// findBin returns the folder holding initdb and pg_ctl.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	more, _ := filepath.Glob("/usr/local/opt/postgresql*/bin/initdb")
	matches = append(matches, more...)
	if len(matches) == 0 {
		return "", errors.New("pgtest: no PostgreSQL server reachable and no initdb installed")
	}
	sort.Strings(matches)
	return filepath.Dir(matches[len(matches)-1]), nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func withDatabase(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("parse %q: %w", base, err)
	}
	u.Path = "/" + name
	return u.String(), nil
}
