package config

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// Config is Config.json: each profile's host and where its key is kept.
// It never holds a key.
type Config struct {
	// ConfigID names this configuration in its keys' accounts
	// (keyAccount): made at the first login or move of an old key, so
	// that two configuration directories never share an entry.
	ConfigID string             `json:"config_id,omitempty"`
	Profiles map[string]Profile `json:"profiles"`
}

// Profile is one Profile of config.json.
type Profile struct {
	Region  string `json:"region,omitempty"`
	BaseURL string `json:"base_url,omitempty"`
	// Storage is where login put the key: keyFromKeyring or keyFromFile.
	Storage string `json:"key_storage"`
	// KeyAccount is the keyring account, or credentials.json entry, of
	// the key: keyAccount(name, config_id). Empty for a profile logged in
	// before keys were bound, whose key is under its bare name until the
	// first read moves it (moveLegacyKey).
	KeyAccount string `json:"key_account,omitempty"`
}

func (p Profile) host() HostSetting {
	if p.BaseURL != "" {
		return HostSetting{baseURL: p.BaseURL}
	}
	r, _ := client.ParseRegion(p.Region) // checked when config.json was read
	return HostSetting{region: r}
}

// storedProfile turns a login's host, key storage and account into a
// profile.
func storedProfile(h HostSetting, storage, account string) Profile {
	if h.baseURL != "" {
		return Profile{BaseURL: h.baseURL, Storage: storage, KeyAccount: account}
	}
	r := h.region
	if r == "" {
		r = client.RegionDefault
	}
	return Profile{Region: string(r), Storage: storage, KeyAccount: account}
}

const (
	ConfigFile      = "config.json"
	CredentialsFile = "credentials.json"
	// maxProfileName bounds a profile name: long enough for any name a
	// person picks, too short for an API key typed in its place.
	maxProfileName = 32
)

// checkProfileName applies the rule for profile names: 1 to 32 lower-case
// letters, digits, '-' and '_', starting with a letter or a digit. A name
// is a keyring account and a JSON key: no path separator, no control
// character, nothing a shell would mangle. from (a flag or a variable)
// is named in the error; the name is not, in case it was a value.
func checkProfileName(name, from string) error {
	ok := name != "" && len(name) <= maxProfileName && name[0] != '-' && name[0] != '_'
	for i := 0; ok && i < len(name); i++ {
		c := name[i]
		ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
	}
	if !ok {
		return cli.Usagef("%s: a profile name is 1 to %d lower-case letters, digits, '-' or '_', starting with a letter or digit", from, maxProfileName)
	}
	return nil
}

// Dir is the directory of config.json and credentials.json:
// XISECRETS_CONFIG_DIR, else xisecrets/ in the user's config directory.
func Dir(e cli.Env) (string, error) {
	if dir, ok := e.Lookup(EnvConfigDir); ok {
		if dir == "" {
			return "", cli.Usagef("%s is set but empty (an unset variable?): give a directory or unset it", EnvConfigDir)
		}
		// A relative directory (from a project's .envrc, say) would put
		// credentials.json in the working tree, where git may commit it.
		if !filepath.IsAbs(dir) {
			return "", cli.Usagef("%s must be an absolute path: a relative one would keep profiles and keys inside the current directory", EnvConfigDir)
		}
		return dir, nil
	}
	if e.UserConfigDir == nil {
		return "", errNoConfigDir
	}
	base, err := e.UserConfigDir()
	if err != nil {
		return "", errNoConfigDir
	}
	return filepath.Join(base, "xisecrets"), nil
}

// errNoConfigDir is configDir's answer when neither XISECRETS_CONFIG_DIR
// nor the user's configuration directory ($XDG_CONFIG_HOME or $HOME) is
// known: nobody can have logged in, and login has nowhere to write.
var errNoConfigDir = cli.UsageError{Msg: "no configuration directory ($HOME unset?): set " + EnvConfigDir}

// profilesIn reads the profiles of e's configuration directory; with
// none known, there are none.
func profilesIn(e cli.Env) (Config, error) {
	dir, err := Dir(e)
	if err == errNoConfigDir {
		return Config{Profiles: map[string]Profile{}}, nil
	}
	if err != nil {
		return Config{}, err
	}
	return LoadConfig(dir)
}

// LoadConfig reads config.json in dir; a missing file is an empty config.
// A malformed one is an error naming the file and the field, and one that
// another user could have written is refused (readConfigFile).
func LoadConfig(dir string) (Config, error) {
	path := filepath.Join(dir, ConfigFile)
	cfg := Config{Profiles: map[string]Profile{}}
	data, err := readConfigFile(dir, path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, err
	}
	// Each profile is decoded on its own, so that an error names it: the
	// decoder's field paths leave map keys out.
	var raw struct {
		ConfigID string                     `json:"config_id"`
		Profiles map[string]json.RawMessage `json:"profiles"`
	}
	if err := decodeStrict(data, &raw); err != nil {
		return cfg, fmt.Errorf("%s: %s", path, jsonProblem(data, err, ""))
	}
	if raw.ConfigID != "" && !isConfigID(raw.ConfigID) {
		return cfg, fmt.Errorf("%s: config_id must be %d lower-case hex digits, as auth login writes it", path, 2*configIDBytes)
	}
	cfg.ConfigID = raw.ConfigID
	for _, name := range slices.Sorted(maps.Keys(raw.Profiles)) {
		var p Profile
		if err := decodeStrict(raw.Profiles[name], &p); err != nil {
			return cfg, fmt.Errorf("%s: %s", path, jsonProblem(raw.Profiles[name], err, "profiles."+name+"."))
		}
		if err := checkStoredProfile(name, p, cfg.ConfigID); err != nil {
			return cfg, fmt.Errorf("%s: %w", path, err)
		}
		cfg.Profiles[name] = p
	}
	return cfg, nil
}

// checkStoredProfile checks one profile of config.json, naming the field;
// configID is the file's config_id.
func checkStoredProfile(name string, p Profile, configID string) error {
	if checkProfileName(name, "") != nil {
		return fmt.Errorf("profiles: a profile name is 1 to %d lower-case letters, digits, '-' or '_' (one is not)", maxProfileName)
	}
	field := "profiles." + name + "."
	switch {
	case p.Region != "" && p.BaseURL != "":
		return fmt.Errorf("%sregion and %sbase_url are both set; keep one", field, field)
	case p.Region == "" && p.BaseURL == "":
		return fmt.Errorf("%sregion or %sbase_url is needed", field, field)
	case p.Storage != KeyFromKeyring && p.Storage != KeyFromFile:
		return fmt.Errorf("%skey_storage must be %q or %q", field, KeyFromKeyring, KeyFromFile)
	case p.KeyAccount != "" && (configID == "" || p.KeyAccount != keyAccount(name, configID)):
		return fmt.Errorf("%skey_account is not this configuration's account for the profile (%s@ and config_id): log in again", field, name)
	}
	if p.Region != "" {
		if _, err := client.ParseRegion(p.Region); err != nil {
			return fmt.Errorf("%sregion: %s", field, cli.TrimPrefix(err))
		}
	}
	return nil
}

// jsonProblem words a decoding error of data, at field prefix in the
// file: the line of a syntax error, the field of a value of the wrong
// type or unknown; never the file's text.
func jsonProblem(data []byte, err error, prefix string) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var repeated *repeatedKeyError
	switch {
	case errors.As(err, &repeated):
		r := *repeated
		r.path = prefix + r.path
		return r.Error()
	case errors.As(err, &syntax):
		return fmt.Sprintf("line %d: not valid JSON", lineOf(data, clampOffset(data, syntax.Offset)))
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Sprintf("%s%s must be a %s", prefix, typ.Field, typ.Type)
	case errors.As(err, &typ):
		return fmt.Sprintf("%s must be a JSON object", strings.TrimSuffix(cmp.Or(prefix, "the file"), "."))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "not valid JSON (cut short, or empty)"
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fmt.Sprintf("unknown field %s%s", prefix, strings.Trim(field, `"`))
	}
	return err.Error()
}

// lineOf is the 1-based line of data's byte i.
func lineOf(data []byte, i int) int { return bytes.Count(data[:i], []byte("\n")) + 1 }

// clampOffset is a decoder's offset as an index of data.
func clampOffset(data []byte, off int64) int { return int(min(max(off, 0), int64(len(data)))) }
