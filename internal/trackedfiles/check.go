// Package trackedfiles checks what the repository tracks for files that
// do not belong in it: executables (a build output committed by accident)
// and files too large to review. make lint runs it through
// internal/cmd/trackedfiles; .gitignore keeps the usual build outputs out,
// and this catches the ones it misses.
package trackedfiles

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// MaxSize is the largest file the repository may track, in bytes. The
// largest fixture, the vendor corpus in
// internal/maintainer/specmerge/testdata/corpus, is well under it (gzipped).
const MaxSize = 4 << 20

// magics are the opening bytes of executable formats, each with the name a
// problem gives it.
var magics = []struct {
	prefix []byte
	format string
}{
	{[]byte("\x7fELF"), "an ELF executable"},
	{[]byte{0xfe, 0xed, 0xfa, 0xce}, "a Mach-O executable"},
	{[]byte{0xfe, 0xed, 0xfa, 0xcf}, "a Mach-O executable"},
	{[]byte{0xce, 0xfa, 0xed, 0xfe}, "a Mach-O executable"},
	{[]byte{0xcf, 0xfa, 0xed, 0xfe}, "a Mach-O executable"},
	{[]byte{0xca, 0xfe, 0xba, 0xbe}, "a Mach-O executable"}, // universal ("fat")
	{[]byte("MZ"), "a PE (Windows) executable"},
	{[]byte("\x00asm"), "a WebAssembly module"},
}

// Check lists, one line each and naming the file, every file tracked in
// the git repository at repo (its index) that is an executable by its
// content, has the executable bit without being a script (a file starting
// with #!), or is over MaxSize. The content is read from the work tree; a
// tracked file deleted there is skipped.
func Check(repo string) ([]string, error) {
	cmd := exec.Command("git", "ls-files", "--stage", "-z")
	cmd.Dir = repo
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files in %s: %v: %s", repo, err, strings.TrimSpace(stderr.String()))
	}
	var problems []string
	for _, entry := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		if entry == "" {
			continue
		}
		// "<mode> <object> <stage>\t<path>"
		meta, path, ok := strings.Cut(entry, "\t")
		mode, _, _ := strings.Cut(meta, " ")
		if !ok {
			return nil, fmt.Errorf("git ls-files in %s: unexpected entry %q", repo, entry)
		}
		if mode != "100644" && mode != "100755" {
			continue // a symlink or a submodule: no content of its own here
		}
		problem, err := checkFile(filepath.Join(repo, filepath.FromSlash(path)), mode == "100755")
		if err != nil {
			return nil, err
		}
		if problem != "" {
			problems = append(problems, path+": "+problem)
		}
	}
	return problems, nil
}

// checkFile says what is wrong with one tracked file, or "".
func checkFile(path string, executable bool) (string, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", err
	}
	head := make([]byte, 4)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading %s: %w", path, err)
	}
	head = head[:n]
	var found []string
	for _, m := range magics {
		if bytes.HasPrefix(head, m.prefix) {
			found = append(found, m.format+" (remove it with git rm --cached; build outputs are never committed)")
			break
		}
	}
	if executable && len(found) == 0 && !bytes.HasPrefix(head, []byte("#!")) {
		found = append(found, "the executable bit is set on a file that is not a script (no #! line): git update-index --chmod=-x")
	}
	if info.Size() > MaxSize {
		found = append(found, strconv.FormatInt(info.Size(), 10)+" bytes, over the "+strconv.Itoa(MaxSize)+"-byte limit")
	}
	return strings.Join(found, "; "), nil
}
