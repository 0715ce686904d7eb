package cli

import (
	"context"
	"errors"
	"io"
	"strings"
)

// Env is everything a command may touch outside its arguments, so tests run
// commands in-process with their own streams and environment.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// TTY opens the terminal to ask a question on (apply --prune's
	// confirmation). nil, or an error: there is none, as in CI.
	TTY func() (io.ReadWriteCloser, error)
	// Lookupenv tells a variable set but empty from an unset one; nil:
	// getenv alone, whose "" is unset.
	Lookupenv func(string) (string, bool)
	// UserConfigDir is os.UserConfigDir; nil: no configuration directory
	// but XISECRETS_CONFIG_DIR.
	UserConfigDir func() (string, error)
	// Keyring is the OS Keyring; nil: none is reachable.
	Keyring KeyStore
}

// Lookup is os.LookupEnv in e.
func (e Env) Lookup(name string) (string, bool) {
	if e.Lookupenv != nil {
		return e.Lookupenv(name)
	}
	v := e.Getenv(name)
	return v, v != ""
}

// KeyStore keeps one string per account: the OS keyring's shape
// (service xisecrets). osKeyring is the real one; tests use one in memory.
type KeyStore interface {
	// Get returns the account's string, or errNoKey.
	Get(account string) (string, error)
	Set(account, value string) error
	// Remove deletes the account's string; none is no error.
	Remove(account string) error
}

// ErrNoKey is a store's answer for an account it holds nothing for.
var ErrNoKey = errors.New("no key stored for this profile")

// Aside runs call in a goroutine and returns its result, or ctx's error
// as soon as ctx is done. A call left behind goes on, its result dropped.
func Aside[T any](ctx context.Context, call func() (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1) // the goroutine never blocks on it
	go func() {
		v, err := call()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

// TrimPrefix drops the library's "xisecrets: " from an error shown inside
// one of our own lines.
func TrimPrefix(err error) string { return strings.TrimPrefix(err.Error(), "xisecrets: ") }
