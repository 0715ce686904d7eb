package client

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/xisecrets/xisecrets/gen"
)

// boundNames is the generated client with the name bound (MaxNameBytes)
// on every create and update, the facade's and Raw()'s alike: a name no
// listing page can hold breaks every listing of the workspace, for every
// user of it, so no path of this package writes one. It is the only one
// of the facade's argument checks that Raw() applies; the others (an
// empty name, a value over MaxValueBytes) harm only the caller's own
// request, and Raw() is for what the facade does not cover.
type boundNames struct{ gen.ClientInterface }

// SecretsCreate refuses body.Name over MaxNameBytes, sending nothing.
func (b *boundNames) SecretsCreate(ctx context.Context, body gen.SecretsCreateJSONRequestBody, eds ...gen.RequestEditorFn) (*http.Response, error) {
	if err := checkNameLength(body.Name); err != nil {
		return nil, err
	}
	return b.ClientInterface.SecretsCreate(ctx, body, eds...)
}

// SecretsUpdate refuses body.Name over MaxNameBytes, sending nothing.
func (b *boundNames) SecretsUpdate(ctx context.Context, id string, body gen.SecretsUpdateJSONRequestBody, eds ...gen.RequestEditorFn) (*http.Response, error) {
	if err := checkNameLength(body.Name); err != nil {
		return nil, err
	}
	return b.ClientInterface.SecretsUpdate(ctx, id, body, eds...)
}

// SecretsCreateWithBody refuses a JSON body whose name is over
// MaxNameBytes, sending nothing.
func (b *boundNames) SecretsCreateWithBody(ctx context.Context, contentType string, body io.Reader, eds ...gen.RequestEditorFn) (*http.Response, error) {
	body, err := checkBodyName(body)
	if err != nil {
		return nil, err
	}
	return b.ClientInterface.SecretsCreateWithBody(ctx, contentType, body, eds...)
}

// SecretsUpdateWithBody refuses a JSON body whose name is over
// MaxNameBytes, sending nothing.
func (b *boundNames) SecretsUpdateWithBody(ctx context.Context, id, contentType string, body io.Reader, eds ...gen.RequestEditorFn) (*http.Response, error) {
	body, err := checkBodyName(body)
	if err != nil {
		return nil, err
	}
	return b.ClientInterface.SecretsUpdateWithBody(ctx, id, contentType, body, eds...)
}

// checkBodyName reads a caller's request body and checks its "name" field,
// returning the body to send in its place. The field is found by its exact
// key, the last of repeats, as the API's JSON parser finds it (not
// encoding/json's case-insensitive match into a struct, which a body with
// both "name" and "Name" would get past). A body that is not a JSON object
// with a string name is sent as it is, for the API to refuse. Nothing of
// the body (it holds the value) is quoted in an error.
func checkBodyName(body io.Reader) (io.Reader, error) {
	if body == nil {
		return nil, nil
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, invalidf("reading the request body: %v", err)
	}
	var fields map[string]json.RawMessage
	var name string
	if json.Unmarshal(b, &fields) == nil && json.Unmarshal(fields["name"], &name) == nil {
		if err := checkNameLength(name); err != nil {
			return nil, err
		}
	}
	return bytes.NewReader(b), nil
}
