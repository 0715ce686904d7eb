package client

import (
	"context"
	"errors"
	"iter"
)

// Bind makes the variable labelled label bind environment to the
// workspace secret secretID, the common job: a variable of the label that
// does not exist is created, of type secret, when environment is
// EnvironmentProduction (created then says so), and refused with
// ErrNoProductionValue otherwise; one that exists gets that environment
// set, and no request at all when it already binds that secret. Bind is
// idempotent: a rerun after an ambiguous create (or a create that lost a
// race, ErrDuplicateLabel) finds the label and adopts it.
func (s *EnvironmentVariablesService) Bind(ctx context.Context, label, environment, secretID string, opts ...CallOption) (ev EnvironmentVariable, created bool, err error) {
	if err := errors.Join(CheckLabel(label), checkEnvironment(environment)); err != nil {
		return EnvironmentVariable{}, false, err
	}
	value := SecretValue(secretID)
	if err := checkEnvValue(environment, value); err != nil {
		return EnvironmentVariable{}, false, err
	}
	ev, err = s.GetByLabel(ctx, label, opts...)
	switch {
	case errors.Is(err, ErrNoSuchLabel) && environment == EnvironmentProduction:
		ev, err = s.Create(ctx, label, EnvironmentVariableSecret, map[string]EnvironmentValue{environment: value}, opts...)
		if !errors.Is(err, ErrDuplicateLabel) {
			return ev, err == nil, err
		}
		// Made in between (by a lost answer of ours, or by someone else):
		// adopt it, as a rerun would.
		if ev, err = s.GetByLabel(ctx, label, opts...); err != nil {
			return EnvironmentVariable{}, false, err
		}
	case errors.Is(err, ErrNoSuchLabel):
		return EnvironmentVariable{}, false, &labelError{op: "bind environment variable", label: label, is: ErrNoProductionValue,
			msg: "it does not exist, and the API creates a variable only with its production value: bind " + EnvironmentProduction + " first; nothing was changed"}
	case err != nil:
		return EnvironmentVariable{}, false, err
	}
	if ev.Type != EnvironmentVariableSecret {
		return EnvironmentVariable{}, false, &labelError{op: "bind environment variable", label: label, is: ErrInvalidArgument,
			msg: "it is of type " + typeName(ev.Type) + ", not secret: it cannot bind a secret; nothing was changed"}
	}
	if ev.Values[environment] == value {
		return ev, false, nil
	}
	ev, err = s.Update(ctx, ev.ID, map[string]EnvironmentValue{environment: value}, nil, opts...)
	return ev, false, err
}

// Unset removes one environment's value from the variable labelled
// label. It never removes EnvironmentProduction (refused before any
// request), and sends no PATCH when the environment has no value.
func (s *EnvironmentVariablesService) Unset(ctx context.Context, label, environment string, opts ...CallOption) (EnvironmentVariable, error) {
	if err := errors.Join(CheckLabel(label), checkEnvironment(environment)); err != nil {
		return EnvironmentVariable{}, err
	}
	if environment == EnvironmentProduction {
		return EnvironmentVariable{}, invalidf("cannot remove the %s value: the API requires one (set another instead); nothing was sent", EnvironmentProduction)
	}
	ev, err := s.GetByLabel(ctx, label, opts...)
	if err != nil {
		return EnvironmentVariable{}, err
	}
	if _, ok := ev.Values[environment]; !ok {
		return ev, nil
	}
	return s.Update(ctx, ev.ID, nil, []string{environment}, opts...)
}

// Binding is one environment of one secret-type environment variable
// that binds a secret.
type Binding struct {
	VariableID, Label, Environment string
	// SecretID is the secret bound.
	SecretID string
}

// Bindings returns the environments in which ev binds a secret, in
// Environments' order; none unless ev is of type secret. From one
// listing of the variables it tells who binds every secret, where
// BindingsOf lists them all for one secret.
func (ev EnvironmentVariable) Bindings() []Binding {
	if ev.Type != EnvironmentVariableSecret {
		return nil
	}
	var out []Binding
	for _, env := range ev.Environments() {
		out = append(out, Binding{VariableID: ev.ID, Label: ev.Label, Environment: env, SecretID: ev.Values[env].SecretID()})
	}
	return out
}

// BindingsOf iterates over every environment of every secret-type
// environment variable that binds secretID: a binding counts as a use of
// the secret. It lists all variables of type secret, page by page.
func (s *EnvironmentVariablesService) BindingsOf(ctx context.Context, secretID string, opts ...CallOption) iter.Seq2[Binding, error] {
	if err := checkID(secretID); err != nil {
		return yieldErr[Binding](err)
	}
	return func(yield func(Binding, error) bool) {
		for ev, err := range s.List(ctx, EnvironmentVariableListOptions{Type: EnvironmentVariableSecret}, opts...) {
			if err != nil {
				yield(Binding{}, err)
				return
			}
			for _, b := range ev.Bindings() {
				if b.SecretID == secretID && !yield(b, nil) {
					return
				}
			}
		}
	}
}

// Dependents iterates over every dependent of the secret, of every kind:
// tools, agents and phone numbers (Dependencies, all pages), MCP servers
// (Get's preview: the API has no listing of them) and the environment
// variables that bind it (EnvironmentVariables.BindingsOf, one Dependent
// per environment, Kind DependencyEnvironmentVariables). Non-resource
// users (UsedBy.Others) are not resources and are left out; Get has them.
func (s *SecretsService) Dependents(ctx context.Context, id string, opts ...CallOption) iter.Seq2[Dependent, error] {
	if err := checkID(id); err != nil {
		return yieldErr[Dependent](err)
	}
	return func(yield func(Dependent, error) bool) {
		for _, kind := range []DependencyKind{DependencyTools, DependencyAgents, DependencyPhoneNumbers} {
			for d, err := range s.Dependencies(ctx, id, kind, opts...) {
				if !yield(d, err) || err != nil {
					return
				}
			}
		}
		st, err := s.Get(ctx, id, opts...)
		if err != nil {
			yield(Dependent{}, err)
			return
		}
		for _, d := range st.UsedBy.MCPServers {
			if !yield(d, nil) {
				return
			}
		}
		envs := &EnvironmentVariablesService{c: s.c}
		for b, err := range envs.BindingsOf(ctx, id, opts...) {
			d := Dependent{Kind: DependencyEnvironmentVariables, ID: b.VariableID, Name: b.Label, Environment: b.Environment, Accessible: true}
			if !yield(d, err) || err != nil {
				return
			}
		}
	}
}
