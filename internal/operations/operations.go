// Package operations is the one list of the API's operations: for every
// operation of gen/openapi.yaml, how it may be retried and what serves it
// in this repository (the facade's methods, the fake's handler, the CLI's
// commands), or why nothing does.
//
// The client's transport takes its routes and retry classes from All, and
// a test checks All against the spec, so an operation added to api/ fails
// `make test` once, here, naming what it lacks. Tests beside the facade,
// the fake and the CLI check the names a row gives them. CONTRIBUTING.md
// ("Adding an operation") is the path end to end.
package operations

import "strings"

// Retry says whether a request of the operation may be sent again after
// an attempt failed in a way that leaves unknown whether the server acted.
// It is declared per operation, never inferred from the HTTP method: a
// POST may be idempotent, a PATCH may merge.
type Retry uint8

const (
	// Repeatable operations have the effect of one request however often
	// they are sent: reads, a DELETE, a PATCH that replaces every field.
	// They are retried on 408, 429, 5xx (but 501), transport failures and
	// attempt timeouts.
	Repeatable Retry = iota + 1
	// Once operations may act again when repeated (a create: a second
	// secret of the name). They are retried only when the server certainly
	// did not act: a 429, or a connection that was never made.
	Once
)

// Operation is one row of the list.
type Operation struct {
	// ID is the operationId specmerge gives the operation: the name of its
	// method on gen.Client.
	ID string
	// Method and Path are as the spec writes them ("GET",
	// "/v1/convai/secrets/{secret_id}").
	Method, Path string
	// Retry is how a failed attempt may be retried.
	Retry Retry
	// Facade names the methods of package client that call the operation,
	// as "Service.Method" ("Secrets.List"); none means Raw() only.
	Facade []string
	// Fake says whether client/secretstest serves it; the fake answers an
	// operation it does not serve with 501.
	Fake bool
	// CLI names the xisecrets commands that call it.
	CLI []string
	// Unwrapped says why the facade does not wrap the operation; it is
	// required exactly when Facade is empty.
	Unwrapped string
}

// All is every operation of gen/openapi.yaml, in the spec's order of
// paths and methods.
var All = []Operation{
	{
		ID: "EnvironmentVariablesList", Method: "GET", Path: "/v1/convai/environment-variables", Retry: Repeatable,
		Facade: []string{"EnvironmentVariables.List", "EnvironmentVariables.GetByLabel", "EnvironmentVariables.Bind", "EnvironmentVariables.Unset", "EnvironmentVariables.BindingsOf", "Secrets.Dependents"}, Fake: true,
		CLI: []string{"env list", "env get", "env set", "env unset", "get", "deps", "delete", "apply"},
	},
	{
		ID: "EnvironmentVariablesCreate", Method: "POST", Path: "/v1/convai/environment-variables", Retry: Once,
		Facade: []string{"EnvironmentVariables.Create", "EnvironmentVariables.Bind"}, Fake: true,
		CLI: []string{"env set", "apply"},
	},
	{
		ID: "EnvironmentVariablesGet", Method: "GET", Path: "/v1/convai/environment-variables/{env_var_id}", Retry: Repeatable,
		Facade: []string{"EnvironmentVariables.Get"}, Fake: true,
	},
	{
		// The PATCH replaces the environments it names and removes those it
		// names as null (our reading of the vendor's "values to replace"), so
		// sending it twice leaves what sending it once does.
		ID: "EnvironmentVariablesUpdate", Method: "PATCH", Path: "/v1/convai/environment-variables/{env_var_id}", Retry: Repeatable,
		Facade: []string{"EnvironmentVariables.Update", "EnvironmentVariables.Bind", "EnvironmentVariables.Unset"}, Fake: true,
		CLI: []string{"env set", "env unset", "apply"},
	},
	{
		ID: "SecretsList", Method: "GET", Path: "/v1/convai/secrets", Retry: Repeatable,
		Facade: []string{"Secrets.List", "Secrets.IndexByName", "Secrets.FindByName", "Secrets.Upsert"}, Fake: true,
		CLI: []string{"list", "get", "delete", "deps", "set", "create", "apply", "env get", "env set", "auth login", "auth status"},
	},
	{
		ID: "SecretsCreate", Method: "POST", Path: "/v1/convai/secrets", Retry: Once,
		Facade: []string{"Secrets.Create", "Secrets.Upsert"}, Fake: true,
		CLI: []string{"create", "set", "apply"},
	},
	{
		ID: "SecretsGet", Method: "GET", Path: "/v1/convai/secrets/{secret_id}", Retry: Repeatable,
		Facade: []string{"Secrets.Get", "Secrets.Dependents"}, Fake: true,
		CLI: []string{"get", "deps", "env set"},
	},
	{
		ID: "SecretsDelete", Method: "DELETE", Path: "/v1/convai/secrets/{secret_id}", Retry: Repeatable,
		Facade: []string{"Secrets.Delete"}, Fake: true,
		CLI: []string{"delete", "apply"},
	},
	{
		// The vendor's PATCH takes the whole secret (type, name, value), so
		// sending it twice leaves what sending it once does.
		ID: "SecretsUpdate", Method: "PATCH", Path: "/v1/convai/secrets/{secret_id}", Retry: Repeatable,
		Facade: []string{"Secrets.Update", "Secrets.Upsert"}, Fake: true,
		CLI: []string{"update", "set", "apply"},
	},
	{
		ID: "SecretsGetDependencies", Method: "GET", Path: "/v1/convai/secrets/{secret_id}/dependencies/{resource_type}", Retry: Repeatable,
		Facade: []string{"Secrets.Dependencies", "Secrets.Dependents"}, Fake: true,
		CLI: []string{"deps"},
	},
}

// Template writes a spec path as the transport matches it: without its
// leading "/", each "{parameter}" segment as "*".
func Template(path string) string {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			segs[i] = "*"
		}
	}
	return strings.Join(segs, "/")
}
