package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
)

// KeyRecord is what auth login stores for a profile: the key, bound to
// the configuration (config.json's config_id) and the host (the client's
// base URL) it was stored for. Every read checks both before the key is
// sent anywhere (choice.client).
type KeyRecord struct {
	ConfigID string `json:"config_id"`
	Host     string `json:"host"`
	Key      string `json:"key"`
}

// String keeps the key out of any %v.
func (KeyRecord) String() string { return "keyRecord{key not shown}" }

// GoString keeps the key out of %#v.
func (r KeyRecord) GoString() string { return r.String() }

// recordStore keeps key records by account: the keyring (keyringRecords)
// or credentials.json (fileKeys).
type recordStore interface {
	// Get returns the record at account, or errNoKey. legacy is a bare
	// key, as auth login stored it before keys were bound (account =
	// profile name): rec.Key alone is set.
	Get(account string) (rec KeyRecord, legacy bool, err error)
	Set(account string, rec KeyRecord) error
	// Remove deletes what account holds; nothing is no error.
	Remove(account string) error
}

// keyringRecords keeps records in the OS keyring, each as its JSON.
type keyringRecords struct{ keyring cli.KeyStore }

func (k keyringRecords) Get(account string) (KeyRecord, bool, error) {
	v, err := k.keyring.Get(account)
	if err != nil {
		return KeyRecord{}, false, err
	}
	// A key is printable ASCII without '{' in practice and never starts
	// with one; a record always does.
	if !strings.HasPrefix(v, "{") {
		return KeyRecord{Key: v}, true, nil
	}
	var rec KeyRecord
	if decodeStrict([]byte(v), &rec) != nil || rec.Key == "" {
		// The decoder's error could quote the entry, which holds a key.
		return rec, false, fmt.Errorf("the OS keyring's entry (service %s, account %s) is not one xisecrets stored: log in again", KeyringService, account)
	}
	return rec, false, nil
}

func (k keyringRecords) Set(account string, rec KeyRecord) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return k.keyring.Set(account, string(data))
}

func (k keyringRecords) Remove(account string) error { return k.keyring.Remove(account) }

// FileKeys is credentials.json in the configuration directory: the
// records of the profiles logged in with --insecure-storage, in plain
// text, mode 0600, by account. A value that is a string is a key stored
// before keys were bound (by profile name).
type FileKeys struct{ Dir string }

// credentials is credentials.json.
type credentials struct {
	Keys map[string]json.RawMessage `json:"keys"`
}

func (f FileKeys) path() string { return filepath.Join(f.Dir, CredentialsFile) }

// read reads credentials.json, each entry checked: a missing file has
// none.
func (f FileKeys) read() (map[string]fileEntry, error) {
	entries := map[string]fileEntry{}
	file, err := os.Open(f.path())
	if errors.Is(err, fs.ErrNotExist) {
		return entries, nil
	}
	if err != nil {
		return nil, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, err
	}
	if err := privateMode(f.path(), info, othersAny, "600"); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return nil, err
	}
	// The error is not the decoder's: its text may quote the file, which
	// holds keys. A repeated field is named (a name is no key), with its
	// line.
	var c credentials
	if err := decodeStrict(data, &c); err != nil {
		var repeated *repeatedKeyError
		if errors.As(err, &repeated) {
			return nil, fmt.Errorf("%s: %w; nothing was sent", f.path(), err)
		}
		return nil, f.invalid()
	}
	for account, raw := range c.Keys {
		var e fileEntry
		if e.legacy = strings.HasPrefix(string(raw), `"`); e.legacy {
			err = json.Unmarshal(raw, &e.rec.Key)
		} else {
			err = decodeStrict(raw, &e.rec)
		}
		if err != nil || e.rec.Key == "" {
			return nil, f.invalid()
		}
		entries[account] = e
	}
	return entries, nil
}

func (f FileKeys) invalid() error {
	return fmt.Errorf("%s: not valid (want {\"keys\": {\"PROFILE@CONFIG_ID\": {\"config_id\": ..., \"host\": ..., \"key\": ...}}}); log in again or remove it", f.path())
}

// fileEntry is one entry of credentials.json.
type fileEntry struct {
	rec    KeyRecord
	legacy bool
}

// write writes entries as credentials.json, or removes it when none is left.
func (f FileKeys) write(entries map[string]fileEntry) error {
	if len(entries) == 0 {
		return removeFile(f.path())
	}
	out := map[string]any{}
	for account, e := range entries {
		out[account] = e.rec
		if e.legacy {
			out[account] = e.rec.Key
		}
	}
	return writeJSONAtomic(f.Dir, CredentialsFile, map[string]any{"keys": out})
}

func (f FileKeys) Get(account string) (KeyRecord, bool, error) {
	entries, err := f.read()
	if err != nil {
		return KeyRecord{}, false, err
	}
	e, ok := entries[account]
	if !ok {
		return KeyRecord{}, false, cli.ErrNoKey
	}
	return e.rec, e.legacy, nil
}

func (f FileKeys) Set(account string, rec KeyRecord) error {
	entries, err := f.read()
	if err != nil {
		return err
	}
	entries[account] = fileEntry{rec: rec}
	return f.write(entries)
}

func (f FileKeys) Remove(account string) error {
	entries, err := f.read()
	if err != nil {
		return err
	}
	if _, ok := entries[account]; !ok {
		return nil
	}
	delete(entries, account)
	return f.write(entries)
}
