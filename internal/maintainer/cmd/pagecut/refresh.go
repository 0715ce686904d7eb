package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/xisecrets/xisecrets/internal/maintainer/pagecut"
)

// runRefresh re-cuts every page of dir that records the operation it was cut
// from (pagecut.Source) from the vendor document in, and leaves every other
// page alone. It is all or nothing: when any page's operation is gone from
// the document it fails naming each such page and writes nothing. It
// returns the pages it changed.
func runRefresh(in, dir string) ([]string, error) {
	if in == "" {
		return nil, errors.New("-refresh needs -in, the vendor's OpenAPI document (make pages VENDOR=path/to/openapi.json)")
	}
	doc, err := parse(in)
	if err != nil {
		return nil, err
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	recut := map[string][]byte{}
	var errs []error
	for _, name := range names {
		old, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		op, ok := pagecut.Source(old)
		if !ok {
			continue
		}
		page, err := doc.Cut(op.Path, op.Method)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s was cut from %s %s, which %s no longer has", name, op.Method, op.Path, in))
			continue
		}
		if !bytes.Equal(page, old) {
			recut[name] = page
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("nothing written: %w", errors.Join(errs...))
	}
	if len(recut) == 0 {
		return nil, nil
	}
	return writeAll(recut)
}

// writeAll writes every page to a temporary file beside it first and renames
// only when all were written, so a full disk leaves api/ as it was.
func writeAll(pages map[string][]byte) ([]string, error) {
	tmp := map[string]string{}
	defer func() {
		for _, t := range tmp {
			os.Remove(t) // gone already once renamed
		}
	}()
	for name, page := range pages {
		f, err := os.CreateTemp(filepath.Dir(name), ".pagecut-*")
		if err != nil {
			return nil, err
		}
		tmp[name] = f.Name()
		_, err = f.Write(page)
		if err = errors.Join(err, f.Chmod(0o644), f.Close()); err != nil {
			return nil, err
		}
	}
	var written []string
	for name, t := range tmp {
		if err := os.Rename(t, name); err != nil {
			return written, err
		}
		written = append(written, name)
	}
	sort.Strings(written)
	return written, nil
}
