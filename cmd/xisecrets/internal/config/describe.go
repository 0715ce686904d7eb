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
	case KeyFromKeyring:
		return fmt.Sprintf("keyring (service %s, account %s)", KeyringService, cmp.Or(ch.stored.KeyAccount, ch.Profile))
	case KeyFromFile:
		dir, _ := Dir(e)
		return "file (" + textsafe.EscapeHidden(filepath.Join(dir, CredentialsFile)) + ")"
	}
	if ch.explicit() {
		// Setting the variable would not help: a chosen profile never uses it.
		return fmt.Sprintf("none: the profile is not logged in (a chosen profile never uses %s): run xisecrets auth login --profile %s", EnvKey, ch.Profile)
	}
	return "none: set " + EnvKey + " or run xisecrets auth login"
}

// String is the host's base URL, and its region if it has one.
func (h HostSetting) String() string {
	switch {
	case h.baseURL != "":
		return h.baseURL
	case h.region != "":
		return h.region.BaseURL() + " (region " + string(h.region) + ")"
	}
	return client.RegionDefault.BaseURL()
}
