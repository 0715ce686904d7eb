package client

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
)

// EnvironmentProduction is the environment every environment variable has:
// the API requires its value on create and never removes it.
const EnvironmentProduction = "production"

// EnvironmentVariableType is what an environment variable's values are.
type EnvironmentVariableType string

// The types of environment variable the API knows.
const (
	// EnvironmentVariableString values are plain text: URLs, hosts.
	EnvironmentVariableString EnvironmentVariableType = "string"
	// EnvironmentVariableSecret values name a workspace secret by id.
	EnvironmentVariableSecret EnvironmentVariableType = "secret"
	// EnvironmentVariableAuthConnection values name an auth connection by id.
	EnvironmentVariableAuthConnection EnvironmentVariableType = "auth_connection"
)

// valid reports whether t is one of the three types.
func (t EnvironmentVariableType) valid() bool {
	return t == EnvironmentVariableString || t == EnvironmentVariableSecret || t == EnvironmentVariableAuthConnection
}

// EnvironmentValue is one environment's value of an environment variable,
// typed: make one with StringValue, SecretValue or AuthConnectionValue, and
// read it with the accessor of its Type. The zero EnvironmentValue has no
// type and is refused by Create and Update.
//
// Printed with any fmt verb it shows its type and, for the secret and auth
// connection types, the id it names ("secret:sec_123"); a string value
// shows only its length ("string(24 bytes)"), since a string variable may
// hold whatever a user put in it. Text returns the text itself.
type EnvironmentValue struct {
	typ EnvironmentVariableType
	v   string // the text, the secret id or the auth connection id
}

// StringValue is a value of an EnvironmentVariableString variable.
func StringValue(s string) EnvironmentValue {
	return EnvironmentValue{EnvironmentVariableString, s}
}

// SecretValue is a value of an EnvironmentVariableSecret variable: the
// workspace secret of that id (Secrets.Get shows its name).
func SecretValue(secretID string) EnvironmentValue {
	return EnvironmentValue{EnvironmentVariableSecret, secretID}
}

// AuthConnectionValue is a value of an EnvironmentVariableAuthConnection
// variable: the auth connection of that id.
func AuthConnectionValue(id string) EnvironmentValue {
	return EnvironmentValue{EnvironmentVariableAuthConnection, id}
}

// Type is the value's type; "" for the zero EnvironmentValue.
func (v EnvironmentValue) Type() EnvironmentVariableType { return v.typ }

// Text is a string value's text; "" for the other types.
func (v EnvironmentValue) Text() string { return v.only(EnvironmentVariableString) }

// SecretID is a secret value's secret id; "" for the other types.
func (v EnvironmentValue) SecretID() string { return v.only(EnvironmentVariableSecret) }

// AuthConnectionID is an auth connection value's id; "" for the other types.
func (v EnvironmentValue) AuthConnectionID() string {
	return v.only(EnvironmentVariableAuthConnection)
}

func (v EnvironmentValue) only(t EnvironmentVariableType) string {
	if v.typ != t {
		return ""
	}
	return v.v
}

// Format implements fmt.Formatter for every verb, as the type's doc says:
// ids are shown, a string value's text is not.
func (v EnvironmentValue) Format(f fmt.State, _ rune) {
	switch v.typ {
	case "":
		_, _ = f.Write([]byte("(no value)"))
	case EnvironmentVariableString:
		_, _ = fmt.Fprintf(f, "string(%d bytes)", len(v.v))
	default:
		_, _ = fmt.Fprintf(f, "%s:%s", v.typ, v.v)
	}
}

// EnvironmentVariable is a workspace environment variable: a label, and
// one value per environment, all of the variable's Type. Values always
// holds EnvironmentProduction, except in a listing filtered by another
// environment, which returns only that environment's value.
type EnvironmentVariable struct {
	ID, Label string
	Type      EnvironmentVariableType
	Values    map[string]EnvironmentValue
	// CreatedAt and UpdatedAt are zero when the API sent none.
	CreatedAt, UpdatedAt time.Time
}

// Environments returns the environments Values holds, production first
// and the others sorted.
func (ev EnvironmentVariable) Environments() []string {
	out := make([]string, 0, len(ev.Values))
	for env := range ev.Values {
		if env != EnvironmentProduction {
			out = append(out, env)
		}
	}
	slices.Sort(out)
	if _, ok := ev.Values[EnvironmentProduction]; ok {
		out = append([]string{EnvironmentProduction}, out...)
	}
	return out
}

// CheckLabel reports whether label is an environment variable label this
// package sends: not empty, UTF-8, at most MaxNameBytes, and without white
// space or control characters (tools reference it as
// {{system_env__<label>}}). The error matches ErrInvalidArgument and does
// not quote the label.
func CheckLabel(label string) error {
	if err := required("label", label); err != nil {
		return err
	}
	if len(label) > MaxNameBytes {
		return invalidf("label is %d bytes, over the %d-byte limit; nothing was sent", len(label), MaxNameBytes)
	}
	if strings.IndexFunc(label, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return invalidf("label must not contain white space or control characters; nothing was sent")
	}
	return nil
}

// checkEnvironment is CheckLabel's rule for an environment name.
func checkEnvironment(env string) error {
	if err := required("environment name", env); err != nil {
		return err
	}
	if len(env) > MaxNameBytes || strings.IndexFunc(env, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return invalidf("environment name must be at most %d bytes, without white space or control characters; nothing was sent", MaxNameBytes)
	}
	return nil
}

// checkValue checks one environment's value: typed, non-empty, and its id
// (for secrets and auth connections) one that can go in a path.
func checkEnvValue(env string, v EnvironmentValue) error {
	if !v.typ.valid() {
		return invalidf("the value for environment %q has no type: make it with StringValue, SecretValue or AuthConnectionValue", env)
	}
	if v.v == "" {
		return invalidf("the %s value for environment %q is empty", v.typ, env)
	}
	if v.typ != EnvironmentVariableString {
		if err := checkID(v.v); err != nil {
			return invalidf("the %s value for environment %q: %s", v.typ, env, strings.TrimPrefix(err.Error(), "xisecrets: "))
		}
	}
	return nil
}
