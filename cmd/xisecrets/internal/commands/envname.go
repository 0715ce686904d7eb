package commands

import (
	"context"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
)

// maxEnvNameBytes bounds an environment name the CLI accepts.
const maxEnvNameBytes = 64

// envNameRule is the environment-name rule, as errors and help say it.
const envNameRule = "lower-case letters, digits, _ and -, starting with a letter or digit, at most 64 bytes (production, staging, dev-2)"

// checkEnvName applies the CLI's environment-name rule. The rule is
// narrower than the API's so that NAME@ENV (secretNameFor) stays a name
// every shell, file and URL takes as it is; the name is never quoted back,
// since a flag value may be a pasted secret.
func checkEnvName(env string) error {
	if env == "" || len(env) > maxEnvNameBytes || !envNameStart(env[0]) {
		return fmt.Errorf("an environment name is %s", envNameRule)
	}
	for i := 1; i < len(env); i++ {
		if c := env[i]; !envNameStart(c) && c != '_' && c != '-' {
			return fmt.Errorf("an environment name is %s", envNameRule)
		}
	}
	return nil
}

func envNameStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// envFlag is --env: an environment name by checkEnvName's rule.
type envFlag struct{ value string }

// String implements flag.Value.
func (f *envFlag) String() string { return f.value }

// Set implements flag.Value; its error never repeats the value.
func (f *envFlag) Set(s string) error {
	if err := checkEnvName(s); err != nil {
		return err
	}
	f.value = s
	return nil
}

// secretNameFor is the naming rule of apply --env: the secret that holds
// NAME's value in env. Production's is NAME itself, so the secrets apply
// made before environments keep working; any other environment's is
// NAME@ENV. '@' is in no apply-file name (dotenv's [A-Za-z_][A-Za-z0-9_.-]*)
// and in no environment name (checkEnvName), so the rule is one to one:
// each (NAME, ENV) gives one secret name, and each such name gives back
// its NAME and ENV.
func secretNameFor(name, env string) string {
	if env == client.EnvironmentProduction {
		return name
	}
	return name + "@" + env
}

// secretNames maps the id of every secret of one listing to its name.
func secretNames(ctx context.Context, c *client.Client) (map[string]string, error) {
	ix, err := c.Secrets.IndexByName(ctx, client.ListOptions{PageSize: client.MaxPageSize})
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for s := range ix.All() {
		names[s.ID] = s.Name
	}
	return names, nil
}
