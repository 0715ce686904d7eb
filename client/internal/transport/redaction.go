package transport

import (
	"encoding/json"
	"net/http"

	"github.com/xisecrets/xisecrets/client/internal/redact"
)

// requestRedaction redacts server text about one request: its secrets are
// the key and the secret value in the request's JSON body, the one place
// where both the facade and Raw() put it (read again with GetBody, or
// kept as it is sent: keepBody). The Redactor is built on first
// use, so a request that logs nothing and fails with nothing pays nothing.
type requestRedaction struct {
	key   string
	req   *http.Request
	tee   *bodyTee // the copy of a body without GetBody (keepBody)
	m     redact.Redactor
	built bool
}

func (r *requestRedaction) redactor() redact.Redactor {
	if !r.built {
		value := ""
		if r.tee != nil {
			value = r.tee.value()
		} else {
			value = bodyValue(r.req)
		}
		r.m, r.built = redact.Secrets{r.key, value}.Redactor(), true
	}
	return r.m
}

// wrap redacts err's text, keeping err for errors.Is and errors.As.
func (r *requestRedaction) wrap(err error) error {
	if err == nil {
		return nil
	}
	return &redact.Error{Msg: r.redactor().ErrText(err), Cause: err}
}

// bodyValue returns the "value" member of a request's JSON body, or "".
func bodyValue(req *http.Request) string {
	if req.GetBody == nil {
		return ""
	}
	body, err := req.GetBody()
	if err != nil {
		return ""
	}
	defer func() { _ = body.Close() }()
	var v struct {
		Value string `json:"value"`
	}
	if json.NewDecoder(body).Decode(&v) != nil {
		return ""
	}
	return v.Value
}
