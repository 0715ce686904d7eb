package provider

import (
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

// The provider block's rules: an attribute beats its variable, a region and
// a base URL at one level are an error, and no error quotes what it was given.
func TestClientOptions(t *testing.T) {
	const key = "pasted-key-4f0a7e"
	cases := []struct {
		name    string
		s       settings
		env     map[string]string
		wantURL string // "" with wantErr
		wantErr string
	}{
		{name: "defaults", s: settings{APIKey: key, APIKeySet: true}, wantURL: client.RegionDefault.BaseURL()},
		{name: "key from the environment", env: map[string]string{envAPIKey: key}, wantURL: client.RegionDefault.BaseURL()},
		{name: "no key", wantErr: "no API key"},
		{name: "empty key attribute", s: settings{APIKeySet: true}, env: map[string]string{envAPIKey: key}, wantErr: "api_key is empty"},
		{name: "region attribute", s: settings{APIKey: key, APIKeySet: true, Region: "eu"}, wantURL: client.RegionEU.BaseURL()},
		{name: "region variable", s: settings{APIKey: key, APIKeySet: true}, env: map[string]string{envRegion: "us"}, wantURL: client.RegionUS.BaseURL()},
		{name: "attribute beats both variables", s: settings{APIKey: key, APIKeySet: true, BaseURL: "http://127.0.0.1:9"},
			env: map[string]string{envRegion: "us", envBaseURL: "https://a.example"}, wantURL: "http://127.0.0.1:9"},
		{name: "both attributes", s: settings{APIKey: key, APIKeySet: true, Region: "eu", BaseURL: "https://a.example"}, wantErr: "both region and base_url"},
		{name: "both variables", s: settings{APIKey: key, APIKeySet: true}, env: map[string]string{envRegion: "eu", envBaseURL: "https://a.example"}, wantErr: "both XISECRETS_REGION and XISECRETS_BASE_URL"},
		{name: "unknown region, not quoted", s: settings{APIKey: key, APIKeySet: true, Region: key}, wantErr: "unknown region"},
		{name: "http to another host", s: settings{APIKey: key, APIKeySet: true, BaseURL: "http://example.com"}, wantErr: "loopback"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts, err := clientOptions(tc.s, func(k string) string { return tc.env[k] })
			var c *client.Client
			if err == nil {
				c, err = client.New(opts...)
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), key) {
					t.Fatal("the error quotes the key")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.BaseURL() != tc.wantURL {
				t.Errorf("base URL %s, want %s", c.BaseURL(), tc.wantURL)
			}
		})
	}
}
