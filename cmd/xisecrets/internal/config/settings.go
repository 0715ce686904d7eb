package config

import (
	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// PrecedenceTable is where each setting comes from, the first level that
// gives it winning. auth --help prints it and docs/cli.md holds it verbatim
// (TestCLIGuideHasThePrecedenceTable); resolve implements it row by row
// (TestResolvePrecedence).
const PrecedenceTable = `| setting | where it comes from, first given wins |
|---|---|
| profile | --profile > XISECRETS_PROFILE > default |
| host | --region or --base-url > XISECRETS_REGION or XISECRETS_BASE_URL > the profile's > the global host |
| key, profile chosen (--profile or XISECRETS_PROFILE) | that profile's stored key; never ELEVENLABS_API_KEY |
| key, no profile chosen | ELEVENLABS_API_KEY > the default profile's stored key |
`

// PrecedenceNotes are the rules the table cannot show.
const PrecedenceNotes = `A region and a base URL at one level (both flags, or both variables) is a
usage error (exit 2), as is a variable that is set but empty: --region
"$UNSET" never falls back to another level. Profiles live in
XISECRETS_CONFIG_DIR, else the user config directory's xisecrets/; keys in
the OS keyring (service xisecrets, account PROFILE@CONFIG_ID, the config_id
of that directory's config.json), or with --insecure-storage in
credentials.json there. A stored key goes only to the host it was stored
for: a flag or variable naming another host is refused, nothing sent; log
in again for that host.
`

// The environment variables the CLI reads.
const (
	EnvKey       = "ELEVENLABS_API_KEY"
	EnvProfile   = "XISECRETS_PROFILE"
	EnvRegion    = "XISECRETS_REGION"
	EnvBaseURL   = "XISECRETS_BASE_URL"
	EnvConfigDir = "XISECRETS_CONFIG_DIR"
)

// DefaultProfile is the profile used when none is chosen.
const DefaultProfile = "default"

// Where a key comes from, as auth status says it.
const (
	KeyFromEnv     = "environment"
	KeyFromKeyring = "keyring"
	KeyFromFile    = "file"
	KeyFromNowhere = "none"
)

// HostSetting is one level's API HostSetting: a region or a base URL, never both.
type HostSetting struct {
	region  client.Region
	baseURL string
}

func (h HostSetting) given() bool { return h.region != "" || h.baseURL != "" }

// option is the client option for h; the global host when h is not given.
func (h HostSetting) option() client.Option {
	if h.baseURL != "" {
		return client.WithBaseURL(h.baseURL)
	}
	if h.region != "" {
		return client.WithRegion(h.region)
	}
	return client.WithRegion(client.RegionDefault)
}

// sources are the inputs of resolve, each level of the table.
type sources struct {
	// The command line's flags, "" when not given (the flags refuse "").
	flagProfile, flagRegion, flagBaseURL string
	lookupenv                            func(string) (string, bool)
	// profiles reads config.json; called only when a setting falls
	// through to a profile, so a CI run given a flag and the key in the
	// environment never reads a configuration.
	profiles func() (Config, error)
}

// Choice is what resolve picked, and from where.
type Choice struct {
	Profile     string
	ProfileFrom string // "--profile", XISECRETS_PROFILE or "default"
	Host        HostSetting
	HostFrom    string // a flag, a variable, "the profile" or "the global host"
	KeyFrom     string // keyFromEnv, keyFromKeyring, keyFromFile or keyFromNowhere
	envKey      string // the key, when keyFrom is keyFromEnv
	// stored is the chosen profile as config.json has it; found tells a
	// profile that is not logged in.
	stored Profile
	found  bool
	// configID is config.json's config_id, which the stored key must
	// carry; "" before any login bound one.
	configID string
}

// explicit reports whether the profile was chosen (flag or variable)
// rather than defaulted: its stored key is then the only key used.
func (c Choice) explicit() bool { return c.ProfileFrom != DefaultProfile }

// resolve picks the profile, the host and where the key comes from, as
// precedenceTable says. It reads no key from a store: auth status shows
// the choice even when the keyring cannot be reached.
func resolve(s sources) (Choice, error) {
	var c Choice
	var err error
	if c.Profile, c.ProfileFrom, err = pickProfile(s); err != nil {
		return c, err
	}
	if c.Host, c.HostFrom, err = hostFromFlags(s.flagRegion, s.flagBaseURL); err != nil {
		return c, err
	}
	if !c.Host.given() {
		if c.Host, c.HostFrom, err = hostFromEnv(s.lookupenv); err != nil {
			return c, err
		}
	}
	key, keySet := s.lookupenv(EnvKey)
	if keySet && key == "" {
		return c, cli.Usagef("%s is set but empty (an unset variable?): give the key or unset it", EnvKey)
	}
	if keySet && !c.explicit() {
		c.KeyFrom, c.envKey = KeyFromEnv, key
		if c.Host.given() {
			return c, nil // nothing falls through to a profile
		}
	}
	cfg, err := s.profiles()
	if err != nil {
		return c, err
	}
	c.stored, c.found = cfg.Profiles[c.Profile]
	c.configID = cfg.ConfigID
	if !c.Host.given() {
		c.Host, c.HostFrom = HostSetting{}, "the global host"
		if c.found {
			c.Host, c.HostFrom = c.stored.host(), "the profile"
		}
	}
	if c.KeyFrom == "" {
		c.KeyFrom = KeyFromNowhere
		if c.found {
			c.KeyFrom = c.stored.Storage
		}
	}
	return c, nil
}

// pickProfile is the table's profile row.
func pickProfile(s sources) (name, from string, err error) {
	if s.flagProfile != "" {
		return s.flagProfile, "--profile", checkProfileName(s.flagProfile, "--profile")
	}
	if v, ok := s.lookupenv(EnvProfile); ok {
		if v == "" {
			return "", "", cli.Usagef("%s is set but empty (an unset variable?): give a profile or unset it", EnvProfile)
		}
		return v, EnvProfile, checkProfileName(v, EnvProfile)
	}
	return DefaultProfile, DefaultProfile, nil
}

// hostFromFlags is the table's host row at the command line's level.
func hostFromFlags(region, baseURL string) (HostSetting, string, error) {
	var h HostSetting
	if region != "" {
		var err error
		if h, err = regionHost(region, "--region"); err != nil {
			return h, "", err
		}
	}
	switch {
	case region != "" && baseURL != "":
		return HostSetting{}, "", cli.Usagef("--region and --base-url both given; use one")
	case region != "":
		return h, "--region", nil
	case baseURL != "":
		return HostSetting{baseURL: baseURL}, "--base-url", nil
	}
	return HostSetting{}, "", nil
}

// hostFromEnv is the table's host row at the environment's level.
func hostFromEnv(lookupenv func(string) (string, bool)) (HostSetting, string, error) {
	region, regionSet := lookupenv(EnvRegion)
	baseURL, baseURLSet := lookupenv(EnvBaseURL)
	switch {
	case regionSet && baseURLSet:
		return HostSetting{}, "", cli.Usagef("%s and %s are both set; unset one", EnvRegion, EnvBaseURL)
	case regionSet:
		h, err := regionHost(region, EnvRegion)
		return h, EnvRegion, err
	case baseURLSet:
		if baseURL == "" {
			return HostSetting{}, "", cli.Usagef("%s is set but empty (an unset variable?): give a URL or unset it", EnvBaseURL)
		}
		return HostSetting{baseURL: baseURL}, EnvBaseURL, nil
	}
	return HostSetting{}, "", nil
}

// regionHost parses a region given by from (a flag or a variable). Its
// error names from and the valid regions, never the value.
func regionHost(name, from string) (HostSetting, error) {
	if name == "" {
		return HostSetting{}, cli.Usagef("%s is set but empty (an unset variable?): give a region or unset it", from)
	}
	r, err := client.ParseRegion(name)
	if err != nil {
		return HostSetting{}, cli.Usagef("%s: %s", from, cli.TrimPrefix(err))
	}
	return HostSetting{region: r}, nil
}
