package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/xisecrets/xisecrets/client/internal/redact"
)

// ErrDuplicateName: more than one secret in the workspace has the name
// asked for. The API does not keep names unique, and picking one would
// update or report the wrong secret, so FindByName, Upsert and
// NameIndex.Lookup refuse; errors.As with *DuplicateNameError gives the ids.
var ErrDuplicateName = errors.New("xisecrets: more than one secret has this name")

// DuplicateNameError is the error FindByName, Upsert and NameIndex.Lookup
// return when several secrets share the name; it matches ErrDuplicateName.
type DuplicateNameError struct {
	Name string
	IDs  []string // in listing (creation) order
}

// Error implements error. The ids are the server's: each is shown with
// its control, bidi and invisible characters escaped (printable), and
// only the first few of many.
func (e *DuplicateNameError) Error() string {
	const maxIDs = 10
	ids := make([]string, 0, min(len(e.IDs), maxIDs)+1)
	for i, id := range e.IDs {
		if i == maxIDs {
			ids = append(ids, fmt.Sprintf("and %d more", len(e.IDs)-maxIDs))
			break
		}
		ids = append(ids, redact.Cut(redact.Printable(id), 128))
	}
	return fmt.Sprintf("xisecrets: %d secrets are named %q (%s); delete or rename all but one", len(e.IDs), e.Name, strings.Join(ids, ", "))
}

// Is makes errors.Is(err, ErrDuplicateName) true.
func (e *DuplicateNameError) Is(target error) bool { return target == ErrDuplicateName }

// ErrNoSuchName: FindByName or NameIndex.Lookup found no secret with the
// name. Such an error matches ErrNotFound too; unlike ErrNotFound alone,
// it never means a 404 from the listing itself (a wrong base URL or
// region), so it is the one "not found" that may lead to a create.
var ErrNoSuchName = errors.New("xisecrets: no secret has this name")

// noSuchNameError is Lookup's "not found": it matches ErrNoSuchName, and
// ErrNotFound like a 404 for an id does.
type noSuchNameError struct{ name string }

// Error implements error.
func (e *noSuchNameError) Error() string {
	return fmt.Sprintf("xisecrets: no secret is named %q", e.name)
}

// Is makes errors.Is(err, ErrNoSuchName) and errors.Is(err, ErrNotFound) true.
func (e *noSuchNameError) Is(target error) bool {
	return target == ErrNoSuchName || target == ErrNotFound
}

// NameIndex maps exact names to the secrets that bear them, from one
// listing. It is a snapshot: a secret created or renamed after the listing
// is not in it. Build one with Secrets.IndexByName.
type NameIndex struct {
	byName map[string][]StoredSecret
	all    []StoredSecret // in listing order
}

// IndexByName lists the workspace's secrets once (with opts' Search
// prefix and page size, if set) and indexes them by exact name. Syncing
// many names costs one listing this way, not one per name.
//
// The index counts secrets by id: a secret the listing repeats (on two
// pages) is one secret, never a duplicate name. A secret listed under two
// names (renamed between two page fetches) is found by either name, so
// that a write by its new name reaches it rather than creating a second,
// and All yields it once.
func (s *SecretsService) IndexByName(ctx context.Context, opts ListOptions, callOpts ...CallOption) (*NameIndex, error) {
	ix := &NameIndex{byName: map[string][]StoredSecret{}}
	listed := map[string]bool{}   // ids in ix.all
	named := map[[2]string]bool{} // name and id pairs in ix.byName
	for st, err := range s.listPages(ctx, opts, callOpts) {
		if err != nil {
			return nil, err
		}
		if pair := [2]string{st.Name, st.ID}; !named[pair] {
			named[pair] = true
			ix.byName[st.Name] = append(ix.byName[st.Name], st)
		}
		if !listed[st.ID] {
			listed[st.ID] = true
			ix.all = append(ix.all, st)
		}
	}
	return ix, nil
}

// All yields every secret of the listing, in listing order, each id once:
// those that share a name too, and one listed under two names (a rename
// between page fetches) under the name it was first listed with. It is
// what a sync that also deletes needs (the secrets whose names it does
// not know), from the same single listing that Lookup answers from; such
// a sync decides by id: a secret Lookup gave for a name it sets is never
// one to delete, whatever name All shows it with.
func (ix *NameIndex) All() iter.Seq[StoredSecret] { return slices.Values(ix.all) }

// Lookup returns the one secret named exactly name. None: an error
// matching ErrNoSuchName (and ErrNotFound). Several: a *DuplicateNameError.
func (ix *NameIndex) Lookup(name string) (StoredSecret, error) {
	found := ix.byName[name]
	switch len(found) {
	case 0:
		return StoredSecret{}, &noSuchNameError{name}
	case 1:
		return found[0], nil
	}
	ids := make([]string, len(found))
	for i, st := range found {
		ids[i] = st.ID
	}
	return StoredSecret{}, &DuplicateNameError{Name: name, IDs: ids}
}

// FindByName returns the secret named exactly name. The API's search is a
// prefix match ("MY_KEY" also finds "MY_KEY2"); this keeps only the exact
// name. None: an error matching ErrNoSuchName (and ErrNotFound; a 404 of
// the listing matches only ErrNotFound). Several: a *DuplicateNameError
// (matching ErrDuplicateName), never a guess.
func (s *SecretsService) FindByName(ctx context.Context, name string, opts ...CallOption) (StoredSecret, error) {
	if err := CheckName(name); err != nil {
		return StoredSecret{}, err
	}
	ix, err := s.IndexByName(ctx, ListOptions{Search: name}, opts...)
	if err != nil {
		return StoredSecret{}, err
	}
	return ix.Lookup(name)
}

// Upsert sets the value of the secret named exactly name: it updates the
// one secret with that name, or creates it when there is none, and
// reports whether it created. Several secrets with the name: a
// *DuplicateNameError and nothing written. Name and value are checked
// (CheckName, CheckValue) before anything is sent.
//
// It is not atomic: the API has no upsert, so a secret of the same name
// created by someone else between the lookup and the create makes a
// duplicate, which the next Upsert reports. A create that fails ambiguously
// (a timeout) may still have stored the secret; calling Upsert again then
// finds and updates it rather than creating a second.
func (s *SecretsService) Upsert(ctx context.Context, name, value string, opts ...CallOption) (sec Secret, created bool, err error) {
	if err := errors.Join(CheckName(name), CheckValue(value)); err != nil {
		return Secret{}, false, err
	}
	found, err := s.FindByName(ctx, name, opts...)
	switch {
	case errors.Is(err, ErrNoSuchName): // not a 404 from the listing, which must not lead to a create
		sec, err = s.Create(ctx, name, value, opts...)
		return sec, err == nil, err
	case err != nil:
		return Secret{}, false, err
	}
	sec, err = s.Update(ctx, found.ID, name, value, opts...)
	return sec, false, err
}
