package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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
	return privateMode(dir, info.Mode(), "700")
}

// privateMode refuses a file or directory that other users can read or
// enter. Windows has no such mode bits: its files are private to the user
// through the profile directory's ACL.
func privateMode(path string, mode fs.FileMode, fix string) error {
	if runtime.GOOS != "windows" && mode.Perm()&0o077 != 0 {
		return fmt.Errorf("%s is open to other users (mode %#o): chmod %s %s", path, mode.Perm(), fix, path)
	}
	return nil
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

// saveConfig writes config.json, or removes it when no profile is left.
func saveConfig(dir string, cfg config) error {
	if len(cfg.Profiles) == 0 {
		return removeFile(filepath.Join(dir, configFile))
	}
	return writeJSONAtomic(dir, configFile, cfg)
}

// removeFile removes path; one already gone is no error.
func removeFile(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
