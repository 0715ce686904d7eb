// Package fakespec is how the fake (client/secretstest) turns an OpenAPI
// document into the router it serves requests with, shared with the
// generator (internal/maintainer/specmerge), which refuses to write a merged
// spec this package refuses. There is one notion of a valid document in the
// repository: what `go generate` accepts, the fake serves. Before, the
// generator validated without examples and the fake with them, so a vendor
// page whose example does not match its own schema generated, and then every
// test that started the fake failed.
package fakespec

import (
	"fmt"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// validationOptions are kin-openapi's document validation options, for the
// fake and the generator alike. Examples are not validated: they are
// documentation, the fake never serves them, and the vendor's do not always
// match their schemas (`examples: ["50000"]` on an integer, an example
// object without a required property), which must block neither
// generation nor the fake. Everything else (schemas, patterns, references,
// parameters) is validated as kin-openapi does by default, because the
// fake validates requests and responses with it.
func validationOptions() []openapi3.ValidationOption {
	return []openapi3.ValidationOption{openapi3.DisableExamplesValidation()}
}

// Router validates doc and builds the router the fake matches requests
// with. It clears doc.Servers: the router matches a request's full URL
// against them, and they list only the vendor's hosts, so a request to
// 127.0.0.1 would match nothing; without servers it matches on the path
// alone. The error is kin-openapi's, naming what is invalid.
func Router(doc *openapi3.T) (routers.Router, error) {
	doc.Servers = nil
	return legacy.NewRouter(doc, validationOptions()...)
}

// Load parses an OpenAPI document as gen/genspec parses the embedded spec
// and builds its [Router].
func Load(spec []byte) (routers.Router, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("loading the spec: %w", err)
	}
	return Router(doc)
}

// Server is what a test needs of a fake started by [Serve]: a
// *secretstest.Server.
type Server interface {
	URL() string
	APIKey() string
	// Close stops the fake before the test ends, for a test that starts
	// many; it is safe to call more than once.
	Close()
}

// Serve starts the fake (client/secretstest) on spec, an OpenAPI document,
// in place of the embedded spec, as secretstest.NewServer starts it (its own
// failures fail t), and closes it when t's test ends; the error is why the
// fake refused to start. It is set by client/secretstest when that package
// is linked, so a test that calls it imports secretstest too.
//
// It is a hook rather than a secretstest option because only this
// repository needs it: the generator's tests (another module) start the fake
// on every spec they generate, to prove it serves them; secretstest's public
// API promises no other spec than the embedded one.
var Serve func(t testing.TB, spec []byte) (Server, error)
