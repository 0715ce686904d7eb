package main

import (
	"os"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// TestResolvePrecedence walks precedenceTable row by row: each case gives
// one level and the levels below it, and wants the higher one to win.
func TestResolvePrecedence(t *testing.T) {
	profiles := config{Profiles: map[string]profile{
		"default": {Region: "eu", Storage: keyFromKeyring},
		"staging": {BaseURL: "https://staging.example", Storage: keyFromFile},
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
		// readsConfig: whether config.json had to be read.
		readsConfig bool
	}{
		// profile: --profile > XISECRETS_PROFILE > default
		{name: "profile: --profile beats XISECRETS_PROFILE", flags: flags{profile: "staging"}, env: map[string]string{envProfile: "default"},
			profile: "staging", profileFrom: "--profile", host: "https://staging.example", hostFrom: "the profile", keyFrom: keyFromFile, readsConfig: true},
		{name: "profile: XISECRETS_PROFILE beats default", env: map[string]string{envProfile: "staging"},
			profile: "staging", profileFrom: envProfile, host: "https://staging.example", hostFrom: "the profile", keyFrom: keyFromFile, readsConfig: true},
		{name: "profile: default", profile: "default", profileFrom: "default", host: client.RegionEU.BaseURL(), hostFrom: "the profile", keyFrom: keyFromKeyring, readsConfig: true},
		{name: "profile: XISECRETS_PROFILE set but empty", env: map[string]string{envProfile: ""}, wantErr: "XISECRETS_PROFILE is set but empty"},
		{name: "profile: a name with a path separator", flags: flags{profile: "../x"}, wantErr: "--profile: a profile name is"},

		// host: flag > XISECRETS_REGION / XISECRETS_BASE_URL > the profile's > global
		{name: "host: --region beats the variables and the profile", flags: flags{region: "sg"}, env: map[string]string{envBaseURL: "https://env.example", envKey: envKeyValue},
			profile: "default", profileFrom: "default", host: client.RegionSingapore.BaseURL(), hostFrom: "--region", keyFrom: keyFromEnv},
		{name: "host: --base-url beats the variables", flags: flags{baseURL: "https://flag.example"}, env: map[string]string{envRegion: "us", envKey: envKeyValue},
			profile: "default", profileFrom: "default", host: "https://flag.example", hostFrom: "--base-url", keyFrom: keyFromEnv},
		{name: "host: XISECRETS_REGION beats the profile's", env: map[string]string{envRegion: "us"},
			profile: "default", profileFrom: "default", host: client.RegionUS.BaseURL(), hostFrom: envRegion, keyFrom: keyFromKeyring, readsConfig: true},
		{name: "host: XISECRETS_BASE_URL beats the chosen profile's", flags: flags{profile: "staging"}, env: map[string]string{envBaseURL: "https://env.example"},
			profile: "staging", profileFrom: "--profile", host: "https://env.example", hostFrom: envBaseURL, keyFrom: keyFromFile, readsConfig: true},
		{name: "host: the profile's beats the global host", flags: flags{profile: "staging"},
			profile: "staging", profileFrom: "--profile", host: "https://staging.example", hostFrom: "the profile", keyFrom: keyFromFile, readsConfig: true},
		{name: "host: the global host when no level gives one", flags: flags{profile: "nobody"},
			profile: "nobody", profileFrom: "--profile", host: client.RegionDefault.BaseURL(), hostFrom: "the global host", keyFrom: keyFromNowhere, readsConfig: true},
		{name: "host: both flags", flags: flags{region: "eu", baseURL: "https://x.example"}, wantErr: "--region and --base-url both given"},
		{name: "host: both variables", env: map[string]string{envRegion: "eu", envBaseURL: "https://x.example"}, wantErr: "XISECRETS_REGION and XISECRETS_BASE_URL are both set"},
		{name: "host: XISECRETS_REGION set but empty", env: map[string]string{envRegion: ""}, wantErr: "XISECRETS_REGION is set but empty"},
		{name: "host: XISECRETS_BASE_URL set but empty", env: map[string]string{envBaseURL: ""}, wantErr: "XISECRETS_BASE_URL is set but empty"},
		{name: "host: a bad XISECRETS_REGION names the variable, not the value", env: map[string]string{envRegion: "LEAKCANARY"}, wantErr: "XISECRETS_REGION: unknown region (want one of default, us, eu, in, sg)"},

		// key: a chosen profile's stored key, never the environment's
		{name: "key: --profile ignores ELEVENLABS_API_KEY", flags: flags{profile: "staging"}, env: map[string]string{envKey: envKeyValue},
			profile: "staging", profileFrom: "--profile", host: "https://staging.example", hostFrom: "the profile", keyFrom: keyFromFile, readsConfig: true},
		{name: "key: XISECRETS_PROFILE ignores ELEVENLABS_API_KEY", env: map[string]string{envProfile: "default", envKey: envKeyValue},
			profile: "default", profileFrom: envProfile, host: client.RegionEU.BaseURL(), hostFrom: "the profile", keyFrom: keyFromKeyring, readsConfig: true},
		{name: "key: a chosen profile not logged in has no key, even with the variable set", flags: flags{profile: "nobody"}, env: map[string]string{envKey: envKeyValue},
			profile: "nobody", profileFrom: "--profile", host: client.RegionDefault.BaseURL(), hostFrom: "the global host", keyFrom: keyFromNowhere, readsConfig: true},
		// key: otherwise ELEVENLABS_API_KEY > the default profile's
		{name: "key: ELEVENLABS_API_KEY beats the default profile's (whose host still applies)", env: map[string]string{envKey: envKeyValue},
			profile: "default", profileFrom: "default", host: client.RegionEU.BaseURL(), hostFrom: "the profile", keyFrom: keyFromEnv, readsConfig: true},
		{name: "key: the default profile's when the variable is unset",
			profile: "default", profileFrom: "default", host: client.RegionEU.BaseURL(), hostFrom: "the profile", keyFrom: keyFromKeyring, readsConfig: true},
		{name: "key: ELEVENLABS_API_KEY set but empty", env: map[string]string{envKey: ""}, wantErr: "ELEVENLABS_API_KEY is set but empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			read := false
			c, err := resolve(sources{
				flagProfile: tc.flags.profile, flagRegion: tc.flags.region, flagBaseURL: tc.flags.baseURL,
				lookupenv: func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok },
				profiles:  func() (config, error) { read = true; return profiles, nil },
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
			got := []string{c.profile, c.profileFrom, c.host.String(), c.hostFrom, c.keyFrom}
			want := []string{tc.profile, tc.profileFrom, tc.host, tc.hostFrom, tc.keyFrom}
			for i := range want {
				if !strings.HasPrefix(got[i], want[i]) {
					t.Errorf("got profile, from, host, from, key = %q, want %q", got, want)
					break
				}
			}
			if read != tc.readsConfig {
				t.Errorf("config.json read: %v, want %v", read, tc.readsConfig)
			}
			if (c.envKey != "") != (tc.keyFrom == keyFromEnv) {
				t.Error("the environment's key is kept when it is not the one chosen, or dropped when it is")
			}
		})
	}
}

// The CLI guide and auth --help show one table: the one resolve implements.
func TestCLIGuideHasThePrecedenceTable(t *testing.T) {
	guide, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(guide), precedenceTable) {
		t.Errorf("docs/cli.md does not hold precedenceTable verbatim:\n%s", precedenceTable)
	}
	h := newAuthHarness(t)
	if r := h.run("", "auth", "--help"); r.code != exitOK || !strings.Contains(r.stdout, precedenceTable) {
		t.Errorf("auth --help: exit %d, want the table; got:\n%s", r.code, r.stdout)
	}
}
