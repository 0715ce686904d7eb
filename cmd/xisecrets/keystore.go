package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// keyStore keeps one API key per profile.
type keyStore interface {
	// get returns the profile's key, or errNoKey.
	get(profile string) (string, error)
	set(profile, key string) error
	// remove deletes the profile's key; none is no error.
	remove(profile string) error
}

// errNoKey is a store's answer for a profile it holds no key for.
var errNoKey = errors.New("no key stored for this profile")

// fileKeys is credentials.json in the configuration directory: the keys
// of the profiles logged in with --insecure-storage, in plain text, mode
// 0600.
type fileKeys struct{ dir string }

// credentials is credentials.json.
type credentials struct {
	Keys map[string]string `json:"keys"`
}

func (f fileKeys) path() string { return filepath.Join(f.dir, credentialsFile) }

func (f fileKeys) read() (credentials, error) {
	c := credentials{Keys: map[string]string{}}
	file, err := os.Open(f.path())
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return c, err
	}
	if err := privateMode(f.path(), info, othersAny, "600"); err != nil {
		return c, err
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return c, err
	}
	// The error is not the decoder's: its text may quote the file, which
	// holds keys. A repeated field is named (a name is no key), with its
	// line.
	if err := decodeStrict(data, &c); err != nil {
		var repeated *repeatedKeyError
		if errors.As(err, &repeated) {
			return c, fmt.Errorf("%s: %w; nothing was sent", f.path(), err)
		}
		return c, fmt.Errorf("%s: not valid (want {\"keys\": {\"PROFILE\": \"KEY\"}}); log in again or remove it", f.path())
	}
	if c.Keys == nil {
		c.Keys = map[string]string{}
	}
	return c, nil
}

func (f fileKeys) get(profile string) (string, error) {
	c, err := f.read()
	if err != nil {
		return "", err
	}
	if k := c.Keys[profile]; k != "" {
		return k, nil
	}
	return "", errNoKey
}

func (f fileKeys) set(profile, key string) error {
	c, err := f.read()
	if err != nil {
		return err
	}
	c.Keys[profile] = key
	return writeJSONAtomic(f.dir, credentialsFile, c)
}

func (f fileKeys) remove(profile string) error {
	c, err := f.read()
	if err != nil {
		return err
	}
	if _, ok := c.Keys[profile]; !ok {
		return nil
	}
	delete(c.Keys, profile)
	if len(c.Keys) == 0 {
		return removeFile(f.path())
	}
	return writeJSONAtomic(f.dir, credentialsFile, c)
}
