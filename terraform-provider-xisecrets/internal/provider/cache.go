package provider

import (
	"context"
	"errors"
	"sync"

	"github.com/xisecrets/xisecrets/client"
)

// secretCache answers a run's reads of secrets and environment variables
// from one listing of each (pages of 100), built the first time a read
// needs it, instead of one request per resource: refreshing N managed
// secrets costs N/100 requests rather than N (BENCHMARKS.md in this
// directory), and who binds each secret comes from the same listing of
// the environment variables rather than one listing per secret. A write
// invalidates it, so nothing read after a write in this process is older
// than the write; what others change during a run is seen by the next run,
// as with one request per resource made a moment earlier.
type secretCache struct {
	secrets *client.SecretsService
	envs    *client.EnvironmentVariablesService
	off     bool // every lookup is a request of its own

	mu    sync.Mutex // held while listing, so that concurrent reads share one listing
	index *client.NameIndex
	byID  map[string]client.StoredSecret

	envMu    sync.Mutex
	envByID  map[string]client.EnvironmentVariable // nil: not listed
	bindings map[string][]client.Binding           // by secret id
}

func newSecretCache(c *client.Client, off bool) *secretCache {
	return &secretCache{secrets: c.Secrets, envs: c.EnvironmentVariables, off: off}
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

// buildEnvs lists the environment variables once, every type and value;
// the caller holds envMu.
func (c *secretCache) buildEnvs(ctx context.Context) error {
	if c.envByID != nil {
		return nil
	}
	byID, bindings := map[string]client.EnvironmentVariable{}, map[string][]client.Binding{}
	for ev, err := range c.envs.List(ctx, client.EnvironmentVariableListOptions{}) {
		if err != nil {
			return err
		}
		byID[ev.ID] = ev
		for _, b := range ev.Bindings() {
			bindings[b.SecretID] = append(bindings[b.SecretID], b)
		}
	}
	c.envByID, c.bindings = byID, bindings
	return nil
}

// EnvironmentVariable returns the variable with this id, from the listing
// or, when the listing does not show it, by id (client.ErrNotFound if it
// is gone).
func (c *secretCache) EnvironmentVariable(ctx context.Context, id string) (client.EnvironmentVariable, error) {
	if !c.off {
		c.envMu.Lock()
		err := c.buildEnvs(ctx)
		ev, ok := c.envByID[id]
		c.envMu.Unlock()
		if err != nil {
			return client.EnvironmentVariable{}, err
		}
		if ok {
			return ev, nil
		}
	}
	return c.envs.Get(ctx, id)
}

// BindingsOf is every environment of every secret-type environment
// variable that binds the secret.
func (c *secretCache) BindingsOf(ctx context.Context, secretID string) ([]client.Binding, error) {
	if c.off {
		var out []client.Binding
		for b, err := range c.envs.BindingsOf(ctx, secretID) {
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
		return out, nil
	}
	c.envMu.Lock()
	defer c.envMu.Unlock()
	if err := c.buildEnvs(ctx); err != nil {
		return nil, err
	}
	return c.bindings[secretID], nil
}

// Invalidate forgets the listings: call it after every write.
func (c *secretCache) Invalidate() {
	c.mu.Lock()
	c.index, c.byID = nil, nil
	c.mu.Unlock()
	c.envMu.Lock()
	c.envByID, c.bindings = nil, nil
	c.envMu.Unlock()
}
