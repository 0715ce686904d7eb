package sealed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

const secret = "sk-sealed-0123456789"

// holder is how our types hold a Value: an unexported field, by value, at
// some depth, with no print methods of its own.
type holder struct {
	name  string
	key   Value
	inner *struct{ key Value }
	Exp   Value
}

func TestNoPrinterReachesTheSecret(t *testing.T) {
	h := holder{name: "h", key: Seal(secret), inner: &struct{ key Value }{Seal(secret)}, Exp: Seal(secret)}
	var texts []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T", "%p"} {
		texts = append(texts, fmt.Sprintf(verb, h), fmt.Sprintf(verb, &h), fmt.Sprintf(verb, h.key), fmt.Sprintf(verb, []holder{h}))
	}
	js, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, string(js))
	for _, mk := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var b bytes.Buffer
		slog.New(mk(&b)).Info("m", "h", h, "p", &h, "k", h.key)
		texts = append(texts, b.String())
	}
	for i, s := range texts {
		if strings.Contains(s, secret) || strings.Contains(s, fmt.Sprintf("%x", secret)) {
			t.Errorf("printer %d revealed the secret", i)
		}
	}
}

func TestRevealAndEqual(t *testing.T) {
	v := Seal(secret)
	if v.Reveal() != secret || !v.Equal(secret) || v.Equal(secret[:5]) || v.Equal("") {
		t.Error("Reveal or Equal does not give back the sealed secret")
	}
	var zero Value
	if zero.Reveal() != "" || !zero.Equal("") {
		t.Error("the zero Value is not the empty secret")
	}
}
