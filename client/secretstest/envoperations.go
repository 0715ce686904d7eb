package secretstest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// The four environment variable operations. Validation against the spec
// has already checked each body's shape, so decoding here only reads it.

// envValue decodes one value of a request: a JSON string (type string) or
// an object with secret_id or auth_connection_id. It returns the type and
// the text or id.
func envValue(raw json.RawMessage) (typ, v string, ok bool) {
	if s := strings.TrimSpace(string(raw)); strings.HasPrefix(s, `"`) {
		err := json.Unmarshal(raw, &v)
		return "string", v, err == nil
	}
	var obj struct {
		SecretID         *string `json:"secret_id"`
		AuthConnectionID *string `json:"auth_connection_id"`
	}
	if json.Unmarshal(raw, &obj) != nil {
		return "", "", false
	}
	switch {
	case obj.SecretID != nil:
		return "secret", *obj.SecretID, true
	case obj.AuthConnectionID != nil:
		return "auth_connection", *obj.AuthConnectionID, true
	}
	return "", "", false
}

func (x *exchange) createEnv() (int, any) {
	var b struct {
		Type   string                     `json:"type"`
		Label  string                     `json:"label"`
		Values map[string]json.RawMessage `json:"values"`
	}
	if json.Unmarshal(x.body, &b) != nil {
		return http.StatusUnprocessableEntity, invalid("JSON decode error", "json_invalid", "body")
	}
	values := map[string]string{}
	for env, raw := range b.Values {
		typ, v, ok := envValue(raw)
		if !ok || typ != b.Type {
			return http.StatusUnprocessableEntity, invalid("Input should be a "+b.Type+" value", "value_error", "body", "values", env)
		}
		values[env] = v
	}
	ev, err := x.s.store.createEnv(b.Label, b.Type, values)
	if err != nil {
		return envFailed(err, b.Label)
	}
	return http.StatusOK, ev
}

func (x *exchange) getEnv() (int, any) {
	id := x.in.PathParams["env_var_id"]
	ev, err := x.s.store.getEnv(id)
	if err != nil {
		return envFailed(err, id)
	}
	return http.StatusOK, ev
}

func (x *exchange) updateEnv() (int, any) {
	if len(x.body) == 0 {
		return http.StatusUnprocessableEntity, invalid("Field required", "missing", "body")
	}
	var b struct {
		Values map[string]json.RawMessage `json:"values"`
	}
	if json.Unmarshal(x.body, &b) != nil {
		return http.StatusUnprocessableEntity, invalid("JSON decode error", "json_invalid", "body")
	}
	types, set := map[string]string{}, map[string]string{}
	var remove []string
	for env, raw := range b.Values {
		if strings.TrimSpace(string(raw)) == "null" {
			remove = append(remove, env)
			continue
		}
		typ, v, ok := envValue(raw)
		if !ok {
			return http.StatusUnprocessableEntity, invalid("Input should be a valid value", "value_error", "body", "values", env)
		}
		types[env], set[env] = typ, v
	}
	id := x.in.PathParams["env_var_id"]
	ev, err := x.s.store.updateEnv(id, types, set, remove)
	if err != nil {
		return envFailed(err, id)
	}
	return http.StatusOK, ev
}

// envsPage is EnvironmentVariablesListResponseModel with next_cursor sent
// as null on the last page, as secretsPage does.
type envsPage struct {
	EnvironmentVariables any     `json:"environment_variables"`
	HasMore              bool    `json:"has_more"`
	NextCursor           *string `json:"next_cursor"`
}

func (x *exchange) listEnvs() (int, any) {
	q, after, bad := x.cursor()
	if bad != nil {
		return http.StatusUnprocessableEntity, bad
	}
	items, next := x.s.store.listEnvs(q.Get("label"), q.Get("environment"), q.Get("type"), after, intQuery(q, "page_size", 100))
	return http.StatusOK, envsPage{items, next != 0, encodeCursor(next)}
}

// envFailed is the vendor's answer to a refused change; what names the
// label or id.
func envFailed(err error, what string) (int, any) {
	var inv *envInvalidError
	switch {
	case errors.Is(err, errEnvNotFound):
		return http.StatusNotFound, newAPIError("environment_variable_not_found", "Environment variable "+what+" not found")
	case errors.Is(err, errLabelTaken):
		return http.StatusConflict, newAPIError("environment_variable_already_exists", "Environment variable with label "+what+" already exists")
	case errors.As(err, &inv):
		return http.StatusBadRequest, newAPIError("invalid_parameters", inv.msg)
	}
	panic("secretstest: unexpected store error: " + err.Error())
}
