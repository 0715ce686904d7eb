package commands

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// seedFile is what `fake --seed` reads:
//
//	{"secrets": [
//	  {"name": "OPENAI_KEY", "value": "sk-demo",
//	   "used_by": {"tools": ["weather tool"], "mcp_servers": ["search"]}}
//	]}
//
// used_by is optional; its keys are the dependency kinds (tools, agents,
// phone_numbers, mcp_servers), its lists the dependents' names.
//
// environment_variables is optional too, and comes after the secrets:
//
//	"environment_variables": [
//	  {"label": "OPENAI_KEY", "type": "secret",
//	   "values": {"production": "OPENAI_KEY", "staging": "OPENAI_KEY_STAGING"}},
//	  {"label": "API_URL", "type": "string", "values": {"production": "https://api.example"}}
//	]
//
// A secret variable's values are names of secrets of the same file (the
// fake makes up the ids); a string's are the text, an auth_connection's
// the id. production is required, as the API requires it.
type seedFile struct {
	Secrets []struct {
		Name   string              `json:"name"`
		Value  string              `json:"value"`
		UsedBy map[string][]string `json:"used_by"`
	} `json:"secrets"`
	EnvironmentVariables []struct {
		Label  string            `json:"label"`
		Type   string            `json:"type"`
		Values map[string]string `json:"values"`
	} `json:"environment_variables"`
}

// seedKinds are the keys of used_by.
var seedKinds = []string{
	string(client.DependencyTools), string(client.DependencyAgents),
	string(client.DependencyPhoneNumbers), string(client.DependencyMCPServers),
}

// maxSeedBytes bounds a seed file.
const maxSeedBytes = 8 << 20

// readSeed reads and decodes a seed file; unknown fields are errors, so a
// misspelt "used_by" is not silently dropped.
func readSeed(path string) (*seedFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, cli.Usagef("--seed: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSeedBytes+1))
	if err != nil {
		return nil, cli.Usagef("--seed: %v", err)
	}
	if len(data) > maxSeedBytes {
		return nil, cli.Usagef("--seed %s is over %d MiB", path, maxSeedBytes>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var sf seedFile
	if err := dec.Decode(&sf); err != nil {
		// encoding/json's syntax and type errors name offsets and fields,
		// never the text of a value.
		return nil, cli.Usagef("--seed %s: %v", path, err)
	}
	return &sf, nil
}

// seedServer stores sf's secrets and their dependents in srv, and returns
// one (name, id) row per secret. An error names the entry, never its value.
func seedServer(srv *secretstest.Server, sf *seedFile, path string) ([][2]string, error) {
	var rows [][2]string
	for i, s := range sf.Secrets {
		at := fmt.Sprintf("--seed %s: secrets[%d]", path, i)
		if err := errors.Join(client.CheckName(s.Name), client.CheckValue(s.Value)); err != nil {
			return nil, cli.Usagef("%s: %s", at, cli.TrimPrefix(err))
		}
		kinds := make([]string, 0, len(s.UsedBy))
		for k := range s.UsedBy {
			if !slices.Contains(seedKinds, k) {
				return nil, cli.Usagef("%s.used_by: unknown kind \"%s\" (want %s)", at, k, strings.Join(seedKinds, ", "))
			}
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		id, err := srv.Seed(s.Name, s.Value)
		if err != nil {
			return nil, err
		}
		for _, k := range kinds {
			for _, dep := range s.UsedBy[k] {
				if err := srv.MarkInUse(id, client.DependencyKind(k), dep); err != nil {
					return nil, err
				}
			}
		}
		rows = append(rows, [2]string{s.Name, id})
	}
	return rows, seedEnvironmentVariables(srv, sf, path, rows)
}

// seedEnvironmentVariables stores sf's environment variables, a secret
// variable's values named by the rows of the secrets seeded before it.
func seedEnvironmentVariables(srv *secretstest.Server, sf *seedFile, path string, rows [][2]string) error {
	ids := map[string][]string{}
	for _, r := range rows {
		ids[r[0]] = append(ids[r[0]], r[1])
	}
	for i, ev := range sf.EnvironmentVariables {
		at := fmt.Sprintf("--seed %s: environment_variables[%d]", path, i)
		typ := client.EnvironmentVariableType(ev.Type)
		values := make(map[string]client.EnvironmentValue, len(ev.Values))
		for _, env := range slices.Sorted(maps.Keys(ev.Values)) {
			v := ev.Values[env]
			switch typ {
			case client.EnvironmentVariableString:
				values[env] = client.StringValue(v)
			case client.EnvironmentVariableAuthConnection:
				values[env] = client.AuthConnectionValue(v)
			case client.EnvironmentVariableSecret:
				if len(ids[v]) != 1 {
					return cli.Usagef("%s.values.%s: names %d secrets of this file, want exactly one (a secret variable's values are secret names)", at, env, len(ids[v]))
				}
				values[env] = client.SecretValue(ids[v][0])
			default:
				return cli.Usagef("%s.type: want string, secret or auth_connection", at)
			}
		}
		if _, err := srv.SeedEnvironmentVariable(ev.Label, typ, values); err != nil {
			// Its errors read `secretstest: SeedEnvironmentVariable "LABEL": why`
			// (or `...: xisecrets: why` for a bad label): keep the why.
			msg := strings.TrimPrefix(err.Error(), "secretstest: SeedEnvironmentVariable: ")
			if _, why, ok := strings.Cut(msg, `": `); ok {
				msg = why
			}
			return cli.Usagef("%s: %s", at, strings.TrimPrefix(msg, "xisecrets: "))
		}
	}
	return nil
}
