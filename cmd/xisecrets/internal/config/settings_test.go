package config

import (
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// TestResolvePrecedence walks PrecedenceTable row by row: each case gives
// one level and the levels below it, and wants the higher one to win.
func TestResolvePrecedence(t *testing.T) {
	profiles := Config{Profiles: map[string]Profile{
		"default": {Region: "eu", Storage: KeyFromKeyring},
		"staging": {BaseURL: "https://staging.example", Storage: KeyFromFile},
	}}
	const envKeyValue = "xi-env-key"
	type flags struct{ profile, region, baseURL string }
	cases := []struct {
		name  string
		flags flags
		env   map[string]string
		// want is profile/profileFrom, host/hostFrom and keyFrom, or
		// wantErr a part of the error.
		profile, profileFrom string
		host, hostFrom       string
		keyFrom              string
		wantErr              string
		// readsConfig: whether json had to be read.
		readsConfig bool
	}{
		// profile: --profile > XISECRETS_PROFILE > default
		{name: "profile: --profile beats XISECRETS_PROFILE", flags: flags{profile: "staging"}, env: map[string]string{EnvProfile: "default"},
			profile: "staging", profileFrom: "--profile", host: "https://staging.example", hostFrom: "the profile", keyFrom: KeyFromFile, readsConfig: true},
		{name: "profile: XISECRETS_PROFILE beats default", env: map[string]string{EnvProfile: "staging"},
			profile: "staging", profileFrom: EnvProfile, host: "https://staging.example", hostFrom: "the profile", keyFrom: KeyFromFile, readsConfig: true},
		{name: "profile: default", profile: "default", profileFrom: "default", host: client.RegionEU.BaseURL(), hostFrom: "the profile", keyFrom: KeyFromKeyring, readsConfig: true},
		{name: "profile: XISECRETS_PROFILE set but empty", env: map[string]string{EnvProfile: ""}, wantErr: "XISECRETS_PROFILE is set but empty"},
		{name: "profile: a name with a path separator", flags: flags{profile: "../x"}, wantErr: "--profile: a profile name is"},

		// host: flag > XISECRETS_REGION / XISECRETS_BASE_URL > the profile's > global
		{name: "host: --region beats the variables and the profile", flags: flags{region: "sg"}, env: map[string]string{EnvBaseURL: "https://env.example", EnvKey: envKeyValue},
			profile: "default", profileFrom: "default", host: client.RegionSingapore.BaseURL(), hostFrom: "--region", keyFrom: KeyFromEnv},
		{name: "host: --base-url beats the variables", flags: flags{baseURL: "https://flag.example"}, env: map[string]string{EnvRegion: "us", EnvKey: envKeyValue},
			profile: "default", profileFrom: "default", host: "https://flag.example", hostFrom: "--base-url", keyFrom: KeyFromEnv},
		{name: "host: XISECRETS_REGION beats the profile's", env: map[string]string{EnvRegion: "us"},
			profile: "default", profileFrom: "default", host: client.RegionUS.BaseURL(), hostFrom: EnvRegion, keyFrom: KeyFromKeyring, readsConfig: true},
		{name: "host: XISECRETS_BASE_URL beats the chosen profile's", flags: flags{profile: "staging"}, env: map[string]string{EnvBaseURL: "https://env.example"},
			profile: "staging", profileFrom: "--profile", host: "https://env.example", hostFrom: EnvBaseURL, keyFrom: KeyFromFile, readsConfig: true},
		{name: "host: the profile's beats the global host", flags: flags{profile: "staging"},
			profile: "staging", profileFrom: "--profile", host: "https://staging.example", hostFrom: "the profile", keyFrom: KeyFromFile, readsConfig: true},
		{name: "host: the global host when no level gives one", flags: flags{profile: "nobody"},
			profile: "nobody", profileFrom: "--profile", host: client.RegionDefault.BaseURL(), hostFrom: "the global host", keyFrom: KeyFromNowhere, readsConfig: true},
		{name: "host: both flags", flags: flags{region: "eu", baseURL: "https://x.example"}, wantErr: "--region and --base-url both given"},
		{name: "host: both variables", env: map[string]string{EnvRegion: "eu", EnvBaseURL: "https://x.example"}, wantErr: "XISECRETS_REGION and XISECRETS_BASE_URL are both set"},
		{name: "host: XISECRETS_REGION set but empty", env: map[string]string{EnvRegion: ""}, wantErr: "XISECRETS_REGION is set but empty"},
		{name: "host: XISECRETS_BASE_URL set but empty", env: map[string]string{EnvBaseURL: ""}, wantErr: "XISECRETS_BASE_URL is set but empty"},
		{name: "host: a bad XISECRETS_REGION names the variable, not the value", env: map[string]string{EnvRegion: "LEAKCANARY"}, wantErr: "XISECRETS_REGION: unknown region (want one of default, us, eu, in, sg)"},

		// key: a chosen profile's stored key, never the environment's
		{name: "key: --profile ignores ELEVENLABS_API_KEY", flags: flags{profile: "staging"}, env: map[string]string{EnvKey: envKeyValue},
			profile: "staging", profileFrom: "--profile", host: "https://staging.example", hostFrom: "the profile", keyFrom: KeyFromFile, readsConfig: true},
		{name: "key: XISECRETS_PROFILE ignores ELEVENLABS_API_KEY", env: map[string]string{EnvProfile: "default", EnvKey: envKeyValue},
			profile: "default", profileFrom: EnvProfile, host: client.RegionEU.BaseURL(), hostFrom: "the profile", keyFrom: KeyFromKeyring, readsConfig: true},
		{name: "key: a chosen profile not logged in has no key, even with the variable set", flags: flags{profile: "nobody"}, env: map[string]string{EnvKey: envKeyValue},
			profile: "nobody", profileFrom: "--profile", host: client.RegionDefault.BaseURL(), hostFrom: "the global host", keyFrom: KeyFromNowhere, readsConfig: true},
		// key: otherwise ELEVENLABS_API_KEY > the default profile's
		{name: "key: ELEVENLABS_API_KEY beats the default profile's (whose host still applies)", env: map[string]string{EnvKey: envKeyValue},
			profile: "default", profileFrom: "default", host: client.RegionEU.BaseURL(), hostFrom: "the profile", keyFrom: KeyFromEnv, readsConfig: true},
		{name: "key: the default profile's when the variable is unset",
			profile: "default", profileFrom: "default", host: client.RegionEU.BaseURL(), hostFrom: "the profile", keyFrom: KeyFromKeyring, readsConfig: true},
		{name: "key: ELEVENLABS_API_KEY set but empty", env: map[string]string{EnvKey: ""}, wantErr: "ELEVENLABS_API_KEY is set but empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			read := false
			c, err := resolve(sources{
				flagProfile: tc.flags.profile, flagRegion: tc.flags.region, flagBaseURL: tc.flags.baseURL,
				lookupenv: func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok },
				profiles:  func() (Config, error) { read = true; return profiles, nil },
			})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "LEAKCANARY") {
					t.Fatalf("want an error with %q, got %v", tc.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := []string{c.Profile, c.ProfileFrom, c.Host.String(), c.HostFrom, c.KeyFrom}
			want := []string{tc.profile, tc.profileFrom, tc.host, tc.hostFrom, tc.keyFrom}
			for i := range want {
				if !strings.HasPrefix(got[i], want[i]) {
					t.Errorf("got profile, from, host, from, key = %q, want %q", got, want)
					break
				}
			}
			if read != tc.readsConfig {
				t.Errorf("json read: %v, want %v", read, tc.readsConfig)
			}
			if (c.envKey != "") != (tc.keyFrom == KeyFromEnv) {
				t.Error("the environment's key is kept when it is not the one chosen, or dropped when it is")
			}
		})
	}
}
