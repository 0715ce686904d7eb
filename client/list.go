package client

import (
	"context"
	"fmt"
	"hash/maphash"
	"iter"
	"net/http"

	"github.com/xisecrets/xisecrets/gen"
	"github.com/xisecrets/xisecrets/internal/apijson"
)

// listOp and depsOp name List's and Dependencies' calls in errors.
const (
	listOp = "list secrets"
	depsOp = "list dependencies"
)

// ListOptions filters and sizes Secrets.List.
type ListOptions struct {
	// Search keeps only secrets whose names start with this prefix.
	Search string
	// PageSize is how many secrets each request fetches (1-100); 0 is
	// MaxPageSize. Never none: without a page size the API returns every
	// matching secret in one response, which in a large workspace (some
	// 5,000 secrets) passes the 1 MiB response bound and fails.
	PageSize int
	// DependencyLimit caps the UsedBy preview per secret and kind (1-100);
	// 0 is the server's default.
	DependencyLimit int
}

// MaxPageSize is the largest page of secrets the API lists (its
// page_size maximum), and the page size of every listing this package
// makes unless ListOptions.PageSize asks for fewer: a listing never goes
// out without a page size. MaxNameBytes is derived from it.
const MaxPageSize = 100

// dependencyPageSize is the page size for Dependencies: the API maximum,
// to make as few requests as possible.
const dependencyPageSize = 100

// List iterates over the workspace's secrets, fetching pages on demand:
// breaking out of the loop stops fetching. An error is yielded once, as
// the last element. Call options apply to every page request: with
// WithResponseInto, the target describes the latest page fetched.
//
// Each secret is yielded once, by id: a secret the server lists again on
// a later page (pages are fetched at different times, and secrets created,
// deleted or renamed in between can shift them) is skipped, so that a
// caller merging the pages never counts one secret twice. A secret
// renamed between two page fetches is yielded under the name it had when
// first listed; IndexByName knows it by both.
func (s *SecretsService) List(ctx context.Context, opts ListOptions, callOpts ...CallOption) iter.Seq2[StoredSecret, error] {
	return onceByID(s.listPages(ctx, opts, callOpts), func(st StoredSecret) string { return st.ID })
}

// onceByID is items without the repeats of an id a later page listed
// again (pages are fetched at different times, and what is created or
// deleted in between shifts them).
func onceByID[T any](items iter.Seq2[T, error], id func(T) string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		seen := map[string]bool{}
		for it, err := range items {
			if err == nil && seen[id(it)] {
				continue
			}
			if err == nil {
				seen[id(it)] = true
			}
			if !yield(it, err) {
				return
			}
		}
	}
}

// listPages is List without the removal of repeated ids: every secret of
// every page, as the server sent them, for IndexByName, which must see a
// renamed secret under each name it was listed with.
func (s *SecretsService) listPages(ctx context.Context, opts ListOptions, callOpts []CallOption) iter.Seq2[StoredSecret, error] {
	if err := checkRange("PageSize", opts.PageSize, MaxPageSize); err != nil {
		return yieldErr[StoredSecret](err)
	}
	if err := checkRange("DependencyLimit", opts.DependencyLimit, 100); err != nil {
		return yieldErr[StoredSecret](err)
	}
	if opts.PageSize == 0 {
		opts.PageSize = MaxPageSize
	}
	params := gen.SecretsListParams{
		PageSize:        nonZero(opts.PageSize),
		DependencyLimit: nonZero(opts.DependencyLimit),
		Search:          nonZero(opts.Search),
	}
	return paginate(ctx, listOp, func(ctx context.Context, cursor *string) ([]StoredSecret, *string, error) {
		p := params
		p.Cursor = cursor
		var out apijson.SecretsPage
		err := call(ctx, listOp, func(ctx context.Context) (*http.Response, error) {
			return s.c.raw.SecretsList(ctx, &p)
		}, &out, s.callSecrets(""), callOpts)
		if err != nil {
			return nil, nil, err
		}
		if out.Secrets == nil { // required: read as an empty page, it would hide every secret
			return nil, nil, missingField(listOp, "the page", "secrets")
		}
		page := make([]StoredSecret, 0, len(out.Secrets))
		for _, in := range out.Secrets {
			st, err := toStoredSecret(listOp, in)
			if err != nil {
				return nil, nil, err
			}
			page = append(page, st)
		}
		return page, out.NextCursor, nil
	})
}

// Dependencies iterates over every resource of one kind (DependencyTools,
// DependencyAgents or DependencyPhoneNumbers) that uses the secret, fetching
// pages on demand. Call options apply to every page request, as for List.
func (s *SecretsService) Dependencies(ctx context.Context, id string, kind DependencyKind, callOpts ...CallOption) iter.Seq2[Dependent, error] {
	if err := checkID(id); err != nil {
		return yieldErr[Dependent](err)
	}
	rt := gen.SecretDependencyResourceType(kind)
	if !rt.Valid() {
		return yieldErr[Dependent](invalidf("dependency kind %q cannot be listed: the API lists tools, agents and phone_numbers (MCP servers are in UsedBy only)", string(kind)))
	}
	return paginate(ctx, depsOp, func(ctx context.Context, cursor *string) ([]Dependent, *string, error) {
		params := gen.SecretsGetDependenciesParams{PageSize: nonZero(dependencyPageSize), Cursor: cursor}
		var out apijson.DependentsPage
		err := call(ctx, depsOp, func(ctx context.Context) (*http.Response, error) {
			return s.c.raw.SecretsGetDependencies(ctx, id, rt, &params)
		}, &out, s.callSecrets(""), callOpts)
		if err != nil {
			return nil, nil, err
		}
		if out.Dependencies == nil {
			return nil, nil, missingField(depsOp, "the page", "dependencies")
		}
		return toDependents(out.Dependencies, kind), out.NextCursor, nil
	})
}

// maxEmptyPages is how many pages in a row may be empty yet promise more
// before paginate gives up: a server bug that would otherwise page forever.
const maxEmptyPages = 10

// Bounds on one iteration, far above what the API sends, so that a server
// that never stops paging cannot hold a caller (or an IndexByName) for
// ever or fill its memory. The API's cursors are short tokens; 10,000
// pages are a million secrets at the largest page size.
const (
	maxCursorBytes = 4 << 10
	maxPages       = 10_000
)

// paginate turns a cursor-paged fetch into an iterator. It stops when the
// cursor is absent or empty, and refuses a cursor the server already gave
// or a run of empty pages that still promise more (server bugs that would
// otherwise loop forever), a cursor over maxCursorBytes, and a page past
// maxPages. It remembers hashes of the cursors, not the cursors. Cursors
// are server text and are not quoted.
func paginate[T any](ctx context.Context, op string, fetch func(context.Context, *string) ([]T, *string, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		var cursor *string
		seed := maphash.MakeSeed() // per iteration: a server cannot aim collisions
		seen := map[uint64]bool{}
		empty := 0
		for pages := 1; ; pages++ {
			page, next, err := fetch(ctx, cursor)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range page {
				if !yield(item, nil) {
					return
				}
			}
			if next == nil || *next == "" {
				return
			}
			if len(page) == 0 {
				empty++
			} else {
				empty = 0
			}
			h := maphash.String(seed, *next)
			if err := checkNextPage(op, *next, pages, empty, seen[h]); err != nil {
				yield(zero, err)
				return
			}
			seen[h] = true
			cursor = next
		}
	}
}

// checkNextPage refuses to fetch the page after pages fetched, of which
// the last empty were empty, with the cursor next.
func checkNextPage(op, next string, pages, empty int, repeated bool) error {
	switch {
	case len(next) > maxCursorBytes:
		return &listingTooLongError{fmt.Sprintf("xisecrets: %s: the server sent a page cursor of %d bytes, over the %d KiB limit; stopped", op, len(next), maxCursorBytes>>10)}
	case pages >= maxPages:
		return &listingTooLongError{fmt.Sprintf("xisecrets: %s: the server still promised more after %d pages, the limit; stopped", op, pages)}
	case repeated:
		return fmt.Errorf("xisecrets: %s: the server repeated a page cursor; stopped", op)
	case empty >= maxEmptyPages:
		return fmt.Errorf("xisecrets: %s: the server sent %d empty pages in a row that promise more; stopped", op, empty)
	}
	return nil
}

// listingTooLongError stops an iteration past maxPages or at a cursor over
// maxCursorBytes; it matches ErrResponseTooLarge.
type listingTooLongError struct{ msg string }

// Error implements error.
func (e *listingTooLongError) Error() string { return e.msg }

// Is makes errors.Is(err, ErrResponseTooLarge) true.
func (e *listingTooLongError) Is(target error) bool { return target == ErrResponseTooLarge }

// yieldErr is an iterator of just one error: argument errors surface in
// the loop, where callers already handle errors, and nothing is sent.
func yieldErr[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

func checkRange(field string, v, maxV int) error {
	if v < 0 || v > maxV {
		return invalidf("%s %d out of range 0-%d", field, v, maxV)
	}
	return nil
}

// nonZero returns &v, or nil for the zero value (an omitted parameter).
func nonZero[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}
