package secretstest

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/xisecrets/xisecrets/gen"
)

// operation serves a request that has passed validation and authentication,
// returning the status and the body to send as JSON (nil: none).
type operation func(x *exchange) (status int, body any)

// operations maps the spec's operationIds to their implementations.
var operations = map[string]operation{
	"SecretsList":            (*exchange).list,
	"SecretsCreate":          (*exchange).create,
	"SecretsGet":             (*exchange).get,
	"SecretsUpdate":          (*exchange).update,
	"SecretsDelete":          (*exchange).delete,
	"SecretsGetDependencies": (*exchange).dependencies,

	"EnvironmentVariablesList":   (*exchange).listEnvs,
	"EnvironmentVariablesCreate": (*exchange).createEnv,
	"EnvironmentVariablesGet":    (*exchange).getEnv,
	"EnvironmentVariablesUpdate": (*exchange).updateEnv,
}

// stored is the answer to create and update.
func stored(v gen.ConvAIWorkspaceStoredSecretConfig) gen.PostWorkspaceSecretResponseModel {
	return gen.PostWorkspaceSecretResponseModel{Type: gen.PostWorkspaceSecretResponseModelTypeStored, SecretID: v.SecretID, Name: v.Name}
}

// secretBody is the request body of create and update; validation has
// already checked it, including the "type" constant.
type secretBody struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func (x *exchange) decodeSecret() (secretBody, bool) {
	var b secretBody
	err := json.Unmarshal(x.body, &b)
	return b, err == nil
}

func (x *exchange) create() (int, any) {
	b, ok := x.decodeSecret()
	if !ok {
		return http.StatusUnprocessableEntity, invalid("JSON decode error", "json_invalid", "body")
	}
	return http.StatusOK, stored(x.s.store.create(b.Name, b.Value))
}

func (x *exchange) get() (int, any) {
	id := x.in.PathParams["secret_id"]
	v, err := x.s.store.get(id)
	if err != nil {
		return http.StatusNotFound, secretNotFound(id)
	}
	return http.StatusOK, v
}

func (x *exchange) update() (int, any) {
	// The spec does not mark PATCH's body required, but its schema requires
	// every field, so an absent body cannot be a valid update.
	if len(x.body) == 0 {
		return http.StatusUnprocessableEntity, invalid("Field required", "missing", "body")
	}
	b, ok := x.decodeSecret()
	if !ok {
		return http.StatusUnprocessableEntity, invalid("JSON decode error", "json_invalid", "body")
	}
	id := x.in.PathParams["secret_id"]
	v, err := x.s.store.update(id, b.Name, b.Value)
	if err != nil {
		return http.StatusNotFound, secretNotFound(id)
	}
	return http.StatusOK, stored(v)
}

func (x *exchange) delete() (int, any) {
	id := x.in.PathParams["secret_id"]
	var inUse *inUseError
	switch err := x.s.store.delete(id); {
	case errors.Is(err, errNotFound):
		return http.StatusNotFound, secretNotFound(id)
	case errors.As(err, &inUse):
		// An assumption: the vendor documents no status for this; see the
		// package documentation.
		return http.StatusConflict, newAPIError("secret_in_use", inUse.Error())
	}
	return http.StatusNoContent, nil
}

// secretsPage is GetWorkspaceSecretsResponseModel, and dependenciesPage
// GetSecretDependenciesResponseModel, but for one thing: the generated
// models leave out a nil next_cursor, while the vendor (FastAPI) sends null
// on the last page, which the spec allows; so does the fake.
type secretsPage struct {
	Secrets    []gen.ConvAIWorkspaceStoredSecretConfig `json:"secrets"`
	NextCursor *string                                 `json:"next_cursor"`
}

type dependenciesPage struct {
	Dependencies gen.GetSecretDependenciesResponseModel_Dependencies `json:"dependencies"`
	NextCursor   *string                                             `json:"next_cursor"`
}

// cursor is the request's query and the sequence number its cursor
// continues after; a cursor the fake did not make is a 422 body.
func (x *exchange) cursor() (url.Values, uint64, *validationError) {
	q := x.r.URL.Query()
	after, ok := decodeCursor(q.Get("cursor"))
	if !ok {
		bad := invalid("Invalid cursor", "value_error", "query", "cursor")
		return q, 0, &bad
	}
	return q, after, nil
}

func (x *exchange) list() (int, any) {
	q, after, bad := x.cursor()
	if bad != nil {
		return http.StatusUnprocessableEntity, bad
	}
	items, next := x.s.store.list(q.Get("search"), after, intQuery(q, "page_size", 0), intQuery(q, "dependency_limit", 0))
	return http.StatusOK, secretsPage{items, encodeCursor(next)}
}

func (x *exchange) dependencies() (int, any) {
	q, after, bad := x.cursor()
	if bad != nil {
		return http.StatusUnprocessableEntity, bad
	}
	id := x.in.PathParams["secret_id"]
	items, next, err := x.s.store.dependencies(id, x.in.PathParams["resource_type"], after, intQuery(q, "page_size", 20))
	if err != nil {
		return http.StatusNotFound, secretNotFound(id)
	}
	return http.StatusOK, dependenciesPage{items, encodeCursor(next)}
}

// intQuery reads an integer query parameter that validation has already
// range-checked; absent or empty (the spec's null) gives def.
func intQuery(q url.Values, name string, def int) int {
	n, err := strconv.Atoi(q.Get(name))
	if err != nil {
		return def
	}
	return n
}

// Cursors are opaque to clients; inside they carry the sequence number of
// the last item returned. The prefix lets decodeCursor reject cursors the
// fake did not make.
const cursorPrefix = "secretstest:"

func encodeCursor(seq uint64) *string {
	if seq == 0 {
		return nil
	}
	c := base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatUint(seq, 10)))
	return &c
}

func decodeCursor(c string) (uint64, bool) {
	if c == "" {
		return 0, true
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(string(raw), cursorPrefix), 10, 64)
	return n, err == nil && strings.HasPrefix(string(raw), cursorPrefix) && n > 0
}
