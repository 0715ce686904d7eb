package config

import (
	"cmp"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// From words where a setting came From.
func From(level string) string {
	switch {
	case level == DefaultProfile:
		return "the default"
	case strings.HasPrefix(level, "the "):
		return level
	}
	return "from " + level
}

// KeySource says where the key comes from: never the key, nor any part.
func KeySource(e cli.Env, ch Choice) string {
	switch ch.KeyFrom {
	case KeyFromEnv:
		return KeyFromEnv + " (" + EnvKey + ")"
	case KeyFromKeyring, KeyFromFile:
		return textsafe.EscapeHidden(keyPlace(e, ch.Profile, ch.stored))
	}
	if ch.explicit() {
		// Setting the variable would not help: a chosen profile never uses it.
		return fmt.Sprintf("none: the profile is not logged in (a chosen profile never uses %s): run xisecrets auth login --profile %s", EnvKey, ch.Profile)
	}
	return "none: set " + EnvKey + " or run xisecrets auth login"
}

// keyPlace is where profile name's stored key is kept: the keyring's
// service and account, or the path of credentials.json, unescaped (the
// caller escapes it where it prints it).
func keyPlace(e cli.Env, name string, p Profile) string {
	if p.Storage == KeyFromKeyring {
		return fmt.Sprintf("keyring (service %s, account %s)", KeyringService, keyringAccount(name, p))
	}
	return "file (" + credentialsPath(e) + ")"
}

// keyringAccount is the keyring account of profile name's key.
func keyringAccount(name string, p Profile) string { return cmp.Or(p.KeyAccount, name) }

// credentialsPath is credentials.json's path in e's configuration
// directory ("" when there is none).
func credentialsPath(e cli.Env) string {
	dir, err := Dir(e)
	if err != nil {
		return ""
	}
	return filepath.Join(dir, CredentialsFile)
}

// String is the host's base URL, and its region if it has one.
func (h HostSetting) String() string {
	if h.baseURL == "" && h.region != "" {
		return h.BaseURL() + " (region " + string(h.region) + ")"
	}
	return h.BaseURL()
}

// BaseURL is the URL requests go to.
func (h HostSetting) BaseURL() string {
	switch {
	case h.baseURL != "":
		return h.baseURL
	case h.region != "":
		return h.region.BaseURL()
	}
	return client.RegionDefault.BaseURL()
}

// Region is the host's region, "" for a base URL.
func (h HostSetting) Region() string {
	if h.baseURL != "" {
		return ""
	}
	return string(cmp.Or(h.region, client.RegionDefault))
}

// KeyLocation is where the chosen key is stored: its keyring account, or
// credentials.json's path; both "" for a key from the environment, or none.
func (c Choice) KeyLocation(e cli.Env) (account, credentials string) {
	switch c.KeyFrom {
	case KeyFromKeyring:
		return keyringAccount(c.Profile, c.stored), ""
	case KeyFromFile:
		return "", credentialsPath(e)
	}
	return "", ""
}
