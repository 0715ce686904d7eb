package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/xisecrets/xisecrets/client/internal/redact"
	"github.com/xisecrets/xisecrets/gen"
)

// EnvironmentVariablesService groups the operations on workspace
// environment variables; use Client.EnvironmentVariables.
//
// An environment variable has a unique label and one value per
// environment: EnvironmentProduction always, others optional. Update
// reads the API's PATCH as a per-key merge (the environments given
// replace theirs, those removed go, the others stay): that is our reading
// of the vendor's "values to replace", which the fake follows.
type EnvironmentVariablesService struct {
	c *Client
}

// Op names in errors.
const (
	envListOp   = "list environment variables"
	envGetOp    = "get environment variable"
	envCreateOp = "create environment variable"
	envUpdateOp = "update environment variable"
)

// EnvironmentVariableListOptions filters and sizes EnvironmentVariables.List.
type EnvironmentVariableListOptions struct {
	// Label keeps only the variable of exactly this label.
	Label string
	// Environment keeps only variables that have this environment, and
	// their Values then hold only it.
	Environment string
	// Type keeps only variables of this type.
	Type EnvironmentVariableType
	// PageSize is how many variables each request fetches (1-100); 0 is
	// MaxPageSize.
	PageSize int
}

// List iterates over the workspace's environment variables, fetching
// pages on demand, with the same defenses as Secrets.List (a repeated or
// oversized cursor, endless pages) and each variable yielded once by id.
// An error is yielded once, as the last element.
func (s *EnvironmentVariablesService) List(ctx context.Context, opts EnvironmentVariableListOptions, callOpts ...CallOption) iter.Seq2[EnvironmentVariable, error] {
	if err := checkRange("PageSize", opts.PageSize, MaxPageSize); err != nil {
		return yieldErr[EnvironmentVariable](err)
	}
	if opts.Label != "" {
		if err := CheckLabel(opts.Label); err != nil {
			return yieldErr[EnvironmentVariable](err)
		}
	}
	if opts.Environment != "" {
		if err := checkEnvironment(opts.Environment); err != nil {
			return yieldErr[EnvironmentVariable](err)
		}
	}
	if opts.Type != "" && !opts.Type.valid() {
		return yieldErr[EnvironmentVariable](invalidf("Type %q is not string, secret or auth_connection", string(opts.Type)))
	}
	if opts.PageSize == 0 {
		opts.PageSize = MaxPageSize
	}
	params := gen.EnvironmentVariablesListParams{
		PageSize:    nonZero(opts.PageSize),
		Label:       nonZero(opts.Label),
		Environment: nonZero(opts.Environment),
		Type:        nonZero(gen.EnvironmentVariablesListParamsType(opts.Type)),
	}
	pages := paginate(ctx, envListOp, func(ctx context.Context, cursor *string) ([]EnvironmentVariable, *string, error) {
		p := params
		p.Cursor = cursor
		var out gen.EnvironmentVariablesListResponseModel
		err := call(ctx, envListOp, func(ctx context.Context) (*http.Response, error) {
			return s.c.raw.EnvironmentVariablesList(ctx, &p)
		}, &out, s.callSecrets(), callOpts)
		if err != nil {
			return nil, nil, err
		}
		if out.EnvironmentVariables == nil {
			return nil, nil, missingField(envListOp, "the page", "environment_variables")
		}
		page := make([]EnvironmentVariable, 0, len(out.EnvironmentVariables))
		for _, in := range out.EnvironmentVariables {
			ev, err := toEnvironmentVariable(envListOp, in)
			if err != nil {
				return nil, nil, err
			}
			page = append(page, ev)
		}
		next := out.NextCursor
		if !out.HasMore {
			next = nil // has_more is the API's word on the last page
		}
		return page, next, nil
	})
	return onceByID(pages, func(ev EnvironmentVariable) string { return ev.ID })
}

// Get returns one environment variable with all its values.
func (s *EnvironmentVariablesService) Get(ctx context.Context, id string, opts ...CallOption) (EnvironmentVariable, error) {
	if err := checkID(id); err != nil {
		return EnvironmentVariable{}, err
	}
	var out gen.EnvironmentVariableResponse
	err := call(ctx, envGetOp, func(ctx context.Context) (*http.Response, error) {
		return s.c.raw.EnvironmentVariablesGet(ctx, id)
	}, &out, s.callSecrets(), opts)
	if err != nil {
		return EnvironmentVariable{}, err
	}
	return toEnvironmentVariable(envGetOp, out)
}

// GetByLabel returns the environment variable of exactly this label (a
// listing filtered by it). None fails with an error matching
// ErrNoSuchLabel (and ErrNotFound).
func (s *EnvironmentVariablesService) GetByLabel(ctx context.Context, label string, opts ...CallOption) (EnvironmentVariable, error) {
	if err := CheckLabel(label); err != nil {
		return EnvironmentVariable{}, err
	}
	for ev, err := range s.List(ctx, EnvironmentVariableListOptions{Label: label}, opts...) {
		if err != nil {
			return EnvironmentVariable{}, err
		}
		if ev.Label == label { // the filter is the server's; the match is checked here
			return ev, nil
		}
	}
	return EnvironmentVariable{}, &labelError{op: "get environment variable", label: label, msg: "no environment variable has this label", is: ErrNoSuchLabel}
}

// Create makes an environment variable of the label, type and values. It
// checks before sending that the label passes CheckLabel, that values
// holds EnvironmentProduction, and that every value is of typ. A label
// that exists fails with a *DuplicateLabelError (errors.Is
// ErrDuplicateLabel). A create is not retried after an ambiguous failure,
// since the server may have acted: GetByLabel finds it (Bind does so).
func (s *EnvironmentVariablesService) Create(ctx context.Context, label string, typ EnvironmentVariableType, values map[string]EnvironmentValue, opts ...CallOption) (EnvironmentVariable, error) {
	if err := CheckLabel(label); err != nil {
		return EnvironmentVariable{}, err
	}
	if !typ.valid() {
		return EnvironmentVariable{}, invalidf("type %q is not string, secret or auth_connection; nothing was sent", string(typ))
	}
	if _, ok := values[EnvironmentProduction]; !ok {
		return EnvironmentVariable{}, invalidf("values must include %q: the API requires a production value; nothing was sent", EnvironmentProduction)
	}
	for _, env := range slices.Sorted(maps.Keys(values)) {
		v := values[env]
		if err := errors.Join(checkEnvironment(env), checkEnvValue(env, v)); err != nil {
			return EnvironmentVariable{}, err
		}
		if v.typ != typ {
			return EnvironmentVariable{}, invalidf("the value for environment %q is of type %s, the variable of type %s; nothing was sent", env, v.typ, typ)
		}
	}
	body, err := createBody(label, typ, values)
	if err != nil {
		return EnvironmentVariable{}, err
	}
	var out gen.EnvironmentVariableResponse
	err = call(ctx, envCreateOp, func(ctx context.Context) (*http.Response, error) {
		// The body is marshalled here, not built with gen's From methods:
		// one struct serves the three types, where From would need one
		// request type per type and marshal the body twice.
		return s.c.raw.EnvironmentVariablesCreateWithBody(ctx, "application/json", bytes.NewReader(body))
	}, &out, s.callSecrets(), opts)
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) && ae.StatusCode == http.StatusConflict {
			return EnvironmentVariable{}, &DuplicateLabelError{Label: label, Err: ae}
		}
		return EnvironmentVariable{}, err
	}
	return toEnvironmentVariable(envCreateOp, out)
}

// Update changes some environments' values of the variable id and leaves
// the others: set replaces (or adds) the environments it names, remove
// takes them away (a per-key merge, our reading of the API's PATCH). It
// refuses, before sending, to remove EnvironmentProduction, a name both
// in set and in remove, values of mixed types, and a call that changes
// nothing. The server checks that set's type is the variable's.
func (s *EnvironmentVariablesService) Update(ctx context.Context, id string, set map[string]EnvironmentValue, remove []string, opts ...CallOption) (EnvironmentVariable, error) {
	if err := checkID(id); err != nil {
		return EnvironmentVariable{}, err
	}
	if len(set) == 0 && len(remove) == 0 {
		return EnvironmentVariable{}, invalidf("update environment variable: nothing to set or remove; nothing was sent")
	}
	var typ EnvironmentVariableType
	for _, env := range slices.Sorted(maps.Keys(set)) {
		v := set[env]
		if err := errors.Join(checkEnvironment(env), checkEnvValue(env, v)); err != nil {
			return EnvironmentVariable{}, err
		}
		if typ != "" && v.typ != typ {
			return EnvironmentVariable{}, invalidf("the values to set mix types %s and %s: a variable has one type; nothing was sent", typ, v.typ)
		}
		typ = v.typ
	}
	for _, env := range remove {
		if err := checkEnvironment(env); err != nil {
			return EnvironmentVariable{}, err
		}
		if env == EnvironmentProduction {
			return EnvironmentVariable{}, invalidf("cannot remove the %s value: the API requires one (set another instead); nothing was sent", EnvironmentProduction)
		}
		if _, ok := set[env]; ok {
			return EnvironmentVariable{}, invalidf("environment %q is both set and removed; nothing was sent", env)
		}
	}
	body, err := updateBody(set, remove)
	if err != nil {
		return EnvironmentVariable{}, err
	}
	var out gen.EnvironmentVariableResponse
	err = call(ctx, envUpdateOp, func(ctx context.Context) (*http.Response, error) {
		return s.c.raw.EnvironmentVariablesUpdateWithBody(ctx, id, "application/json", bytes.NewReader(body))
	}, &out, s.callSecrets(), opts)
	if err != nil {
		return EnvironmentVariable{}, err
	}
	return toEnvironmentVariable(envUpdateOp, out)
}

// callSecrets is what to redact from server text: the key. Values of
// environment variables are ids and plain text, not secret values.
func (s *EnvironmentVariablesService) callSecrets() redact.Secrets {
	return redact.Secrets{s.c.key.Reveal()}
}

// toEnvironmentVariable maps the API's model to the facade's, decoding
// the values as the variable's type says.
func toEnvironmentVariable(op string, in gen.EnvironmentVariableResponse) (EnvironmentVariable, error) {
	if in.ID == "" {
		return EnvironmentVariable{}, missingField(op, "an environment variable", "id")
	}
	ev := EnvironmentVariable{ID: in.ID, Label: in.Label, Type: EnvironmentVariableType(in.Type), CreatedAt: unixTime(in.CreatedAtUnixSecs), UpdatedAt: unixTime(in.UpdatedAtUnixSecs)}
	values, err := decodeValues(ev.Type, in.Values)
	if err != nil {
		return EnvironmentVariable{}, &redact.Error{Msg: "xisecrets: " + op + ": unexpected response: the values of an environment variable of type " + typeName(ev.Type) + " are not of that type", Cause: ErrUnexpectedResponse}
	}
	ev.Values = values
	return ev, nil
}

// typeName is t for a known type, else a word: an unknown type is server
// text, not quoted.
func typeName(t EnvironmentVariableType) string {
	if t.valid() {
		return string(t)
	}
	return "unknown"
}

func unixTime(secs int) time.Time {
	if secs == 0 {
		return time.Time{}
	}
	return time.Unix(int64(secs), 0).UTC()
}

// decodeValues reads the union of values by the variable's type.
func decodeValues(t EnvironmentVariableType, in gen.EnvironmentVariableResponse_Values) (map[string]EnvironmentValue, error) {
	switch t {
	case EnvironmentVariableString:
		m, err := in.AsEnvironmentVariableResponseValues0()
		return convertValues(m, err, func(v string) string { return v }, StringValue)
	case EnvironmentVariableSecret:
		m, err := in.AsEnvironmentVariableResponseValues1()
		return convertValues(m, err, func(v gen.EnvironmentVariableSecretValue) string { return v.SecretID }, SecretValue)
	case EnvironmentVariableAuthConnection:
		m, err := in.AsEnvironmentVariableResponseValues2()
		return convertValues(m, err, func(v gen.EnvironmentVariableAuthConnectionValue) string { return v.AuthConnectionID }, AuthConnectionValue)
	}
	return nil, errMissingID
}

// convertValues makes each decoded value of m an EnvironmentValue by mk
// from its text or id; an empty one is an error.
func convertValues[V any](m map[string]V, err error, id func(V) string, mk func(string) EnvironmentValue) (map[string]EnvironmentValue, error) {
	if err != nil {
		return nil, err
	}
	out := make(map[string]EnvironmentValue, len(m))
	for env, v := range m {
		if id(v) == "" {
			return nil, errMissingID
		}
		out[env] = mk(id(v))
	}
	return out, nil
}

var errMissingID = errors.New("a value without its text or id")

// createBody is the JSON of the create request: the spec's variant of
// the type (Create*EnvironmentVariableRequest). It is marshalled here
// rather than through gen's union, whose From methods merge JSON
// documents (more code linked for one object), and whose create body
// type cannot marshal (see Create).
func createBody(label string, typ EnvironmentVariableType, values map[string]EnvironmentValue) ([]byte, error) {
	return json.Marshal(struct {
		Type   EnvironmentVariableType `json:"type"`
		Label  string                  `json:"label"`
		Values map[string]wireValue    `json:"values"`
	}{typ, label, wireValues(values)})
}

// updateBody is the JSON of the PATCH (UpdateEnvironmentVariableRequest):
// each of set as its type's request value, each of remove as null.
func updateBody(set map[string]EnvironmentValue, remove []string) ([]byte, error) {
	values := wireValues(set)
	for _, env := range remove {
		values[env] = wireValue{} // JSON null: remove the environment
	}
	return json.Marshal(struct {
		Values map[string]wireValue `json:"values"`
	}{values})
}

// wireValue is one request value as the spec writes it: a string's text,
// {"secret_id"} or {"auth_connection_id"}; the zero wireValue is null.
type wireValue struct{ v EnvironmentValue }

func wireValues(in map[string]EnvironmentValue) map[string]wireValue {
	out := make(map[string]wireValue, len(in))
	for env, v := range in {
		out[env] = wireValue{v}
	}
	return out
}

// MarshalJSON implements json.Marshaler.
func (w wireValue) MarshalJSON() ([]byte, error) {
	switch w.v.typ {
	case EnvironmentVariableString:
		return json.Marshal(w.v.v)
	case EnvironmentVariableSecret:
		return json.Marshal(gen.EnvironmentVariableSecretValueRequest{SecretID: w.v.v})
	case EnvironmentVariableAuthConnection:
		return json.Marshal(gen.EnvironmentVariableAuthConnectionValueRequest{AuthConnectionID: w.v.v})
	}
	return []byte("null"), nil
}
