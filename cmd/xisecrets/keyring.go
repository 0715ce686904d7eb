package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// keyringService is the keyring service every key is stored under; the
// account is keyAccount's (PROFILE@CONFIG_ID), or for a key stored before
// keys were bound, the profile's name.
const keyringService = "xisecrets"

// keyringTimeout bounds each keyring call. go-keyring waits as long as
// the keyring does, and a locked one may show an unlock prompt nobody
// answers (or, with no display, none at all).
const keyringTimeout = 10 * time.Second

// osKeyring is the OS keyring (macOS Keychain, Windows Credential Manager,
// the Secret Service on Linux) through go-keyring, each call bounded.
type osKeyring struct {
	timeout time.Duration
	// backend is go-keyring; a test may put a slower one in its place.
	backend keyringBackend
}

// keyringBackend is go-keyring's package API.
type keyringBackend struct {
	set    func(service, user, password string) error
	get    func(service, user string) (string, error)
	delete func(service, user string) error
}

func newOSKeyring() osKeyring {
	return osKeyring{timeout: keyringTimeout, backend: keyringBackend{gokeyring.Set, gokeyring.Get, gokeyring.Delete}}
}

// errKeyringTimeout is a keyring call that did not answer in time.
var errKeyringTimeout = errors.New("no answer in time (locked, waiting for an unlock prompt?)")

// bounded runs call aside and waits at most timeout. A call that times
// out goes on in the background, its result dropped; the process is about
// to report the error and exit.
func bounded[T any](timeout time.Duration, call func() (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	v, err := aside(ctx, call)
	if err == context.DeadlineExceeded && ctx.Err() == err {
		return v, errKeyringTimeout
	}
	return v, err
}

// keyringError says the keyring failed, and what it said: go-keyring's
// errors (a D-Bus error, "failed to unlock correct collection", a
// Keychain status) never hold the key.
func keyringError(err error) error {
	return fmt.Errorf("the OS keyring is not reachable: %w", err)
}

func (k osKeyring) get(account string) (string, error) {
	key, err := bounded(k.timeout, func() (string, error) { return k.backend.get(keyringService, account) })
	switch {
	case errors.Is(err, gokeyring.ErrNotFound):
		return "", errNoKey
	case err != nil:
		return "", keyringError(err)
	}
	return key, nil
}

func (k osKeyring) set(account, value string) error {
	_, err := bounded(k.timeout, func() (struct{}, error) { return struct{}{}, k.backend.set(keyringService, account, value) })
	if err != nil {
		return keyringError(err)
	}
	return nil
}

func (k osKeyring) remove(account string) error {
	_, err := bounded(k.timeout, func() (struct{}, error) { return struct{}{}, k.backend.delete(keyringService, account) })
	if err != nil && !errors.Is(err, gokeyring.ErrNotFound) {
		return keyringError(err)
	}
	return nil
}
