package commands

import (
	"context"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
)

// boundBy returns the bindings of the secret id, every environment of
// every variable that binds it, from one listing of the secret-type
// variables: a binding counts as a use.
func boundBy(ctx context.Context, c *client.Client, id string) ([]client.Binding, error) {
	var out []client.Binding
	for b, err := range c.EnvironmentVariables.BindingsOf(ctx, id) {
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// bindingDependents are bs as the library's Secrets.Dependents yields
// them: one Dependent of kind environment_variables per binding.
func bindingDependents(bs []client.Binding) []client.Dependent {
	out := make([]client.Dependent, len(bs))
	for i, b := range bs {
		out[i] = client.Dependent{Kind: client.DependencyEnvironmentVariables, ID: b.VariableID, Name: b.Label, Environment: b.Environment, Accessible: true}
	}
	return out
}

// bindingsBySecret maps each secret id that evs bind to its bindings: the
// listing apply plans with, so that no secret costs a request of its own.
func bindingsBySecret(evs []client.EnvironmentVariable) map[string][]client.Binding {
	out := map[string][]client.Binding{}
	for _, ev := range evs {
		for _, b := range ev.Bindings() {
			out[b.SecretID] = append(out[b.SecretID], b)
		}
	}
	return out
}

// boundSecrets lists the environment variables once and maps each secret
// id they bind to its bindings.
func boundSecrets(ctx context.Context, c *client.Client) (map[string][]client.Binding, error) {
	evs, err := listEnvVars(ctx, c)
	if err != nil {
		return nil, err
	}
	return bindingsBySecret(evs), nil
}

// unbound is the secrets of ss that no binding of bound names: those
// --prune may delete, and asks about.
func unbound(ss []client.StoredSecret, bound map[string][]client.Binding) []client.StoredSecret {
	var out []client.StoredSecret
	for _, s := range ss {
		if len(bound[s.ID]) == 0 {
			out = append(out, s)
		}
	}
	return out
}

// listEnvVars lists every environment variable, once.
func listEnvVars(ctx context.Context, c *client.Client) ([]client.EnvironmentVariable, error) {
	var out []client.EnvironmentVariable
	for ev, err := range c.EnvironmentVariables.List(ctx, client.EnvironmentVariableListOptions{}) {
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

// bindingsText names bindings in a message: "DB_URL (staging), API_KEY
// (production)", the first few of many.
func bindingsText(bs []client.Binding) string {
	names := make([]string, len(bs))
	for i, b := range bs {
		names[i] = b.Label + " (" + b.Environment + ")"
	}
	return joinNames(names)
}

// errBound refuses to delete a secret that environment variables bind,
// before anything is sent. It matches client.ErrSecretInUse, as the API's
// refusal of a secret in use does.
func errBound(id string, bs []client.Binding) error {
	verb := "unbind it with xisecrets env unset LABEL --env ENV"
	if len(bs) == 1 && bs[0].Environment != client.EnvironmentProduction {
		verb = "unbind it with " + suggest("xisecrets env unset LABEL --env ENV", "env", "unset", bs[0].Label, "--env", bs[0].Environment)
	}
	return boundError(fmt.Sprintf("xisecrets: delete secret %s: in use: the environment variable %s binds it; nothing was sent: %s, "+
		"or bind the environment to another secret with xisecrets env set LABEL --env ENV --secret NAME|ID (production cannot be unset, only rebound)",
		id, bindingsText(bs), verb))
}

// boundError is errBound's error.
type boundError string

// Error implements error.
func (e boundError) Error() string { return string(e) }

// Is makes errors.Is(err, client.ErrSecretInUse) true.
func (e boundError) Is(target error) bool { return target == client.ErrSecretInUse }
