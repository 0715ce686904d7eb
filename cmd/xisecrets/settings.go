package main

import (
	"github.com/xisecrets/xisecrets/client"
)

// precedenceTable is where each setting comes from, the first level that
// gives it winning. auth --help prints it and docs/cli.md holds it verbatim
// (TestCLIGuideHasThePrecedenceTable); resolve implements it row by row
// (TestResolvePrecedence).
const precedenceTable = `| setting | where it comes from, first given wins |
|---|---|
| profile | --profile > XISECRETS_PROFILE > default |
| host | --region or --base-url > XISECRETS_REGION or XISECRETS_BASE_URL > the profile's > the global host |
| key, profile chosen (--profile or XISECRETS_PROFILE) | that profile's stored key; never ELEVENLABS_API_KEY |
| key, no profile chosen | ELEVENLABS_API_KEY > the default profile's stored key |
`

// precedenceNotes are the rules the table cannot show.
const precedenceNotes = `A region and a base URL at one level (both flags, or both variables) is a
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
	envKey       = "ELEVENLABS_API_KEY"
	envProfile   = "XISECRETS_PROFILE"
	envRegion    = "XISECRETS_REGION"
	envBaseURL   = "XISECRETS_BASE_URL"
	envConfigDir = "XISECRETS_CONFIG_DIR"
)

// defaultProfile is the profile used when none is chosen.
const defaultProfile = "default"

// Where a key comes from, as auth status says it.
const (
	keyFromEnv     = "environment"
	keyFromKeyring = "keyring"
	keyFromFile    = "file"
	keyFromNowhere = "none"
)

// host is one level's API host: a region or a base URL, never both.
type host struct {
	region  client.Region
	baseURL string
}

func (h host) given() bool { return h.region != "" || h.baseURL != "" }

// option is the client option for h; the global host when h is not given.
func (h host) option() client.Option {
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
	profiles func() (config, error)
}

// choice is what resolve picked, and from where.
type choice struct {
	profile     string
	profileFrom string // "--profile", XISECRETS_PROFILE or "default"
	host        host
	hostFrom    string // a flag, a variable, "the profile" or "the global host"
	keyFrom     string // keyFromEnv, keyFromKeyring, keyFromFile or keyFromNowhere
	envKey      string // the key, when keyFrom is keyFromEnv
	// stored is the chosen profile as config.json has it; found tells a
	// profile that is not logged in.
	stored profile
	found  bool
	// configID is config.json's config_id, which the stored key must
	// carry; "" before any login bound one.
	configID string
}

// explicit reports whether the profile was chosen (flag or variable)
// rather than defaulted: its stored key is then the only key used.
func (c choice) explicit() bool { return c.profileFrom != defaultProfile }

// resolve picks the profile, the host and where the key comes from, as
// precedenceTable says. It reads no key from a store: auth status shows
// the choice even when the keyring cannot be reached.
func resolve(s sources) (choice, error) {
	var c choice
	var err error
	if c.profile, c.profileFrom, err = pickProfile(s); err != nil {
		return c, err
	}
	if c.host, c.hostFrom, err = hostFromFlags(s.flagRegion, s.flagBaseURL); err != nil {
		return c, err
	}
	if !c.host.given() {
		if c.host, c.hostFrom, err = hostFromEnv(s.lookupenv); err != nil {
			return c, err
		}
	}
	key, keySet := s.lookupenv(envKey)
	if keySet && key == "" {
		return c, usagef("%s is set but empty (an unset variable?): give the key or unset it", envKey)
	}
	if keySet && !c.explicit() {
		c.keyFrom, c.envKey = keyFromEnv, key
		if c.host.given() {
			return c, nil // nothing falls through to a profile
		}
	}
	cfg, err := s.profiles()
	if err != nil {
		return c, err
	}
	c.stored, c.found = cfg.Profiles[c.profile]
	c.configID = cfg.ConfigID
	if !c.host.given() {
		c.host, c.hostFrom = host{}, "the global host"
		if c.found {
			c.host, c.hostFrom = c.stored.host(), "the profile"
		}
	}
	if c.keyFrom == "" {
		c.keyFrom = keyFromNowhere
		if c.found {
			c.keyFrom = c.stored.Storage
		}
	}
	return c, nil
}

// pickProfile is the table's profile row.
func pickProfile(s sources) (name, from string, err error) {
	if s.flagProfile != "" {
		return s.flagProfile, "--profile", checkProfileName(s.flagProfile, "--profile")
	}
	if v, ok := s.lookupenv(envProfile); ok {
		if v == "" {
			return "", "", usagef("%s is set but empty (an unset variable?): give a profile or unset it", envProfile)
		}
		return v, envProfile, checkProfileName(v, envProfile)
	}
	return defaultProfile, defaultProfile, nil
}

// hostFromFlags is the table's host row at the command line's level.
func hostFromFlags(region, baseURL string) (host, string, error) {
	var h host
	if region != "" {
		var err error
		if h, err = regionHost(region, "--region"); err != nil {
			return h, "", err
		}
	}
	switch {
	case region != "" && baseURL != "":
		return host{}, "", usagef("--region and --base-url both given; use one")
	case region != "":
		return h, "--region", nil
	case baseURL != "":
		return host{baseURL: baseURL}, "--base-url", nil
	}
	return host{}, "", nil
}

// hostFromEnv is the table's host row at the environment's level.
func hostFromEnv(lookupenv func(string) (string, bool)) (host, string, error) {
	region, regionSet := lookupenv(envRegion)
	baseURL, baseURLSet := lookupenv(envBaseURL)
	switch {
	case regionSet && baseURLSet:
		return host{}, "", usagef("%s and %s are both set; unset one", envRegion, envBaseURL)
	case regionSet:
		h, err := regionHost(region, envRegion)
		return h, envRegion, err
	case baseURLSet:
		if baseURL == "" {
			return host{}, "", usagef("%s is set but empty (an unset variable?): give a URL or unset it", envBaseURL)
		}
		return host{baseURL: baseURL}, envBaseURL, nil
	}
	return host{}, "", nil
}

// regionHost parses a region given by from (a flag or a variable). Its
// error names from and the valid regions, never the value.
func regionHost(name, from string) (host, error) {
	if name == "" {
		return host{}, usagef("%s is set but empty (an unset variable?): give a region or unset it", from)
	}
	r, err := client.ParseRegion(name)
	if err != nil {
		return host{}, usagef("%s: %s", from, trimPrefix(err))
	}
	return host{region: r}, nil
}
