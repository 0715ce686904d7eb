package secretstest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/xisecrets/xisecrets/client/internal/sealed"
	"github.com/xisecrets/xisecrets/gen/genspec"
	"github.com/xisecrets/xisecrets/internal/fakespec"
)

// spec is a server's own copy of the merged OpenAPI document and what it
// needs to validate requests and responses against it.
type spec struct {
	router  routers.Router
	reqOpts *openapi3filter.Options
	resOpts *openapi3filter.Options
}

// Sentinel errors of the AuthenticationFunc; handle maps them to the
// vendor's 401 bodies.
var (
	errMissingKey = errors.New("missing_api_key")
	errInvalidKey = errors.New("invalid_api_key")
)

// loadSpec loads a fresh copy of the embedded spec (or of cfg.spec) for one
// server, so that nothing one server (or kin-openapi) does to it can affect
// another. The router is internal/fakespec's, whose validation is the
// generator's: a spec that generates is one the fake serves.
func loadSpec(cfg *config) (*spec, error) {
	router, err := loadRouter(cfg.spec)
	if err != nil {
		return nil, err
	}
	// Hide values from kin-openapi's messages: a request body holds a
	// secret value, and these messages reach 422 bodies and test logs.
	quiet := []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()}
	return &spec{
		router: router,
		reqOpts: &openapi3filter.Options{
			MultiError: true, // report every problem, as FastAPI does
			// Handlers apply defaults themselves; the request stays as
			// the client sent it.
			SkipSettingDefaults: true,
			// Without an AuthenticationFunc every operation fails its
			// security requirement; this one is the fake's auth check.
			AuthenticationFunc:      checkKey(cfg.apiKey),
			SchemaValidationOptions: quiet,
		},
		resOpts: &openapi3filter.Options{SchemaValidationOptions: quiet},
	}, nil
}

// loadRouter routes the embedded spec, or spec if it is not nil.
func loadRouter(spec []byte) (routers.Router, error) {
	if spec != nil {
		router, err := fakespec.Load(spec)
		if err != nil {
			return nil, fmt.Errorf("secretstest: routing the given spec: %w", err)
		}
		return router, nil
	}
	doc, err := genspec.GetSpec()
	if err != nil {
		return nil, fmt.Errorf("secretstest: loading the embedded spec: %w", err)
	}
	router, err := fakespec.Router(doc)
	if err != nil {
		return nil, fmt.Errorf("secretstest: routing the embedded spec: %w", err)
	}
	return router, nil
}

// checkKey authenticates a request the way the vendor does: the xi-api-key
// header must equal the key, compared in constant time so that the fake
// does not teach a client a timing side channel it could come to rely on.
func checkKey(apiKey sealed.Value) openapi3filter.AuthenticationFunc {
	return func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
		if in.SecurityScheme == nil || in.SecurityScheme.Type != "apiKey" || in.SecurityScheme.In != "header" {
			return fmt.Errorf("secretstest: unsupported security scheme %q", in.SecuritySchemeName)
		}
		got := in.RequestValidationInput.Request.Header.Values(in.SecurityScheme.Name)
		switch {
		case len(got) == 0 || got[0] == "":
			return errMissingKey
		case len(got) > 1 || !apiKey.Equal(got[0]):
			return errInvalidKey
		}
		return nil
	}
}

// validateRequest routes r and validates it, body included, against the
// spec. body is r's body, already read; r.Body is reset to it.
func (sp *spec) validateRequest(r *http.Request, body []byte) (*openapi3filter.RequestValidationInput, error) {
	route, params, err := sp.router.FindRoute(r)
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: sp.reqOpts}
	return in, openapi3filter.ValidateRequest(r.Context(), in)
}

// pathExists reports whether r's path matches an operation under another
// method, so that the answer can be 405 rather than 404. (The router tells
// these apart only for paths without parameters.)
func (sp *spec) pathExists(r *http.Request) bool {
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, _, err := sp.router.FindRoute(probe); err == nil {
			return true
		}
	}
	return false
}

// validateResponse checks a response the fake is about to send. Statuses the
// spec does not declare (401, 404, 409) pass: kin-openapi only checks
// declared ones unless told otherwise. A 204 must also be empty and untyped,
// which the spec cannot say.
func (sp *spec) validateResponse(in *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte) error {
	if status == http.StatusNoContent && (len(body) > 0 || header.Get("Content-Type") != "") {
		return errors.New("a 204 response must have no body and no Content-Type")
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Options:                sp.resOpts,
	}
	out.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(context.Background(), out)
}
