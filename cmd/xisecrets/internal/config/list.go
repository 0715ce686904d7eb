package config

import (
	"maps"
	"slices"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// Listed is one profile as auth list shows it: read from config.json,
// no key read, nothing sent.
type Listed struct {
	Name string
	Host HostSetting
	// Storage is KeyFromKeyring or KeyFromFile; Place says where in it
	// (the keyring's service and account, or credentials.json's path),
	// unescaped: output's Printer escapes what it prints.
	Storage, Place string
	// KeyringAccount is the keyring account of the key, "" for a file.
	KeyringAccount string
	// CredentialsFile is credentials.json's path, "" for the keyring.
	CredentialsFile string
}

// Profiles are the profiles of e's configuration directory, sorted by
// name; none when there is no directory or no config.json.
func Profiles(e cli.Env) ([]Listed, error) {
	cfg, err := profilesIn(e)
	if err != nil {
		return nil, err
	}
	var out []Listed
	for _, name := range slices.Sorted(maps.Keys(cfg.Profiles)) {
		p := cfg.Profiles[name]
		l := Listed{Name: name, Host: p.host(), Storage: p.Storage, Place: keyPlace(e, name, p)}
		if p.Storage == KeyFromKeyring {
			l.KeyringAccount = keyringAccount(name, p)
		} else {
			l.CredentialsFile = credentialsPath(e)
		}
		out = append(out, l)
	}
	return out, nil
}

// ActiveProfile is the profile a command given no --profile uses, and
// where that came from (XISECRETS_PROFILE or DefaultProfile).
func ActiveProfile(e cli.Env) (name, from string, err error) {
	return pickProfile(sources{lookupenv: e.Lookup})
}

// HostVariable is the host XISECRETS_REGION or XISECRETS_BASE_URL sets,
// and which of them set it; from is "" when neither is set.
func HostVariable(e cli.Env) (h HostSetting, from string, err error) {
	return hostFromEnv(e.Lookup)
}
