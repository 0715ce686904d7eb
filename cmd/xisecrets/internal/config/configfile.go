package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// ensureConfigDir creates dir (mode 0700) if it is missing, and refuses
// one that other users can enter: it holds the profiles, and with
// --insecure-storage a key.
func ensureConfigDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating the configuration directory: %w", err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	return privateMode(dir, info, othersAny, "700")
}

// The access of other users that privateMode refuses.
const (
	// othersAny is any access: to a key (credentials.json), or to the
	// directory login is about to store one in.
	othersAny fs.FileMode = 0o077
	// othersWrite is writing, to what decides where a key is sent
	// (config.json and its directory): whoever can change a profile's
	// base_url receives the key on the next command.
	othersWrite fs.FileMode = 0o022
)

// privateMode refuses a file or directory that another user owns, or that
// other users have the access refused to (othersAny or othersWrite); fix
// is the chmod mode that mends it. Windows has no such mode bits: its
// files are private to the user through the profile directory's ACL.
func privateMode(path string, info fs.FileInfo, refused fs.FileMode, fix string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	if mode := info.Mode().Perm(); mode&refused != 0 {
		return fmt.Errorf("%s is open to other users (mode %#o): chmod %s %s", path, mode, fix, path)
	}
	return ownedByUser(path, info)
}

// readConfigFile reads config.json at path in dir. It refuses the file,
// or dir, when another user owns it or can write to it: a profile's
// base_url decides where the key goes, so whoever could change it would
// receive the key on the next command. It is checked on every read, not
// only by login, because that next command is any command.
func readConfigFile(dir, path string) ([]byte, error) {
	dirInfo, err := os.Stat(dir)
	if err != nil {
		return nil, err // a missing directory has no config.json
	}
	file, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer file.Close()
	// The file checked is the one open, not one swapped in after a check.
	info, err := file.Stat()
	if err == nil {
		err = privateMode(dir, dirInfo, othersWrite, "700")
	}
	if err == nil {
		err = privateMode(path, info, othersWrite, "600")
	}
	if err != nil {
		return nil, fmt.Errorf("%w; nothing was sent (whoever can change the profiles could send the key to their own host)", err)
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return data, nil
}

// writeJSONAtomic writes v as dir/name, mode 0600, through a temporary
// file renamed into place: a crash or a full disk leaves the old file or
// the new one, never half of one.
func writeJSONAtomic(dir, name string, v any) error {
	if err := ensureConfigDir(dir); err != nil {
		return err
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	removeStrayTemps(dir, name)
	tmp, err := os.CreateTemp(dir, "."+name+".*") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails once renamed, as it should
	_, err = tmp.Write(append(data, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Join(dir, name), err)
	}
	return nil
}

// removeStrayTemps removes the temporary files of earlier writes of
// dir/name that never reached their rename: a process killed between
// the two (kill -9, a second Ctrl-C, a power cut) leaves one, and
// credentials.json's holds keys. Every write holds the directory's Lock,
// so none is another's write in progress.
func removeStrayTemps(dir, name string) {
	entries, _ := os.ReadDir(dir) // best effort: the write goes on either way
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+name+".") && e.Type().IsRegular() {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// SaveConfig writes config.json, or removes it when no profile is left.
func SaveConfig(dir string, cfg Config) error {
	if len(cfg.Profiles) == 0 {
		return removeFile(filepath.Join(dir, ConfigFile))
	}
	return writeJSONAtomic(dir, ConfigFile, cfg)
}

// removeFile removes path; one already gone is no error.
func removeFile(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
