package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// maxApplyFileBytes bounds an apply file: far more than any workspace's
// secrets, far less than a mistaken log file.
const maxApplyFileBytes = 8 << 20

func applyCommand() command {
	return command{name: "apply", summary: "Create or update one secret per NAME=value line of a dotenv file; values are never printed.",
		flags: func(fs *flag.FlagSet) action {
			file := fs.String("file", "", "dotenv file of NAME=value lines, or - for stdin (required); values are taken byte for byte, $VAR is not expanded")
			dryRun := fs.Bool("dry-run", false, "list the secrets once and print the plan; change nothing")
			createOnly := fs.Bool("create-only", false, "create the names that do not exist and skip the others")
			asJSON := jsonFlag(fs, "print JSON lines, one name per line")
			return func(ctx context.Context, e env, c *client.Client, _ []string) error {
				entries, err := readApplyFile(ctx, e, *file)
				if err != nil {
					return err
				}
				// One listing pass: every name is looked up in it, so a
				// file of any length costs one listing, not one per name.
				ix, err := c.Secrets.IndexByName(ctx, client.ListOptions{PageSize: 100})
				if err != nil {
					return err
				}
				a := applier{c: c, ix: ix, dryRun: *dryRun, createOnly: *createOnly}
				out := newPrinter(e.stdout, *asJSON, "NAME", "ACTION", "ID")
				failed, done := 0, 0
				var shared []string // names that several secrets bear
				for _, en := range entries {
					if ctx.Err() != nil {
						break
					}
					r := a.apply(ctx, en)
					out.row(r.json(), r.name, r.action, cellOr(r.id, "-"))
					if r.err != nil {
						failed++
						if errors.Is(r.err, client.ErrDuplicateName) {
							shared = append(shared, en.name)
						}
						fmt.Fprintln(e.stderr, textsafe.EscapeHidden(fmt.Sprintf("xisecrets: apply %s (line %d): %s", en.name, en.line, trimPrefix(r.err))))
					}
					done++
				}
				if err := out.flush(); err != nil {
					return err
				}
				switch {
				case done < len(entries):
					return fmt.Errorf("apply: interrupted: %d of %d names not attempted, %d failed; run it again to converge", len(entries)-done, len(entries), failed)
				case failed > 0:
					return applyFailed(failed, len(entries), shared, *dryRun)
				}
				return nil
			}
		}}
}

// applyFailed is apply's closing error when names failed. It claims only
// what happened (a dry run changed nothing; if every name failed, there
// are no others that were applied) and gives the remedy: another run
// converges, except for a name that several secrets share, which fails
// every run until the extras are gone.
func applyFailed(failed, total int, shared []string, dryRun bool) error {
	var msg, remedy string
	switch {
	case dryRun:
		msg = fmt.Sprintf("apply --dry-run: %d of %d names would fail; nothing was changed", failed, total)
	case failed == total:
		msg = fmt.Sprintf("apply: %d of %d names failed", failed, total)
		remedy = "run it again to converge"
	default:
		msg = fmt.Sprintf("apply: %d of %d names failed (the others were applied)", failed, total)
		remedy = "run it again to converge"
	}
	if len(shared) > 0 {
		dup := sharedNamesRemedy(shared)
		if remedy == "" {
			remedy = dup
		} else {
			remedy += ", but first " + dup
		}
	}
	return fmt.Errorf("%s; %s", msg, remedy)
}

// sharedNamesRemedy tells how to unblock names that several secrets share.
func sharedNamesRemedy(shared []string) string {
	const maxNamed = 5
	if len(shared) == 1 {
		return fmt.Sprintf("delete by id the extra secrets named %s (xisecrets list --search %s shows them): several secrets share that name, and no run converges until then", shared[0], shared[0])
	}
	named := strings.Join(shared[:min(len(shared), maxNamed)], ", ")
	if len(shared) > maxNamed {
		named += fmt.Sprintf(" and %d more", len(shared)-maxNamed)
	}
	return fmt.Sprintf("delete by id the extra secrets named %s (xisecrets list --search NAME shows them): several secrets share each of these names, and no run converges until then", named)
}

// readApplyFile reads and checks the whole file before anything is sent:
// a bad line is a usage error naming the file and the line. The file may
// be a FIFO or <(...), read aside so that Ctrl-C ends a wait for it.
func readApplyFile(ctx context.Context, e env, path string) ([]envEntry, error) {
	if path == "" {
		return nil, usagef("--file is required: a dotenv file of NAME=value lines, or - for stdin")
	}
	shown := path
	if path == "-" {
		path, shown = "", "stdin"
	}
	data, err := readAside(ctx, func() ([]byte, error) {
		return readInput(e, path, "--file", maxApplyFileBytes+1)
	})
	if err != nil {
		return nil, err
	}
	if len(data) > maxApplyFileBytes {
		return nil, usagef("%s is over %d MiB", shown, maxApplyFileBytes>>20)
	}
	entries, err := parseDotenv(data)
	if err != nil {
		return nil, usagef("%s: %v; nothing was sent", shown, err)
	}
	if len(entries) == 0 {
		return nil, usagef("%s holds no NAME=value lines", shown)
	}
	return entries, nil
}

// applier applies entries against one listing.
type applier struct {
	c                  *client.Client
	ix                 *client.NameIndex
	dryRun, createOnly bool
}

// applyResult is what happened to one name: never its value.
type applyResult struct {
	name, action, id string
	err              error
}

func (r applyResult) json() map[string]any {
	m := map[string]any{"name": r.name, "action": r.action}
	if r.id != "" {
		m["secret_id"] = r.id
	}
	if r.err != nil {
		m["error"] = trimPrefix(r.err)
	}
	return m
}

// apply creates, updates or skips one name. The API returns no values, so
// an existing secret is "updated", never "unchanged": there is nothing to
// compare with.
func (a applier) apply(ctx context.Context, en envEntry) applyResult {
	r := applyResult{name: en.name}
	existing, err := a.ix.Lookup(en.name)
	var none bool
	switch {
	case errors.Is(err, client.ErrNoSuchName):
		none = true
	case err != nil: // several secrets of this name: the index refuses to guess
		r.action, r.err = "failed", err
		return r
	}
	r.id = existing.ID
	var sec client.Secret
	switch {
	case none && a.dryRun:
		r.action = "would create"
		return r
	case none:
		r.action = "created"
		sec, err = a.c.Secrets.Create(ctx, en.name, en.value)
	case a.createOnly && a.dryRun:
		r.action = "would skip"
		return r
	case a.createOnly:
		r.action = "skipped"
		return r
	case a.dryRun:
		r.action = "would update"
		return r
	default:
		r.action = "updated"
		sec, err = a.c.Secrets.Update(ctx, existing.ID, en.name, en.value)
	}
	if err != nil {
		r.action, r.err = "failed", err
		return r
	}
	r.id = sec.ID
	return r
}

func cellOr(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}

// trimPrefix drops the library's "xisecrets: " from an error shown inside
// one of our own lines.
func trimPrefix(err error) string { return strings.TrimPrefix(err.Error(), "xisecrets: ") }
