package paperidtest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// wirePartner is the documented Partner object (the fields this fake keeps).
type wirePartner struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Number      string `json:"number"`
	Type        string `json:"type"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
	MobilePhone string `json:"mobile_phone"`
	CreatedAt   string `json:"created_at"`
	UpdatedAt   string `json:"updated_at"`
}

func wireOf(p Partner) wirePartner {
	at := p.CreatedAt.Format(time.RFC3339)
	return wirePartner{ID: p.ID, Name: p.Name, Number: p.Number, Type: p.Type, Email: p.Email, Phone: p.Phone,
		CreatedAt: at, UpdatedAt: at}
}

// handle answers one request: the switches first, then the credentials,
// then the partner calls.
func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	authed := r.Header.Get("client_id") == ClientID && r.Header.Get("client_secret") == ClientSecret
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Body: string(body), Authed: authed})
	hang, hangCtx := s.hang, s.hangCtx
	fail := 0
	if len(s.failures) > 0 {
		fail, s.failures = s.failures[0], s.failures[1:]
	}
	s.mu.Unlock()
	if hang {
		select {
		case <-r.Context().Done(): // the client gave up
			return
		case <-hangCtx.Done():
		}
	}
	switch {
	case fail != 0:
		writeError(w, fail, "SIMULATED_FAILURE", http.StatusText(fail))
	case !authed:
		writeError(w, http.StatusUnauthorized, "UNAUTHORIZED", "invalid client_id or client_secret")
	case r.URL.Path == "/api/v2/partners" && r.Method == http.MethodPost:
		s.create(w, body)
	case r.URL.Path == "/api/v2/partners" && r.Method == http.MethodGet:
		s.list(w, r)
	case strings.HasPrefix(r.URL.Path, "/api/v2/partners/") && r.Method == http.MethodGet:
		s.get(w, strings.TrimPrefix(r.URL.Path, "/api/v2/partners/"))
	case r.URL.Path == "/api/v2/partners" || strings.HasPrefix(r.URL.Path, "/api/v2/partners/"):
		writeError(w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "method not allowed")
	default:
		writeError(w, http.StatusNotFound, "NOT_FOUND", "resource not found")
	}
}

// create validates a partner as documented (name, number, type and phone
// required; type client, supplier or both; number unique) and stores it.
func (s *Server) create(w http.ResponseWriter, body []byte) {
	var in struct {
		Name, Number, Type, Email, Phone string
	}
	if err := json.Unmarshal(body, &in); err != nil {
		writeError(w, http.StatusBadRequest, "INVALID_REQUEST", "invalid JSON body")
		return
	}
	var missing []string
	for _, f := range []struct{ name, v string }{{"name", in.Name}, {"number", in.Number}, {"type", in.Type}, {"phone", in.Phone}} {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", strings.Join(missing, ", ")+" is required")
		return
	}
	switch strings.ToLower(in.Type) {
	case "client", "supplier", "both":
	default:
		writeError(w, http.StatusBadRequest, "VALIDATION_ERROR", "type must be one of Supplier, Client, Both")
		return
	}
	s.mu.Lock()
	if _, taken := s.byNumber[in.Number]; taken {
		s.mu.Unlock()
		writeError(w, http.StatusBadRequest, "PARTNER_NUMBER_EXISTS", "partner number already exists")
		return
	}
	p := s.store(Partner{Number: in.Number, Name: in.Name, Type: strings.ToLower(in.Type), Email: in.Email, Phone: in.Phone})
	s.mu.Unlock()
	writeJSON(w, http.StatusCreated, map[string]any{"message": "success", "data": wireOf(p)})
}

// list filters partners by number (and name), newest first, with the
// documented pagination.
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	if limit <= 0 {
		limit = 10
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	s.mu.Lock()
	var out []Partner
	for _, p := range s.partners {
		if n := q.Get("number"); n != "" && !strings.Contains(p.Number, n) {
			continue
		}
		if n := q.Get("name"); n != "" && !strings.Contains(strings.ToLower(p.Name), strings.ToLower(n)) {
			continue
		}
		out = append(out, p)
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt.After(out[j].CreatedAt) })
	total := len(out)
	out = out[min(offset, len(out)):]
	out = out[:min(limit, len(out))]
	data := make([]wirePartner, 0, len(out))
	for _, p := range out {
		data = append(data, wireOf(p))
	}
	writeJSON(w, http.StatusOK, map[string]any{"message": "success", "data": data,
		"pagination": map[string]int{"limit": limit, "offset": offset, "total_record": total, "page": offset/limit + 1,
			"total_page": (total + limit - 1) / limit}})
}

func (s *Server) get(w http.ResponseWriter, id string) {
	s.mu.Lock()
	p, ok := s.partners[id]
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "PARTNER_NOT_FOUND", "partner not found")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"message": "success", "data": wireOf(p)})
}

// store gives p an id (a UUID) and keeps it; the caller holds s.mu.
func (s *Server) store(p Partner) Partner {
	if p.ID == "" {
		p.ID = uuid()
	}
	s.seq++
	p.CreatedAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(s.seq) * time.Second)
	s.partners[p.ID] = p
	s.byNumber[p.Number] = p.ID
	return p
}

func uuid() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"status_code": status, "error_code": code, "message": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
