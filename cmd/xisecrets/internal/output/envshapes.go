package output

import (
	"github.com/xisecrets/xisecrets/client"
)

// EnvVariable is a line of env list --json: an environment variable and
// the environments it has a value in (production first), never the values.
type EnvVariable struct {
	Environments []string `json:"environments"`
	ID           string   `json:"id"`
	Label        string   `json:"label"`
	Type         string   `json:"type"`
}

// EnvVariableValues is the line of env get --json. Values maps each
// environment to its value: an EnvSecretValue for a secret variable, the
// text for a string one, an EnvAuthConnectionValue for an auth_connection
// one.
type EnvVariableValues struct {
	ID     string         `json:"id"`
	Label  string         `json:"label"`
	Type   string         `json:"type"`
	Values map[string]any `json:"values"`
}

// EnvSecretValue is one environment's value of a secret variable: the
// secret's id, and its name from one listing of the secrets; SecretName
// is absent when no secret of that id exists (deleted since, or never).
type EnvSecretValue struct {
	SecretID   string `json:"secret_id"`
	SecretName string `json:"secret_name,omitempty"`
}

// EnvAuthConnectionValue is one environment's value of an auth_connection
// variable.
type EnvAuthConnectionValue struct {
	AuthConnectionID string `json:"auth_connection_id"`
}

// EnvWritten is the line of env set and env unset --json: what the command
// did (status "created", "set", "unchanged", "unset" or "not set") to
// which environment of which variable.
type EnvWritten struct {
	Environment string `json:"environment"`
	ID          string `json:"id"`
	Label       string `json:"label"`
	Status      string `json:"status"`
}

// NewEnvVariable is ev as env list prints it.
func NewEnvVariable(ev client.EnvironmentVariable) EnvVariable {
	envs := ev.Environments()
	if envs == nil {
		envs = []string{}
	}
	return EnvVariable{ID: ev.ID, Label: ev.Label, Type: string(ev.Type), Environments: envs}
}

// NewEnvVariableValues is ev as env get prints it; names maps secret ids
// to names (a missing id: no such secret).
func NewEnvVariableValues(ev client.EnvironmentVariable, names map[string]string) EnvVariableValues {
	values := make(map[string]any, len(ev.Values))
	for env, v := range ev.Values {
		values[env] = EnvValue(v, names)
	}
	return EnvVariableValues{ID: ev.ID, Label: ev.Label, Type: string(ev.Type), Values: values}
}

// EnvValue is one value as env get --json prints it.
func EnvValue(v client.EnvironmentValue, names map[string]string) any {
	switch v.Type() {
	case client.EnvironmentVariableSecret:
		return EnvSecretValue{SecretID: v.SecretID(), SecretName: names[v.SecretID()]}
	case client.EnvironmentVariableAuthConnection:
		return EnvAuthConnectionValue{AuthConnectionID: v.AuthConnectionID()}
	}
	return v.Text()
}

// EnvValueCell is one value as env get's table shows it: a secret's name
// and id ("no such secret" when the listing has no secret of that id),
// an auth connection's id, or a string's text.
func EnvValueCell(v client.EnvironmentValue, names map[string]string) string {
	switch v.Type() {
	case client.EnvironmentVariableSecret:
		name, ok := names[v.SecretID()]
		if !ok {
			return v.SecretID() + " (no such secret)"
		}
		return name + " (" + v.SecretID() + ")"
	case client.EnvironmentVariableAuthConnection:
		return "auth connection " + v.AuthConnectionID()
	}
	return v.Text()
}
