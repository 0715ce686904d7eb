package commands

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/cli"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/dotenv"
	"github.com/xisecrets/xisecrets/cmd/xisecrets/internal/output"
)

// envResult is one line of apply --env: what happened to the secret (the
// applyResult) and to the environment's value of the label.
type envResult struct {
	applyResult
	label, env, binding string
}

func (r envResult) json() output.Applied {
	j := r.applyResult.json()
	j.Label, j.Environment, j.Binding = r.label, r.env, r.binding
	return j
}

// envDrop is one thing apply --env --prune removes: a label's value in
// the environment (ev set), and the secret it bound or that the naming
// rule gives the environment (secret set, when it may go).
type envDrop struct {
	label  string
	ev     *client.EnvironmentVariable
	secret *client.StoredSecret
	keep   bool // production: the API cannot remove the value
}

// runEnv is apply --env: the plan from one listing of the secrets and one
// of the environment variables, refused as a whole before any write when
// a label cannot be bound; then each name's secret (by secretNameFor) and
// its binding; then, with --prune, what the file no longer names. Both
// run on --parallel's pool, as apply's names do; byLabel, bound and the
// index are only read meanwhile.
func (o *applyOptions) runEnv(ctx context.Context, e cli.Env, c *client.Client, entries []dotenv.Entry, tty io.ReadWriter) error {
	env := o.env.value
	ix, err := c.Secrets.IndexByName(ctx, client.ListOptions{PageSize: client.MaxPageSize})
	if err != nil {
		return err
	}
	evs, err := listEnvVars(ctx, c)
	if err != nil {
		return err
	}
	byLabel := make(map[string]*client.EnvironmentVariable, len(evs))
	for i := range evs {
		byLabel[evs[i].Label] = &evs[i]
	}
	if err := refuseUnbindable(entries, byLabel, env); err != nil {
		return err
	}
	var drops []envDrop
	if o.prune {
		drops = envPrunePlan(ix, evs, entries, env)
	}
	if tty != nil {
		var gone []client.StoredSecret
		for _, d := range drops {
			if d.secret != nil {
				gone = append(gone, *d.secret)
			}
		}
		if err := confirmPrune(ctx, tty, shownFile(o.file), gone); err != nil {
			return err
		}
	}
	a := applier{c: c, ix: ix, dryRun: o.dryRun, createOnly: o.createOnly, written: &idSet{ids: map[string]bool{}}}
	out := output.NewPrinter(e.Stdout, *o.asJSON, "NAME", "STATUS", "ID", "BINDING")
	t := tally{names: len(entries), deletions: len(drops)}
	bound := bindingsBySecret(evs)
	runStages(ctx, o.parallel.n, &t, func(r envResult) applyResult { return r.applyResult },
		func(r envResult) {
			out.Row(r.json(), r.name, r.status, cellOr(r.id, "-"), cellOr(r.binding, "-"))
			reportFailure(e, r.applyResult)
		},
		func(ctx context.Context, i int) envResult {
			return a.applyEnv(ctx, entries[i], env, byLabel[entries[i].Name])
		},
		func(ctx context.Context, i int) envResult { return a.dropEnv(ctx, drops[i], env, bound) })
	if err := out.Flush(); err != nil {
		return err
	}
	return t.err(o.dryRun)
}

// refuseUnbindable refuses, before any write, a file with labels that
// cannot be bound in env: labels that do not exist, for an environment
// other than production, and labels of another type than secret.
func refuseUnbindable(entries []dotenv.Entry, byLabel map[string]*client.EnvironmentVariable, env string) error {
	var missing, wrongType []string
	for _, en := range entries {
		ev := byLabel[en.Name]
		switch {
		case ev == nil && env != client.EnvironmentProduction:
			missing = append(missing, en.Name)
		case ev != nil && ev.Type != client.EnvironmentVariableSecret:
			wrongType = append(wrongType, en.Name)
		}
	}
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, noProductionError(missing).Error())
	}
	if len(wrongType) > 0 {
		parts = append(parts, wrongTypeError(wrongType, client.EnvironmentVariableSecret).Error())
	}
	if parts == nil {
		return nil
	}
	return cli.Usagef("apply --env %s: %s", env, strings.Join(parts, "; "))
}

// applyEnv applies one name: its secret by the naming rule, as apply does,
// then its binding in env (no request when it binds that secret already).
func (a applier) applyEnv(ctx context.Context, en dotenv.Entry, env string, ev *client.EnvironmentVariable) envResult {
	named := en
	named.Name = secretNameFor(en.Name, env)
	r := envResult{applyResult: a.apply(ctx, named), label: en.Name, env: env}
	switch {
	case r.err != nil:
		return r
	case a.dryRun && ev == nil:
		r.binding = "would create"
	case a.dryRun && r.id != "" && ev.Values[env].SecretID() == r.id:
		r.binding = envUnchanged
	case a.dryRun:
		r.binding = "would set"
	default:
		_, status, err := setEnvValue(ctx, a.c, ev, en.Name, env, client.SecretValue(r.id))
		r.binding = status
		if err != nil {
			r.binding, r.err = "failed", err
		}
	}
	return r
}

// envPrunePlan is what apply --env --prune removes, from the run's two
// listings: each label bound in env that the file does not name (in
// production only reported, kept), and the secret env's naming rule gives
// it; then each secret named NAME@ENV (plain-named, for production) that
// the file does not name and no such label led to.
func envPrunePlan(ix *client.NameIndex, evs []client.EnvironmentVariable, entries []dotenv.Entry, env string) []envDrop {
	inFile := map[string]bool{}
	for _, en := range entries {
		inFile[en.Name] = true
	}
	byID := map[string]client.StoredSecret{}
	for s := range ix.All() {
		byID[s.ID] = s
	}
	var drops []envDrop
	taken := map[string]bool{} // secret ids a drop already holds
	for i := range evs {
		ev := &evs[i]
		v, ok := ev.Values[env]
		if !ok || ev.Type != client.EnvironmentVariableSecret || inFile[ev.Label] {
			continue
		}
		d := envDrop{label: ev.Label, ev: ev, keep: env == client.EnvironmentProduction}
		taken[v.SecretID()] = true // kept with production's value, or decided here
		if s, ok := byID[v.SecretID()]; ok && !d.keep && s.Name == secretNameFor(ev.Label, env) {
			d.secret = &s
		}
		drops = append(drops, d)
	}
	for s := range ix.All() {
		label, ok := ruleLabel(s.Name, env)
		if !ok || inFile[label] || taken[s.ID] {
			continue
		}
		drops = append(drops, envDrop{label: label, secret: &s})
	}
	return drops
}

// ruleLabel reverses secretNameFor for env: the NAME a secret of env's
// is named for, and whether name is one.
func ruleLabel(name, env string) (string, bool) {
	if env == client.EnvironmentProduction {
		return name, !strings.Contains(name, "@")
	}
	return strings.CutSuffix(name, "@"+env)
}

// dropEnv removes one envDrop: unsets the label's value in env, then
// deletes the secret unless another binding (bound, as listed, less the
// one just unset) or a dependent uses it.
func (a applier) dropEnv(ctx context.Context, d envDrop, env string, bound map[string][]client.Binding) envResult {
	r := envResult{applyResult: applyResult{name: d.label}, label: d.label, env: env}
	if d.secret != nil {
		r.name, r.id = d.secret.Name, d.secret.ID
	}
	switch {
	case d.keep:
		// Production cannot be removed, and its secret stays bound.
		r.status, r.binding = statusKept, statusKept
		r.id = d.ev.Values[env].SecretID()
		return r
	case d.ev != nil && a.dryRun:
		r.binding = "would unset"
	case d.ev != nil:
		if _, err := a.c.EnvironmentVariables.Update(ctx, d.ev.ID, nil, []string{env}); err != nil {
			r.status, r.binding, r.err = "failed", "failed", err
			return r
		}
		r.binding = envUnset
	}
	if d.secret == nil {
		// Bound by hand to a secret the rule does not name: not env's.
		r.status = statusKept
		return r
	}
	var others []client.Binding
	for _, b := range bound[d.secret.ID] {
		if d.ev == nil || b.VariableID != d.ev.ID || b.Environment != env { // not the value just unset
			others = append(others, b)
		}
	}
	if len(others) > 0 {
		r.status, r.err = statusInUse, fmt.Errorf("not deleted: the environment variable %s binds it", bindingsText(others))
		return r
	}
	r.applyResult = a.prune(ctx, *d.secret)
	return r
}
