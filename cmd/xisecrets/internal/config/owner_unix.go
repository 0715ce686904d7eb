//go:build unix

package config

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// ownedByUser refuses a file or directory another user owns: its owner
// can change its mode back, or its content, at any time.
func ownedByUser(path string, info fs.FileInfo) error {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil // not from os.Stat: nothing to check it against
	}
	if uid := os.Geteuid(); int(st.Uid) != uid {
		return fmt.Errorf("%s is owned by another user (uid %d), who can change it: check it, then chown %d %s", path, st.Uid, uid, path)
	}
	return nil
}
