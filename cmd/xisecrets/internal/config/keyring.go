package config

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/hint"
	gokeyring "github.com/zalando/go-keyring"
)

// KeyringService is the keyring service every key is stored under; the
// account is keyAccount's (PROFILE@CONFIG_ID), or for a key stored before
// keys were bound, the profile's name.
const KeyringService = "xisecrets"

// keyringTimeout bounds each keyring call. go-keyring waits as long as
// the keyring does, and a locked one may show an unlock prompt nobody
// answers (or, with no display, none at all).
const keyringTimeout = 10 * time.Second

// OSKeyring is the OS keyring (macOS Keychain, Windows Credential Manager,
// the Secret Service on Linux) through go-keyring, each call bounded.
type OSKeyring struct {
	Timeout time.Duration
	// Backend is go-keyring; a test may put a slower one in its place.
	Backend KeyringBackend
}

// KeyringBackend is go-keyring's package API.
type KeyringBackend struct {
	Set    func(service, user, password string) error
	Get    func(service, user string) (string, error)
	Delete func(service, user string) error
}

func NewOSKeyring() OSKeyring {
	return OSKeyring{Timeout: keyringTimeout, Backend: KeyringBackend{gokeyring.Set, gokeyring.Get, gokeyring.Delete}}
}

// ErrKeyringTimeout is a keyring call that did not answer in time.
var ErrKeyringTimeout = errors.New("no answer in time (locked, waiting for an unlock prompt?)")

// bounded runs call aside and waits at most timeout. A call that times
// out goes on in the background, its result dropped; the process is about
// to report the error and exit.
func bounded[T any](timeout time.Duration, call func() (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	v, err := cli.Aside(ctx, call)
	if err == context.DeadlineExceeded && ctx.Err() == err {
		return v, ErrKeyringTimeout
	}
	return v, err
}

// keyringError says the keyring failed, and what it said: go-keyring's
// errors (a D-Bus error, "failed to unlock correct collection", a
// Keychain status) never hold the key.
// A locked keyring is called locked, with how to unlock it (hint.Unlock).
func keyringError(err error) error {
	switch {
	case errors.Is(err, ErrKeyringTimeout):
		return hint.With(fmt.Errorf("the OS keyring did not answer: %w", err), hint.Unlock())
	case hint.Locked(err.Error()):
		return hint.With(fmt.Errorf("the OS keyring is locked: %w", err), hint.Unlock())
	}
	return fmt.Errorf("the OS keyring is not reachable: %w", err)
}

func (k OSKeyring) Get(account string) (string, error) {
	key, err := bounded(k.Timeout, func() (string, error) { return k.Backend.Get(KeyringService, account) })
	switch {
	case errors.Is(err, gokeyring.ErrNotFound):
		return "", cli.ErrNoKey
	case err != nil:
		return "", keyringError(err)
	}
	return key, nil
}

func (k OSKeyring) Set(account, value string) error {
	_, err := bounded(k.Timeout, func() (struct{}, error) { return struct{}{}, k.Backend.Set(KeyringService, account, value) })
	if err != nil {
		return keyringError(err)
	}
	return nil
}

func (k OSKeyring) Remove(account string) error {
	_, err := bounded(k.Timeout, func() (struct{}, error) { return struct{}{}, k.Backend.Delete(KeyringService, account) })
	if err != nil && !errors.Is(err, gokeyring.ErrNotFound) {
		return keyringError(err)
	}
	return nil
}
