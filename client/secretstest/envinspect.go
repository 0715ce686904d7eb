package secretstest

import (
	"errors"
	"fmt"
	"time"

	"github.com/xisecrets/xisecrets/client"
)

// SeedEnvironmentVariable stores an environment variable as if it had
// been created through the API, without a request, and returns its id. It
// applies what the fake's create does: a label that passes
// client.CheckLabel and no other variable has, a production value, values
// all of typ, and for a secret variable, secrets the fake stores (Seed
// them first).
func (s *Server) SeedEnvironmentVariable(label string, typ client.EnvironmentVariableType, values map[string]client.EnvironmentValue) (string, error) {
	if err := client.CheckLabel(label); err != nil {
		return "", fmt.Errorf("secretstest: SeedEnvironmentVariable: %w", err)
	}
	raw := make(map[string]string, len(values))
	for env, v := range values {
		if v.Type() != typ {
			return "", fmt.Errorf("secretstest: SeedEnvironmentVariable %q: the value for %q is of type %q, not %q", label, env, v.Type(), typ)
		}
		raw[env] = v.Text() + v.SecretID() + v.AuthConnectionID() // the one its type has
	}
	switch typ {
	case client.EnvironmentVariableString, client.EnvironmentVariableSecret, client.EnvironmentVariableAuthConnection:
	default:
		return "", fmt.Errorf("secretstest: SeedEnvironmentVariable %q: unknown type %q", label, typ)
	}
	ev, err := s.store.createEnv(label, string(typ), raw)
	var inv *envInvalidError
	switch {
	case errors.Is(err, errLabelTaken):
		return "", fmt.Errorf("secretstest: SeedEnvironmentVariable %q: an environment variable has this label", label)
	case errors.As(err, &inv):
		return "", fmt.Errorf("secretstest: SeedEnvironmentVariable %q: %s", label, inv.msg)
	}
	return ev.ID, err
}

// EnvironmentVariable returns the stored environment variable of the
// label, as the client would read it, and whether there is one: to check
// what a test's code bound, without a request.
func (s *Server) EnvironmentVariable(label string) (client.EnvironmentVariable, bool) {
	st := s.store
	st.mu.Lock()
	defer st.mu.Unlock()
	ev := st.envByLabel(label)
	if ev == nil {
		return client.EnvironmentVariable{}, false
	}
	out := client.EnvironmentVariable{
		ID: ev.id, Label: ev.label, Type: client.EnvironmentVariableType(ev.typ), Values: map[string]client.EnvironmentValue{},
		CreatedAt: time.Unix(ev.created, 0).UTC(), UpdatedAt: time.Unix(ev.updated, 0).UTC(),
	}
	for env, v := range ev.values {
		switch out.Type {
		case client.EnvironmentVariableString:
			out.Values[env] = client.StringValue(v)
		case client.EnvironmentVariableSecret:
			out.Values[env] = client.SecretValue(v)
		default:
			out.Values[env] = client.AuthConnectionValue(v)
		}
	}
	return out, true
}
