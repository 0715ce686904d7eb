package redact

import "testing"

// TestRedactRules pins the rules RELIABILITY.md states ("What we redact,
// and what we cannot"), one row each. The secrets are fixtures, printed
// freely.
func TestRedactRules(t *testing.T) {
	const long = "sk-abcdefghijklmnop"
	rows := []struct {
		name    string
		secrets []string
		in      string
		want    string
	}{
		{"whole secret", []string{long}, "bad " + long + " here", "bad [REDACTED] here"},
		{"a run of 8 bytes is enough", []string{long}, "input_value='sk-abcde...'", "input_value='[REDACTED]...'"},
		{"a run of 7 bytes is not", []string{long}, "input_value='sk-abcd...'", "input_value='sk-abcd...'"},
		{"head and tail of a cut repr", []string{long}, "'sk-abcdefg...jklmnop'", "'[REDACTED]...jklmnop'"},
		{"every character as \\u", []string{long}, `x \u0073\u006b\u002d\u0061\u0062\u0063\u0064\u0065 y`, `x [REDACTED] y`},
		{"one character as \\u", []string{long}, `"\u0073k-abcdefghijklmnop"`, `"[REDACTED]"`},
		{"surrogate pair", []string{"key-😀-0123456"}, `key-\ud83d\ude00-0123456`, `[REDACTED]`},
		{"JSON inside JSON", []string{`a"b\c/d+e-0123`}, `{"detail":"{\"value\":\"a\\\"b\\\\c/d+e-0123\"}"}`, `{"detail":"{\"value\":\"[REDACTED]\"}"}`},
		{"Python ASCII repr", []string{"pässwörd-ünïcode"}, `'p\xe4ssw\xf6rd-\xfcn\xefcode'`, `'[REDACTED]'`},
		{"Python repr of Latin-1 that reads as UTF-8", []string{"Î¶Î¶Î¶"}, `'\xce\xb6\xce\xb6\xce\xb6'`, `'[REDACTED]'`},
		{"Python bytes repr", []string{"pässwörd-ünïcode"}, `b'p\xc3\xa4ssw\xc3\xb6rd-\xc3\xbcn\xc3\xafcode'`, `b'[REDACTED]'`},
		{"HTML entities", []string{`<a href="x">&amp;`}, `&lt;a href=&#34;x&#x22;&gt;&amp;amp;`, `[REDACTED]`},
		{"URL query", []string{"a b+c/d=e&f"}, "?v=a+b%2Bc%2Fd%3De%26f&x=1", "?v=[REDACTED]&x=1"},
		{"short secret as a word", []string{"v1"}, "value 'v1' on /v1/x and v10", "value '[REDACTED]' on /[REDACTED]/x and v10"},
		{"one character only as a word", []string{"1"}, "/v1/convai 127.0.0.1:8001 x1 (1)", "/v1/convai 127.0.0.[REDACTED]:8001 x1 ([REDACTED])"},
		{"a value inside the key", []string{"HOSTILE", "xi-HOSTILE-key-0123"}, "key xi-HOSTILE-key-0123!", "key [REDACTED]!"},
		{"short value inside the key", []string{"1", "xi-HOSTILE-key-0123"}, "key xi-HOSTILE-key-0123", "key [REDACTED]"},
		{"adjacent finds are one mark", []string{"sk-abcdefgh", "ijklmnop-99"}, "sk-abcdefghijklmnop-99", "[REDACTED]"},
		{"upper case is not the secret", []string{long}, "SK-ABCDEFGHIJKLMNOP", "SK-ABCDEFGHIJKLMNOP"},
		{"base64 is out of scope", []string{long}, "c2stYWJjZGVmZ2hpamtsbW5vcA==", "c2stYWJjZGVmZ2hpamtsbW5vcA=="},
		{"\\u{...} escapes (Rust, ES2015) are out of scope", []string{long}, `\u{73}\u{6b}\u{2d}\u{61}\u{62}\u{63}\u{64}\u{65}\u{66}\u{67}\u{68}\u{69}\u{6a}\u{6b}\u{6c}\u{6d}\u{6e}\u{6f}\u{70}`, `\u{73}\u{6b}\u{2d}\u{61}\u{62}\u{63}\u{64}\u{65}\u{66}\u{67}\u{68}\u{69}\u{6a}\u{6b}\u{6c}\u{6d}\u{6e}\u{6f}\u{70}`},
		{"text without a secret is unchanged", []string{long}, `{"detail":"Not found \u00e9 &amp; 100%"}`, `{"detail":"Not found \u00e9 &amp; 100%"}`},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			if got := Secrets(row.secrets).Redactor().Redact(row.in); got != row.want {
				t.Errorf("redact(%q)\n got %q\nwant %q", row.in, got, row.want)
			}
		})
	}
}
