package provider

import (
	"context"
	"errors"
	"sync"

	"github.com/xisecrets/xisecrets/client"
)

// secretCache answers a run's reads of secrets from one listing of the
// workspace (pages of 100), built the first time a read needs it, instead
// of one request per secret: refreshing N managed secrets costs N/100
// requests rather than N (BENCHMARKS.md in this directory). A write
// invalidates it, so nothing read after a write in this process is older
// than the write; what others change during a run is seen by the next run,
// as with one request per secret made a moment earlier.
type secretCache struct {
	secrets *client.SecretsService
	off     bool // every lookup is a request of its own

	mu    sync.Mutex // held while listing, so that concurrent reads share one listing
	index *client.NameIndex
	byID  map[string]client.StoredSecret
}

func newSecretCache(s *client.SecretsService, off bool) *secretCache {
	return &secretCache{secrets: s, off: off}
}

// build lists the workspace once; the caller holds mu.
func (c *secretCache) build(ctx context.Context) error {
	if c.index != nil {
		return nil
	}
	ix, err := c.secrets.IndexByName(ctx, client.ListOptions{})
	if err != nil {
		return err
	}
	c.index, c.byID = ix, map[string]client.StoredSecret{}
	for st := range ix.All() {
		c.byID[st.ID] = st
	}
	return nil
}

// Get returns the secret with this id; one that no longer exists is an
// error matching client.ErrNotFound. A secret the listing does not show
// is asked for by id before it is reported gone: it may have been created
// after the listing, and a missing resource is dropped from the state.
func (c *secretCache) Get(ctx context.Context, id string) (client.StoredSecret, error) {
	if !c.off {
		c.mu.Lock()
		err := c.build(ctx)
		st, ok := c.byID[id]
		c.mu.Unlock()
		if err != nil {
			return client.StoredSecret{}, err
		}
		if ok {
			return st, nil
		}
	}
	return c.secrets.Get(ctx, id)
}

// FindByName returns the one secret named exactly name, with
// client.FindByName's errors (ErrNoSuchName, *DuplicateNameError).
func (c *secretCache) FindByName(ctx context.Context, name string) (client.StoredSecret, error) {
	if c.off {
		return c.secrets.FindByName(ctx, name)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.build(ctx); err != nil {
		return client.StoredSecret{}, err
	}
	st, err := c.index.Lookup(name)
	if errors.Is(err, client.ErrNoSuchName) {
		// Perhaps created since the listing: the listing of that name
		// is small, and "no such secret" must be true before a create.
		return c.secrets.FindByName(ctx, name)
	}
	return st, err
}

// Invalidate forgets the listing: call it after every write.
func (c *secretCache) Invalidate() {
	c.mu.Lock()
	c.index, c.byID = nil, nil
	c.mu.Unlock()
}
