package secretstest

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/xisecrets/xisecrets/gen"
)

// envVar is an environment variable as the fake keeps it: values maps
// each environment to its text, secret id or auth connection id, as typ
// says.
type envVar struct {
	id, label, typ   string
	values           map[string]string
	seq              uint64
	created, updated int64
}

// Why the store refused an environment variable change; the handlers turn
// them into the vendor's statuses (envoperations.go).
var (
	errEnvNotFound = errors.New("environment variable not found")
	errLabelTaken  = errors.New("label taken")
)

// envInvalidError is a 400: a change the API refuses ("Invalid parameters
// or type mismatch"), with a message naming ids and environments, never
// values.
type envInvalidError struct{ msg string }

func (e *envInvalidError) Error() string { return e.msg }

func envInvalidf(format string, a ...any) error { return &envInvalidError{fmt.Sprintf(format, a...)} }

// production is the environment every variable has.
const production = "production"

// checkEnvValues is what create and seeding check: production present, and
// each secret a variable binds one the fake stores (the vendor's behaviour
// there is unknown; the fake refuses a dangling binding, see the package
// documentation).
func (st *store) checkEnvValues(typ string, values map[string]string, needProduction bool) error {
	if _, ok := values[production]; needProduction && !ok {
		return envInvalidf("Values must include the 'production' key")
	}
	for _, env := range slices.Sorted(maps.Keys(values)) {
		if env == "" {
			return envInvalidf("An environment name must not be empty")
		}
		if typ == "secret" {
			if _, ok := st.byID[values[env]]; !ok {
				return envInvalidf("Environment %s: secret %s not found", env, values[env])
			}
		}
	}
	return nil
}

func (st *store) createEnv(label, typ string, values map[string]string) (gen.EnvironmentVariableResponse, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.envByLabel(label) != nil {
		return gen.EnvironmentVariableResponse{}, errLabelTaken
	}
	if err := st.checkEnvValues(typ, values, true); err != nil {
		return gen.EnvironmentVariableResponse{}, err
	}
	now := time.Now().Unix()
	ev := &envVar{id: "envvar_" + randomHex(12), label: label, typ: typ, values: maps.Clone(values), seq: st.next(), created: now, updated: now}
	st.envs = append(st.envs, ev)
	return ev.view(""), nil
}

// envByLabel is the variable of the label, or nil; under the lock.
func (st *store) envByLabel(label string) *envVar {
	for _, ev := range st.envs {
		if ev.label == label {
			return ev
		}
	}
	return nil
}

func (st *store) envByID(id string) *envVar {
	for _, ev := range st.envs {
		if ev.id == id {
			return ev
		}
	}
	return nil
}

func (st *store) getEnv(id string) (gen.EnvironmentVariableResponse, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	ev := st.envByID(id)
	if ev == nil {
		return gen.EnvironmentVariableResponse{}, errEnvNotFound
	}
	return ev.view(""), nil
}

// updateEnv is the per-key merge: set replaces (or adds) its environments,
// remove takes its away, the rest stay. All is checked before anything
// changes.
func (st *store) updateEnv(id string, setTypes map[string]string, set map[string]string, remove []string) (gen.EnvironmentVariableResponse, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	ev := st.envByID(id)
	if ev == nil {
		return gen.EnvironmentVariableResponse{}, errEnvNotFound
	}
	for _, env := range slices.Sorted(maps.Keys(setTypes)) {
		if setTypes[env] != ev.typ {
			return gen.EnvironmentVariableResponse{}, envInvalidf("Type mismatch: environment %s is given a %s value, and the variable is of type %s", env, setTypes[env], ev.typ)
		}
	}
	if slices.Contains(remove, production) {
		return gen.EnvironmentVariableResponse{}, envInvalidf("The 'production' value cannot be removed")
	}
	if err := st.checkEnvValues(ev.typ, set, false); err != nil {
		return gen.EnvironmentVariableResponse{}, err
	}
	maps.Copy(ev.values, set)
	for _, env := range remove {
		delete(ev.values, env)
	}
	ev.updated = time.Now().Unix()
	return ev.view(""), nil
}

// listEnvs pages through the variables as list pages through secrets,
// filtered by exact label, by environment (values then only it) and type.
func (st *store) listEnvs(label, env, typ string, after uint64, pageSize int) (page []gen.EnvironmentVariableResponse, next uint64) {
	st.mu.Lock()
	defer st.mu.Unlock()
	page = []gen.EnvironmentVariableResponse{}
	var last uint64
	for _, ev := range st.envs {
		_, hasEnv := ev.values[env]
		if ev.seq <= after || label != "" && ev.label != label || typ != "" && ev.typ != typ || env != "" && !hasEnv {
			continue
		}
		if len(page) == pageSize {
			return page, last
		}
		page, last = append(page, ev.view(env)), ev.seq
	}
	return page, 0
}

// bindings names the variables that bind the secret, "label (env)", for
// the in-use error of delete; under the lock.
func (st *store) bindings(secretID string) string {
	var out []string
	for _, ev := range st.envs {
		if ev.typ != "secret" {
			continue
		}
		for _, env := range slices.Sorted(maps.Keys(ev.values)) {
			if ev.values[env] == secretID {
				out = append(out, ev.label+" ("+env+")")
			}
		}
	}
	return strings.Join(out, ", ")
}

// view is ev as the API shows it; only is "" or the one environment to
// show.
func (ev *envVar) view(only string) gen.EnvironmentVariableResponse {
	values := ev.values
	if only != "" {
		values = map[string]string{only: ev.values[only]}
	}
	out := gen.EnvironmentVariableResponse{
		ID: ev.id, Label: ev.label, Type: gen.EnvironmentVariableResponseType(ev.typ),
		CreatedAtUnixSecs: int(ev.created), UpdatedAtUnixSecs: int(ev.updated), WorkspaceID: fakeWorkspaceID,
	}
	var err error
	switch ev.typ {
	case "string":
		err = out.Values.FromEnvironmentVariableResponseValues0(maps.Clone(values))
	case "secret":
		m := gen.EnvironmentVariableResponseValues1{}
		for env, id := range values {
			m[env] = gen.EnvironmentVariableSecretValue{SecretID: id}
		}
		err = out.Values.FromEnvironmentVariableResponseValues1(m)
	case "auth_connection":
		m := gen.EnvironmentVariableResponseValues2{}
		for env, id := range values {
			m[env] = gen.EnvironmentVariableAuthConnectionValue{AuthConnectionID: id}
		}
		err = out.Values.FromEnvironmentVariableResponseValues2(m)
	}
	mustEncode(err)
	return out
}

// fakeWorkspaceID is the workspace every fake variable is in.
const fakeWorkspaceID = "ws_secretstest"
