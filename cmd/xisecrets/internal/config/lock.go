package config

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// LockFile is the file in the configuration directory whose OS lock
// (flock, LockFileEx) every change of config.json and credentials.json
// holds: auth login, auth logout, and the move of a key stored the old
// way. It holds nothing, and stays once made, so that every process
// locks the same file: one removed and made again would let two
// processes each lock "the" lock.
const LockFile = ".lock"

// lockWait bounds the wait for another command's lock: longer than a
// login holds it (three keyring calls of keyringTimeout at worst), short
// enough that a hung process is reported rather than waited on forever.
const lockWait = 45 * time.Second

// Lock takes the configuration directory's lock, making the
// directory (0700) if needed, and returns its release. Each
// read-modify-write of config.json or credentials.json, and the keyring
// call between, happens under it, so that two logins at once cannot
// lose a profile or pair one's key with the other's host.
func Lock(dir string) (unlock func(), err error) {
	if err := ensureConfigDir(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("locking the configuration: %w", err)
	}
	deadline := time.Now().Add(lockWait)
	for {
		locked, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		if locked {
			// Closing the file releases the lock, also when the process
			// dies holding it.
			return func() { f.Close() }, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("another xisecrets command has held the lock on %s for over %v (waiting for a keyring prompt?): try again once it is done", path, lockWait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
