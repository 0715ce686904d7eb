package commands

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/dotenv"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/hint"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
	"github.com/xisecrets/xisecrets/internal/textsafe"
)

// applyOptions are apply's flags.
type applyOptions struct {
	file                                  string
	check, dryRun, createOnly, prune, yes bool
	asJSON                                *bool
	env                                   envFlag // apply --env: applyenv.go
	parallel                              parallelFlag
}

func applyCommand() cli.Command {
	o := &applyOptions{}
	return cli.Command{Name: "apply", Summary: "Create or update one secret per NAME=value line of a dotenv file (--prune: delete the others); values are never printed.",
		OfflineWhen: func() bool { return o.check },
		Examples:    []string{`xisecrets apply --file secrets.env --check      # the file only: no key, nothing sent`, `xisecrets apply --file secrets.env --dry-run    # the plan`, `xisecrets apply --file secrets.env --prune --yes --parallel 4   # in CI: also delete the others`},
		Flags: func(fs *flag.FlagSet) cli.Action {
			fs.StringVar(&o.file, "file", "", "dotenv file of NAME=value lines, or - for stdin (required); CRLF and a lone CR end a line as LF does; $VAR is never expanded (a warning names the line)")
			fs.BoolVar(&o.check, "check", false, "only check the file: read no key and no configuration, send nothing; exit 0 if it is good, else 2 with every problem listed")
			fs.BoolVar(&o.dryRun, "dry-run", false, "list the secrets once and print the plan; change nothing")
			fs.BoolVar(&o.createOnly, "create-only", false, "create the names that do not exist and skip the others (not with --prune)")
			fs.BoolVar(&o.prune, "prune", false, "also delete the secrets whose names are not in the file, never one in use; asks on the terminal first, or needs --yes")
			fs.BoolVar(&o.yes, "yes", false, "with --prune: delete without asking (needed where there is no terminal, as in CI)")
			o.asJSON = jsonFlag(fs, "print JSON lines, one per name and per secret --prune deletes")
			fs.Var(&o.env, "env", "the `environment` the file is for: each NAME is held by the secret NAME (production) or NAME@ENV, "+
				"bound to the environment variable NAME in it (docs/environments.md); "+envNameRule)
			o.parallel = parallelFlag{n: defaultParallel}
			fs.Var(&o.parallel, "parallel", fmt.Sprintf("at most `N` requests in flight at once, %d to %d (default %d); output stays in the file's order, and a 429 pauses every request", 1, maxParallel, defaultParallel))
			return o.run
		}}
}

// checkFlags refuses flags that cannot go together, before anything is read.
func (o *applyOptions) checkFlags() error {
	switch {
	case o.check && (o.dryRun || o.createOnly || o.prune || o.yes || *o.asJSON || o.parallel.set):
		return cli.Usagef("--check only reads the file: it takes --file alone (global flags are accepted, and unused)")
	case o.prune && o.createOnly:
		return cli.Usagef("--prune deletes secrets that exist and --create-only promises to change none: use one or the other")
	case o.yes && !o.prune:
		return cli.Usagef("--yes confirms the deletions of --prune: it goes with --prune only")
	}
	return nil
}

// run reads and checks the whole file, then lists the secrets once, asks
// (--prune on a terminal), applies each name, and deletes the secrets the
// file does not name. Nothing is written before the file is known good
// and the deletions are confirmed.
func (o *applyOptions) run(ctx context.Context, e cli.Env, c *client.Client, _ []string) error {
	if err := o.checkFlags(); err != nil {
		return err
	}
	if o.check && o.env.value != "" {
		return cli.Usagef("--check only reads the file: it takes --file alone, not --env")
	}
	entries, err := readApplyFile(ctx, e, o.file)
	if err != nil {
		return err
	}
	if o.check {
		fmt.Fprintln(e.Stdout, textsafe.EscapeHidden(fmt.Sprintf("%s: %d names, no problems; nothing was sent", shownFile(o.file), len(entries))))
		return nil
	}
	var tty io.ReadWriteCloser
	if o.prune && !o.dryRun && !o.yes {
		// Before the listing: with no one to ask, nothing at all is sent.
		if tty, err = openTTY(e); err != nil {
			return err
		}
		defer tty.Close()
	}
	if o.env.value != "" {
		return o.runEnv(ctx, e, c, entries, tty)
	}
	// One listing pass: every name is looked up in it, so a file of any
	// length costs one listing, not one per name; --prune's secrets come
	// from the same listing.
	ix, err := c.Secrets.IndexByName(ctx, client.ListOptions{PageSize: 100})
	if err != nil {
		return err
	}
	var unnamed []client.StoredSecret
	var bound map[string][]client.Binding
	if o.prune {
		unnamed = notInFile(ix, entries)
		// A binding is a use: one listing of the variables, before any
		// write, tells which of them --prune must keep.
		if bound, err = boundSecrets(ctx, c); err != nil {
			return err
		}
	}
	if tty != nil {
		if err := confirmPrune(ctx, tty, shownFile(o.file), unbound(unnamed, bound)); err != nil {
			return err
		}
	}
	a := applier{c: c, ix: ix, dryRun: o.dryRun, createOnly: o.createOnly, written: &idSet{ids: map[string]bool{}}, bound: bound}
	out := output.NewPrinter(e.Stdout, *o.asJSON, "NAME", "STATUS", "ID")
	t := tally{names: len(entries), deletions: len(unnamed)}
	runStages(ctx, o.parallel.n, &t, func(r applyResult) applyResult { return r },
		func(r applyResult) { out.Row(r.json(), r.name, r.status, cellOr(r.id, "-")); reportFailure(e, r) },
		func(ctx context.Context, i int) applyResult { return a.apply(ctx, entries[i]) },
		func(ctx context.Context, i int) applyResult { return a.prune(ctx, unnamed[i]) })
	if err := out.Flush(); err != nil {
		return err
	}
	return t.err(o.dryRun)
}

// runStages runs a plan of t.names names, then, only once every name went
// through, its t.deletions deletions (a deletion is decided by the ids
// the names' writes answered with: applier.written), each stage on a
// pool of parallel workers that stops when a result stops the run. show
// gets each result in the plan's order; base is its applyResult, which t
// counts.
func runStages[R any](ctx context.Context, parallel int, t *tally, base func(R) applyResult, show func(R),
	name, deletion func(context.Context, int) R) {
	p := pool[R]{n: parallel, stop: func(r R) bool { return stopsTheRun(base(r).err) }}
	p.run(ctx, t.names, name, func(_ int, r R) { show(r); t.name(base(r)) })
	if t.namesDone == t.names && t.stopped == nil {
		p.run(ctx, t.deletions, deletion, func(_ int, r R) { show(r); t.deletion(base(r)) })
	}
	t.interrupted = ctx.Err() != nil
}

// reportFailure prints a result's error on a line of its own, but one
// that stops the run or an interrupt: those are said once, at the end.
func reportFailure(e cli.Env, r applyResult) {
	if r.err != nil && !stopsTheRun(r.err) && !cli.IsInterrupted(r.err) {
		fmt.Fprintln(e.Stderr, textsafe.EscapeHidden("xisecrets: "+r.where()+": "+cli.TrimPrefix(r.err)))
	}
}

// stopsTheRun tells an error after which no other request is worth
// sending: the API cannot be reached, refused the key, or rate-limits
// past the client's retries (a 429 after them, or one whose Retry-After
// is longer than the client waits): every other name would fail the
// same way. Errors about one name (a 422, a secret in use, a duplicate
// name) do not.
func stopsTheRun(err error) bool {
	return err != nil && (hint.Unreachable(err) || errors.Is(err, client.ErrUnauthorized) || errors.Is(err, client.ErrRateLimited))
}

// tally counts what a run did, for its closing message.
type tally struct {
	names, namesDone, namesFailed int
	// stopped is the first error that stopped the run (stopsTheRun);
	// namesStopped and deletionsStopped count the results it and its
	// like ended.
	stopped                               error
	namesStopped, deletionsStopped        int
	interrupted                           bool     // by a signal: some requests were cut
	shared                                []string // names that several secrets bear
	deletions, deletionsDone, deleteFails int
	inUse                                 int // not deleted: something uses them
}

func (t *tally) name(r applyResult) {
	t.namesDone++
	t.stopping(r, &t.namesStopped)
	if r.err != nil {
		t.namesFailed++
		if errors.Is(r.err, client.ErrDuplicateName) {
			t.shared = append(t.shared, r.name)
		}
	}
}

func (t *tally) deletion(r applyResult) {
	t.deletionsDone++
	t.stopping(r, &t.deletionsStopped)
	switch {
	case r.status == statusInUse:
		t.inUse++
	case r.err != nil:
		t.deleteFails++
	}
}

// stopping records a result that stops the run, counting it in *n.
func (t *tally) stopping(r applyResult, n *int) {
	if stopsTheRun(r.err) {
		*n++
		if t.stopped == nil {
			t.stopped = r.err
		}
	}
}

// err is the run's closing error, nil if everything went through.
func (t tally) err(dryRun bool) error {
	if t.stopped != nil {
		return t.stoppedErr()
	}
	if t.interrupted || t.namesDone < t.names || t.deletionsDone < t.deletions {
		msg := fmt.Sprintf("apply: interrupted: %d of %d names not attempted, %d failed", t.names-t.namesDone, t.names, t.namesFailed)
		if t.deletions > 0 {
			msg += fmt.Sprintf(", %d of %d deletions not attempted", t.deletions-t.deletionsDone, t.deletions)
		}
		return errors.New(msg + "; run it again to converge")
	}
	var parts []string
	if t.namesFailed > 0 {
		parts = append(parts, applyFailed(t.namesFailed, t.names, t.shared, dryRun))
	}
	if t.inUse > 0 {
		verb := "were not deleted"
		if dryRun {
			verb = "would not be deleted"
		}
		parts = append(parts, fmt.Sprintf("apply --prune: %d of %d secrets not in the file are in use and %s (xisecrets deps ID shows what uses one)", t.inUse, t.deletions, verb))
	}
	if t.deleteFails > 0 {
		parts = append(parts, fmt.Sprintf("apply --prune: %d of %d deletions failed; run it again to converge", t.deleteFails, t.deletions))
	}
	if len(parts) == 0 {
		return nil
	}
	return errors.New(strings.Join(parts, "; "))
}

// stoppedErr is the one message of a run that the API's state stopped:
// what was done, what failed, what was not tried, what to do, and the
// first error (wrapped, so that the hint for it names the host and what
// to check).
func (t tally) stoppedErr() error {
	why, remedy := "the API cannot be reached", "run it again once the API answers"
	switch {
	case errors.Is(t.stopped, client.ErrUnauthorized):
		why, remedy = "the API refused the key", "run it again with a key the API accepts"
	case errors.Is(t.stopped, client.ErrRateLimited):
		why, remedy = "the API rate-limits the workspace", "run it again later"
	}
	msg := fmt.Sprintf("apply stopped: %s: %d of %d names done (%d failed, %d of them on this), %d not tried",
		why, t.namesDone-t.namesFailed, t.names, t.namesFailed, t.namesStopped, t.names-t.namesDone)
	if t.deletions > 0 {
		msg += fmt.Sprintf("; of %d deletions, %d done, %d kept in use, %d failed (%d of them on this), %d not tried",
			t.deletions, t.deletionsDone-t.deleteFails-t.inUse, t.inUse, t.deleteFails, t.deletionsStopped, t.deletions-t.deletionsDone)
	}
	return stoppedError{msg: msg + "; " + remedy, cause: t.stopped}
}

// stoppedError is stoppedErr's error: the message, then the first error
// that stopped the run, without its own "xisecrets: ".
type stoppedError struct {
	msg   string
	cause error
}

func (e stoppedError) Error() string { return e.msg + ": " + cli.TrimPrefix(e.cause) }
func (e stoppedError) Unwrap() error { return e.cause }

// applyFailed is apply's closing message when names failed. It claims only
// what happened (a dry run changed nothing; if every name failed, there
// are no others that were applied) and gives the remedy: another run
// converges, except for a name that several secrets share, which fails
// every run until the extras are gone.
func applyFailed(failed, total int, shared []string, dryRun bool) string {
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
	if remedy == "" {
		return msg
	}
	return msg + "; " + remedy
}

// sharedNamesRemedy tells how to unblock names that several secrets share.
func sharedNamesRemedy(shared []string) string {
	const maxNamed = 5
	if len(shared) == 1 {
		return fmt.Sprintf("delete by id the extra secrets named %s (%s shows them): several secrets share that name, and no run converges until then", shared[0], suggest("xisecrets list --search NAME", "list", "--search", shared[0]))
	}
	named := strings.Join(shared[:min(len(shared), maxNamed)], ", ")
	if len(shared) > maxNamed {
		named += fmt.Sprintf(" and %d more", len(shared)-maxNamed)
	}
	return fmt.Sprintf("delete by id the extra secrets named %s (xisecrets list --search NAME shows them): several secrets share each of these names, and no run converges until then", named)
}

// applier applies entries against one listing.
type applier struct {
	c                  *client.Client
	ix                 *client.NameIndex
	dryRun, createOnly bool
	// written holds the ids this run created or updated (and the id each
	// update was sent to): --prune never deletes one of them.
	written *idSet
	// bound maps the ids environment variables bind to their bindings:
	// --prune never deletes one of them.
	bound map[string][]client.Binding
}

// applyResult is what happened to one name, or to one secret --prune
// deletes: never a value.
type applyResult struct {
	name, status, id string
	line             int // of the entry; 0 for a deletion
	err              error
}

// where names the result in an error line: the file's line, or the
// secret's id for a deletion.
func (r applyResult) where() string {
	if r.line == 0 {
		return fmt.Sprintf("apply --prune %s (%s)", r.name, r.id)
	}
	return fmt.Sprintf("apply %s (line %d)", r.name, r.line)
}

func (r applyResult) json() output.Applied {
	j := output.Applied{Name: r.name, Status: r.status, SecretID: r.id}
	if r.err != nil {
		j.Error = cli.TrimPrefix(r.err)
	}
	return j
}

// apply creates, updates or skips one name. The API returns no values, so
// an existing secret is "updated", never "unchanged": there is nothing to
// compare with.
func (a applier) apply(ctx context.Context, en dotenv.Entry) applyResult {
	r := applyResult{name: en.Name, line: en.Line}
	existing, err := a.ix.Lookup(en.Name)
	var none bool
	switch {
	case errors.Is(err, client.ErrNoSuchName):
		none = true
	case err != nil: // several secrets of this name: the index refuses to guess
		r.status, r.err = "failed", err
		return r
	}
	r.id = existing.ID
	var sec client.Secret
	switch {
	case none && a.dryRun:
		r.status = "would create"
		return r
	case none:
		r.status = "created"
		sec, err = a.c.Secrets.Create(ctx, en.Name, en.Value)
	case a.createOnly && a.dryRun:
		r.status = "would skip"
		return r
	case a.createOnly:
		r.status = "skipped"
		return r
	case a.dryRun:
		r.status = "would update"
		return r
	default:
		r.status = "updated"
		// Kept from --prune even if the update fails: the file names it.
		a.written.add(existing.ID)
		sec, err = a.c.Secrets.Update(ctx, existing.ID, en.Name, en.Value)
	}
	if err != nil {
		r.status, r.err = "failed", err
		return r
	}
	r.id = sec.ID
	a.written.add(sec.ID)
	return r
}

// idSet is a set of ids the pool's workers add to at once.
type idSet struct {
	mu  sync.Mutex
	ids map[string]bool
}

func (s *idSet) add(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ids[id] = true
}

func (s *idSet) has(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids[id]
}

func cellOr(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}
