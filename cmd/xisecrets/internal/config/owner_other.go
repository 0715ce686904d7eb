//go:build !unix

package config

import "io/fs"

// ownedByUser checks nothing where files have no Unix owner (Windows: the
// profile directory's ACL keeps them private).
func ownedByUser(string, fs.FileInfo) error { return nil }
