package redact

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"testing"
)

const errSecret = "xi-error-key-0123456789"

// redactedErr is an Error whose cause quotes a secret, as a net/http
// error quoting server bytes would.
func redactedErr() (*Error, *net.OpError) {
	cause := &net.OpError{Op: "read", Net: "tcp", Err: fmt.Errorf("malformed header %q: %w", errSecret, context.DeadlineExceeded)}
	return &Error{Msg: Secrets{errSecret}.Redactor().ErrText(cause), Cause: cause}, cause
}

// No way of printing an Error shows its cause: Error, every fmt verb,
// %#v, inside a struct, wrapped with %w, logged; and it has no Unwrap,
// so code that walks the chain meets only the redacted text.
func TestErrorNeverShowsItsCause(t *testing.T) {
	e, _ := redactedErr()
	if !strings.Contains(e.Error(), Mark) {
		t.Fatalf("Error() = %q, want the secret visibly redacted", e.Error())
	}
	var log strings.Builder
	slog.New(slog.NewTextHandler(&log, nil)).Error("failed", "err", e)
	slog.New(slog.NewJSONHandler(&log, nil)).Error("failed", "err", e)
	wrapped := fmt.Errorf("outer: %w", e)
	texts := []string{
		e.Error(), fmt.Sprint(e), fmt.Sprintf("%v|%s|%q|%+v|%#v|%x", e, e, e, e, e, e),
		fmt.Sprintf("%v|%+v|%#v", struct{ Err error }{e}, struct{ Err error }{e}, struct{ Err error }{e}),
		wrapped.Error(), fmt.Sprintf("%+v|%#v", wrapped, wrapped), log.String(),
	}
	for err := error(wrapped); err != nil; err = errors.Unwrap(err) {
		texts = append(texts, err.Error())
	}
	for _, s := range texts {
		if strings.Contains(s, errSecret) || strings.Contains(s, hex.EncodeToString([]byte(errSecret))) {
			t.Errorf("the secret shows: %s", s)
		}
	}
	if errors.Unwrap(e) != nil {
		t.Error("Unwrap reaches the cause")
	}
	if got, want := fmt.Sprintf("%#v", e), `&client.redactedError{"`+strings.ReplaceAll(e.Msg, `"`, `\"`)+`"}`; got != want {
		t.Errorf("%%#v = %s, want %s", got, want)
	}
}

// Is and As still reach the cause and its chain; without a cause they
// match nothing.
func TestErrorMatchesItsCause(t *testing.T) {
	e, cause := redactedErr()
	var op *net.OpError
	if !errors.As(e, &op) || op != cause {
		t.Error("errors.As does not find the cause")
	}
	if !errors.Is(e, context.DeadlineExceeded) || !errors.Is(fmt.Errorf("x: %w", e), context.DeadlineExceeded) {
		t.Error("errors.Is does not reach into the cause's chain")
	}
	if errors.Is(e, context.Canceled) {
		t.Error("errors.Is matches what the cause is not")
	}
	bare := &Error{Msg: "text only"}
	if errors.Is(bare, context.DeadlineExceeded) || errors.As(bare, &op) || bare.Error() != "text only" {
		t.Error("an Error without a cause matches something")
	}
}
