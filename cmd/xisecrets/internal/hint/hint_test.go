package hint

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/xisecrets/xisecrets/client"
)

// listErr is the error of one listing with c.
func listErr(t *testing.T, opts ...client.Option) error {
	t.Helper()
	c, err := client.New(append([]client.Option{client.WithAPIKey("k"), client.WithMaxRetries(0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range c.Secrets.List(context.Background(), client.ListOptions{PageSize: 1}) {
		return err
	}
	return nil
}

// closedURL is a loopback URL nothing listens on.
func closedURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := "http://" + l.Addr().String()
	l.Close()
	return u
}

// Real failures are told apart: refused, TLS, a 401; a cancelled run and
// a 500 are not "unreachable".
func TestKind(t *testing.T) {
	tlsSrv := httptest.NewTLSServer(http.NotFoundHandler())
	defer tlsSrv.Close()
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer refusing.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c, _ := client.New(client.WithAPIKey("k"), client.WithBaseURL(refusing.URL))
	var cancelled error
	for _, err := range c.Secrets.List(ctx, client.ListOptions{}) {
		cancelled = err
		break
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"refused", listErr(t, client.WithBaseURL(closedURL(t))), Refused},
		{"tls", listErr(t, client.WithBaseURL(tlsSrv.URL)), TLS},
		{"dns", &net.DNSError{Err: "no such host", Name: "api.example.invalid", IsNotFound: true}, DNS},
		{"500", listErr(t, client.WithBaseURL(refusing.URL)), ""},
		{"cancelled", cancelled, ""},
		{"other", errors.New("boom"), ""},
	} {
		if got := Kind(tc.err); got != tc.want {
			t.Errorf("%s: Kind(%v) = %q, want %q", tc.name, tc.err, got, tc.want)
		}
	}
}

// The table of docs/cli.md, row by row: what each hint names.
func TestHintTable(t *testing.T) {
	env := Context{Key: "the key in ELEVENLABS_API_KEY", Host: "https://api.eu.residency.elevenlabs.io (region eu)", HostFrom: "--region"}
	stored := Context{Key: "the key stored for profile prod (in the keyring)", Profile: "prod", Host: "https://api.elevenlabs.io", HostFrom: "the profile"}
	refused := listErr(t, client.WithBaseURL(closedURL(t)))
	for _, tc := range []struct {
		name string
		err  error
		c    Context
		want []string
	}{
		{"401, key from the environment", &client.APIError{StatusCode: 401}, env, []string{"the key in ELEVENLABS_API_KEY was refused by https://api.eu", "set by --region", "region it was made in"}},
		{"401, stored key", &client.APIError{StatusCode: 401}, stored, []string{"profile prod", "auth login --profile prod", "from the profile"}},
		{"403", &client.APIError{StatusCode: 403}, env, []string{"permission"}},
		{"refused", refused, Context{Host: "http://127.0.0.1:9", HostFrom: "XISECRETS_BASE_URL"}, []string{"http://127.0.0.1:9 cannot be reached (connection refused; host set by XISECRETS_BASE_URL)", "check XISECRETS_BASE_URL"}},
		{"429 with a long Retry-After", &client.APIError{StatusCode: 429, RetryAfter: 2 * time.Minute}, env, []string{"rate-limits", "after 2m0s (the API's Retry-After)", "--parallel"}},
		{"429", &client.APIError{StatusCode: 429}, env, []string{"rate-limits", "after a while"}},
		{"dns, default host", &net.DNSError{Err: "no such host", IsNotFound: true}, Context{Host: "https://api.elevenlabs.io", HostFrom: "the global host"}, []string{"host name not found", "DNS", "no flag, variable or profile set the host"}},
	} {
		var h interface{ Hint() string }
		if !errors.As(For(tc.err, tc.c), &h) {
			t.Errorf("%s: no hint", tc.name)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(h.Hint(), w) {
				t.Errorf("%s: hint %q does not say %q", tc.name, h.Hint(), w)
			}
		}
	}
	if err := For(errors.New("boom"), env); err.Error() != "boom" || errors.As(err, new(*Error)) {
		t.Errorf("an error with no advice changed: %v", err)
	}
}

// A missing scheme is suggested only for text shaped like a host; no
// other text is echoed.
func TestBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.1:8080":           "did you mean http://127.0.0.1:8080?",
		"localhost:8080":           "did you mean http://localhost:8080?",
		"[::1]:8080":               "did you mean http://[::1]:8080?",
		"api.eu.example.com":       "did you mean https://api.eu.example.com?",
		"proxy.internal:8443/base": "did you mean https://proxy.internal:8443/base?",
		"https://x":                "",
		"sk_0123456789abcdef":      "", // a word: perhaps a value
		"a b.c":                    "",
		"x.y\x1b[2J":               "",
		strings.Repeat("a.", 80):   "",
	} {
		if got := BaseURL(in); !strings.HasSuffix(got, want) || (want == "") != (got == "") {
			t.Errorf("BaseURL(%q) = %q, want one ending %q", in, got, want)
		}
	}
}

func TestLocked(t *testing.T) {
	for text, want := range map[string]bool{
		"failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'": true,
		"Cannot create an item in a locked collection":                                   true,
		"User interaction is not allowed. (-25308)":                                      true,
		"exec: \"dbus-launch\": executable file not found in $PATH":                      false,
	} {
		if Locked(text) != want {
			t.Errorf("Locked(%q) = %v", text, !want)
		}
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if !strings.Contains(unlockOn(goos), "unlock") && !strings.Contains(unlockOn(goos), "sign in") {
			t.Errorf("%s: %q says nothing of unlocking", goos, unlockOn(goos))
		}
	}
}
