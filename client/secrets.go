package client

import (
	"context"
	"errors"
	"net/http"

	"github.com/xisecrets/xisecrets/client/internal/redact"
	"github.com/xisecrets/xisecrets/gen"
	"github.com/xisecrets/xisecrets/internal/apijson"
)

// SecretsService groups the workspace secret operations; use Client.Secrets.
type SecretsService struct {
	c *Client
}

// Secret is what Create and Update return: the id and name, never the value
// (the API does not return values).
type Secret struct {
	ID   string
	Name string
}

// StoredSecret is a secret as Get and List see it, with who uses it.
type StoredSecret struct {
	ID     string
	Name   string
	UsedBy Usage
}

// Create stores a new workspace secret. A create is not retried after an
// ambiguous failure (a timeout, a reset, a 5xx), since the server may have
// acted: check with FindByName before creating again.
func (s *SecretsService) Create(ctx context.Context, name, value string, opts ...CallOption) (Secret, error) {
	if err := errors.Join(CheckName(name), CheckValue(value)); err != nil {
		return Secret{}, err
	}
	body := gen.SecretsCreateJSONRequestBody{Type: gen.PostWorkspaceSecretRequestTypeNew, Name: name, Value: value}
	var out gen.PostWorkspaceSecretResponseModel
	const op = "create secret"
	err := call(ctx, op, func(ctx context.Context) (*http.Response, error) {
		return s.c.raw.SecretsCreate(ctx, body)
	}, &out, s.callSecrets(value), opts)
	return toSecret(op, out, err)
}

// Update replaces a secret's name and value. PATCH here is a full
// replacement, so it is retried like GET.
func (s *SecretsService) Update(ctx context.Context, id, name, value string, opts ...CallOption) (Secret, error) {
	if err := errors.Join(checkID(id), CheckName(name), CheckValue(value)); err != nil {
		return Secret{}, err
	}
	body := gen.SecretsUpdateJSONRequestBody{Type: gen.PatchWorkspaceSecretRequestTypeUpdate, Name: name, Value: value}
	var out gen.PostWorkspaceSecretResponseModel
	const op = "update secret"
	err := call(ctx, op, func(ctx context.Context) (*http.Response, error) {
		return s.c.raw.SecretsUpdate(ctx, id, body)
	}, &out, s.callSecrets(value), opts)
	return toSecret(op, out, err)
}

// Delete removes a secret. A secret still in use fails with an error that
// matches ErrSecretInUse; Dependencies lists the users. A secret that does
// not exist fails with ErrNotFound, except on a retry after an attempt
// that may have deleted it (its answer lost, or a 5xx): the call then
// succeeds, and a WithResponseInto target says AlreadyGone.
func (s *SecretsService) Delete(ctx context.Context, id string, opts ...CallOption) error {
	if err := checkID(id); err != nil {
		return err
	}
	return call(ctx, "delete secret", func(ctx context.Context) (*http.Response, error) {
		return s.c.raw.SecretsDelete(ctx, id)
	}, nil, s.callSecrets(""), opts)
}

// Get returns one secret (never its value) and a preview of who uses it.
func (s *SecretsService) Get(ctx context.Context, id string, opts ...CallOption) (StoredSecret, error) {
	if err := checkID(id); err != nil {
		return StoredSecret{}, err
	}
	var out apijson.Secret
	err := call(ctx, "get secret", func(ctx context.Context) (*http.Response, error) {
		return s.c.raw.SecretsGet(ctx, id)
	}, &out, s.callSecrets(""), opts)
	if err != nil {
		return StoredSecret{}, err
	}
	return toStoredSecret("get secret", out)
}

// callSecrets is what to redact from a call's server text: the key plus
// the call's secret value ("" for none). A
// literal rather than an append, so that it can live on the caller's stack.
func (s *SecretsService) callSecrets(value string) redact.Secrets {
	return redact.Secrets{value, s.c.key.Reveal()}
}

func toSecret(op string, out gen.PostWorkspaceSecretResponseModel, err error) (Secret, error) {
	if err != nil {
		return Secret{}, err
	}
	if out.SecretID == "" {
		return Secret{}, missingField(op, "a secret", "secret_id")
	}
	return Secret{ID: out.SecretID, Name: out.Name}, nil
}

func toStoredSecret(op string, in apijson.Secret) (StoredSecret, error) {
	if in.SecretID == "" {
		return StoredSecret{}, missingField(op, "a secret", "secret_id")
	}
	return StoredSecret{ID: in.SecretID, Name: in.Name, UsedBy: toUsage(in.UsedBy)}, nil
}

// missingField is the error of a 2xx without a field the API requires:
// what lacks it ("a secret", "the page") and the field.
func missingField(op, what, field string) error {
	return &redact.Error{Msg: "xisecrets: " + op + ": unexpected response: " + what + " without " + field, Cause: ErrUnexpectedResponse}
}
