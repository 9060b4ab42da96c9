package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Response is what every generated ...WithResponse method returns.
type Response interface {
	StatusCode() int
	GetBody() []byte
}

// Error is an answer with another status than the one expected; Problem
// holds its RFC 9457 problem details when the body was one.
type Error struct {
	StatusCode int
	Problem    Problem
	Body       []byte
}

// Error names the status and, when there is one, the problem's code and
// detail.
func (e *Error) Error() string {
	if e.Problem.Code != "" {
		msg := fmt.Sprintf("tenantry: %d %s: %s", e.StatusCode, e.Problem.Code, e.Problem.Detail)
		if e.Problem.Errors != nil {
			var fields []string
			for _, f := range *e.Problem.Errors {
				fields = append(fields, f.Field+": "+f.Code)
			}
			msg += " (" + strings.Join(fields, ", ") + ")"
		}
		return msg
	}
	body := strings.TrimSpace(string(e.Body))
	if len(body) > 200 {
		body = body[:200] + "…"
	}
	return fmt.Sprintf("tenantry: status %d: %s", e.StatusCode, body)
}

// Check returns err when the request failed, an *Error when r's status is
// not want, and nil otherwise:
//
//	r, err := c.GetMembersWithResponse(ctx, nil)
//	if err := client.Check(r, err, http.StatusOK); err != nil { … }
//	for _, m := range *r.JSON200 { … }
func Check(r Response, err error, want int) error {
	if err != nil {
		return err
	}
	if r.StatusCode() == want {
		return nil
	}
	e := &Error{StatusCode: r.StatusCode(), Body: r.GetBody()}
	_ = json.Unmarshal(e.Body, &e.Problem) // not a problem document: Problem stays zero
	return e
}

// ProblemCode is the stable machine code of err's problem, or "" when err
// is not an *Error with one.
func ProblemCode(err error) string {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Problem.Code
	}
	return ""
}
