package client_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/gen"
)

// Each type's values go out and come back as the same typed values.
func TestEnvironmentValuesRoundTrip(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	prod := mustCreate(t, c, "PROD_KEY", "sk-prod-value").ID
	staging := mustCreate(t, c, "STAGING_KEY", "sk-staging-value").ID
	for _, tc := range []struct {
		typ    client.EnvironmentVariableType
		values map[string]client.EnvironmentValue
	}{
		{client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": client.StringValue("https://api.example.com"), "staging": client.StringValue("https://staging.example.com")}},
		{client.EnvironmentVariableSecret, map[string]client.EnvironmentValue{"production": client.SecretValue(prod), "staging": client.SecretValue(staging)}},
		{client.EnvironmentVariableAuthConnection, map[string]client.EnvironmentValue{"production": client.AuthConnectionValue("ac_1")}},
	} {
		label := "LABEL_" + string(tc.typ)
		ev, err := c.EnvironmentVariables.Create(ctx, label, tc.typ, tc.values)
		if err != nil {
			t.Fatalf("Create %s: %v", tc.typ, err)
		}
		got, err := c.EnvironmentVariables.Get(ctx, ev.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Label != label || got.Type != tc.typ || fmt.Sprint(got.Values) != fmt.Sprint(tc.values) || got.CreatedAt.IsZero() {
			t.Errorf("Get = %+v, want label %s type %s values %v", got, label, tc.typ, tc.values)
		}
		for env, v := range tc.values {
			if got.Values[env] != v {
				t.Errorf("%s: values[%s] = %v, want %v", tc.typ, env, got.Values[env], v)
			}
		}
		if inspected, ok := srv.EnvironmentVariable(label); !ok || inspected.ID != ev.ID || len(inspected.Values) != len(tc.values) {
			t.Errorf("the fake holds %+v, %v", inspected, ok)
		}
	}
	if got := client.StringValue("https://x").Text(); got != "https://x" {
		t.Errorf("Text = %q", got)
	}
	if v := client.SecretValue("sec_1"); v.Text() != "" || v.AuthConnectionID() != "" || v.SecretID() != "sec_1" {
		t.Errorf("accessors of another type must be empty: %q %q %q", v.Text(), v.AuthConnectionID(), v.SecretID())
	}
}

// Raw().EnvironmentVariablesCreate sends the union body built with gen's
// From method: the label, type and values reach the fake, which creates
// the variable (gen's body type once lost the union's MarshalJSON and
// sent "{}").
func TestRawEnvironmentVariablesCreateSendsTheBody(t *testing.T) {
	srv, c, _ := fake(t)
	sec := mustCreate(t, c, "RAW_KEY", "sk-raw-value").ID
	var body gen.EnvironmentVariablesCreateJSONRequestBody
	if err := body.FromCreateSecretEnvironmentVariableRequest(gen.CreateSecretEnvironmentVariableRequest{
		Type:   gen.CreateSecretEnvironmentVariableRequestTypeSecret,
		Label:  "RAW_DB",
		Values: map[string]gen.EnvironmentVariableSecretValueRequest{"production": {SecretID: sec}},
	}); err != nil {
		t.Fatal(err)
	}
	resp, err := c.Raw().EnvironmentVariablesCreateWithResponse(context.Background(), body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.JSON200 == nil {
		t.Fatalf("create: %d %s", resp.StatusCode(), resp.Body)
	}
	ev, ok := srv.EnvironmentVariable("RAW_DB")
	if !ok || ev.ID != resp.JSON200.ID || ev.Type != client.EnvironmentVariableSecret || len(ev.Values) != 1 || ev.Values["production"].SecretID() != sec {
		t.Errorf("the fake holds %+v, %v; want RAW_DB, a secret variable of production %s", ev, ok, sec)
	}
}

// Printing a value shows its type and id, never a string value's text.
func TestEnvironmentValueFormat(t *testing.T) {
	for _, verb := range []string{"%v", "%s", "%+v", "%#v", "%q"} {
		if got := fmt.Sprintf(verb, client.StringValue("https://user:pw@host")); strings.Contains(got, "pw") || got != "string(20 bytes)" {
			t.Errorf("%s of a string value = %q", verb, got)
		}
		if got := fmt.Sprintf(verb, client.SecretValue("sec_1")); got != "secret:sec_1" {
			t.Errorf("%s of a secret value = %q", verb, got)
		}
	}
	ev := client.EnvironmentVariable{Values: map[string]client.EnvironmentValue{"staging": {}, "production": {}, "dev": {}}}
	if got := strings.Join(ev.Environments(), ","); got != "production,dev,staging" {
		t.Errorf("Environments = %s", got)
	}
}

// Bad input is refused before anything is sent.
func TestEnvironmentVariablesRefuseBeforeSending(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	e := c.EnvironmentVariables
	str := client.StringValue
	cases := map[string]func() error{
		"no production": func() error {
			_, err := e.Create(ctx, "L", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"staging": str("x")})
			return err
		},
		"mixed types": func() error {
			_, err := e.Create(ctx, "L", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": str("x"), "staging": client.SecretValue("sec_1")})
			return err
		},
		"zero value": func() error {
			_, err := e.Create(ctx, "L", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": {}})
			return err
		},
		"empty environment": func() error {
			_, err := e.Create(ctx, "L", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": str("x"), "": str("y")})
			return err
		},
		"empty label": func() error {
			_, err := e.Create(ctx, "", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": str("x")})
			return err
		},
		"label with a space": func() error {
			_, err := e.Create(ctx, "A B", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": str("x")})
			return err
		},
		"unknown type": func() error {
			_, err := e.Create(ctx, "L", "number", map[string]client.EnvironmentValue{"production": str("x")})
			return err
		},
		"remove production": func() error {
			_, err := e.Update(ctx, "envvar_1", nil, []string{"production"})
			return err
		},
		"set and remove": func() error {
			_, err := e.Update(ctx, "envvar_1", map[string]client.EnvironmentValue{"staging": str("x")}, []string{"staging"})
			return err
		},
		"nothing to update": func() error {
			_, err := e.Update(ctx, "envvar_1", nil, nil)
			return err
		},
		"update with an unsafe id": func() error {
			_, err := e.Update(ctx, "..", nil, []string{"staging"})
			return err
		},
		"unset production": func() error {
			_, err := e.Unset(ctx, "L", "production")
			return err
		},
		"bind an empty secret id": func() error {
			_, _, err := e.Bind(ctx, "L", "production", "")
			return err
		},
		"list page size": func() error {
			_, err := collect(t, e.List(ctx, client.EnvironmentVariableListOptions{PageSize: 101}))
			return err
		},
		"bindings of an empty id": func() error {
			_, err := collect(t, e.BindingsOf(ctx, ""))
			return err
		},
	}
	for name, f := range cases {
		if err := f(); !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// A second create of a label is a typed error; GetByLabel finds the first.
func TestEnvironmentVariableDuplicateLabel(t *testing.T) {
	_, c, _ := fake(t)
	ctx := context.Background()
	values := map[string]client.EnvironmentValue{"production": client.StringValue("https://a")}
	first, err := c.EnvironmentVariables.Create(ctx, "API_URL", client.EnvironmentVariableString, values)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.EnvironmentVariables.Create(ctx, "API_URL", client.EnvironmentVariableString, values)
	var dup *client.DuplicateLabelError
	if !errors.Is(err, client.ErrDuplicateLabel) || !errors.As(err, &dup) || dup.Label != "API_URL" || dup.Err.StatusCode != 409 {
		t.Fatalf("second Create: err = %v, want a *DuplicateLabelError of 409", err)
	}
	got, err := c.EnvironmentVariables.GetByLabel(ctx, "API_URL")
	if err != nil || got.ID != first.ID {
		t.Errorf("GetByLabel = %v, %v; want %s", got.ID, err, first.ID)
	}
	if _, err := c.EnvironmentVariables.GetByLabel(ctx, "API"); !errors.Is(err, client.ErrNoSuchLabel) || !errors.Is(err, client.ErrNotFound) {
		t.Errorf("GetByLabel of a prefix: err = %v, want ErrNoSuchLabel", err)
	}
}

// Create is sent once when the server may have acted; the reads and the
// merge PATCH are retried. A rerun of Bind after the lost create adopts
// the variable and sends nothing but its lookup.
func TestEnvironmentVariablesRetryClasses(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	sec := mustCreate(t, c, "KEY", "sk-retry-value").ID
	srv.Inject(secretstest.Fault{Method: "POST", Path: "/v1/convai/environment-variables", Drop: secretstest.DropAfterApply})
	if _, _, err := c.EnvironmentVariables.Bind(ctx, "KEY", "production", sec); err == nil {
		t.Fatal("Bind succeeded through a dropped create")
	}
	if n := countPath(srv, "POST", "/v1/convai/environment-variables"); n != 1 {
		t.Errorf("create sent %d times, want 1 (not retried)", n)
	}
	ev, created, err := c.EnvironmentVariables.Bind(ctx, "KEY", "production", sec)
	if err != nil || created || ev.Values["production"].SecretID() != sec {
		t.Fatalf("rerun Bind = %+v, created %v, %v; want the variable adopted", ev, created, err)
	}
	if n := countPath(srv, "POST", "/v1/convai/environment-variables"); n != 1 {
		t.Errorf("the rerun sent a create")
	}
	if n := count(srv, "PATCH"); n != 0 {
		t.Errorf("the rerun sent %d PATCH, want none: it already binds", n)
	}
	for _, f := range []secretstest.Fault{{Method: "GET", Status: 503}, {Method: "PATCH", Drop: secretstest.DropAfterApply}} {
		srv.Inject(f)
	}
	staging := mustCreate(t, c, "KEY_STAGING", "sk-staging-retry").ID
	before := count(srv, "GET")
	if _, _, err := c.EnvironmentVariables.Bind(ctx, "KEY", "staging", staging); err != nil {
		t.Fatalf("Bind staging through a 503 and a dropped PATCH: %v", err)
	}
	if got := count(srv, "GET") - before; got != 2 {
		t.Errorf("GET sent %d times, want 2", got)
	}
	if got := count(srv, "PATCH"); got != 2 {
		t.Errorf("PATCH sent %d times, want 2 (retried)", got)
	}
	if ev, _ := srv.EnvironmentVariable("KEY"); ev.Values["staging"].SecretID() != staging || ev.Values["production"].SecretID() != sec {
		t.Errorf("the fake holds %v", ev.Values)
	}
}

func countPath(srv *secretstest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// Bind creates with production, refuses another environment first, sets
// one environment without touching the others, and is idempotent. Unset
// removes one environment.
func TestBindAndUnset(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	e := c.EnvironmentVariables
	prod := mustCreate(t, c, "DB", "pw-prod-value").ID
	staging := mustCreate(t, c, "DB_STAGING", "pw-staging-value").ID
	if _, _, err := e.Bind(ctx, "DB", "staging", staging); !errors.Is(err, client.ErrNoProductionValue) || !strings.Contains(err.Error(), "bind production first") {
		t.Fatalf("Bind staging first: err = %v, want ErrNoProductionValue", err)
	}
	if count(srv, "POST") != 2 || count(srv, "PATCH") != 0 {
		t.Error("Bind of staging first sent a create or a PATCH")
	}
	ev, created, err := e.Bind(ctx, "DB", "production", prod)
	if err != nil || !created || ev.Type != client.EnvironmentVariableSecret {
		t.Fatalf("Bind production = %+v, %v, %v", ev, created, err)
	}
	if ev, created, err = e.Bind(ctx, "DB", "staging", staging); err != nil || created || len(ev.Values) != 2 {
		t.Fatalf("Bind staging = %+v, %v, %v", ev, created, err)
	}
	patches := count(srv, "PATCH")
	if _, _, err := e.Bind(ctx, "DB", "staging", staging); err != nil || count(srv, "PATCH") != patches {
		t.Errorf("a second Bind sent a PATCH (err %v)", err)
	}
	if ev, err = e.Unset(ctx, "DB", "staging"); err != nil || strings.Join(ev.Environments(), ",") != "production" {
		t.Fatalf("Unset = %v, %v", ev.Environments(), err)
	}
	if _, err = e.Unset(ctx, "DB", "staging"); err != nil || count(srv, "PATCH") != patches+1 {
		t.Errorf("a second Unset sent a PATCH (err %v)", err)
	}
	if _, _, err := e.Bind(ctx, "URL", "production", prod); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Create(ctx, "HOST", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": client.StringValue("h")}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.Bind(ctx, "HOST", "production", prod); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("Bind of a string variable: err = %v", err)
	}
}

// A bound secret is a dependent: BindingsOf and Dependents name the
// variable and environment, and the fake refuses to delete it.
func TestBindingsAndDependents(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	sec := mustCreate(t, c, "SHARED", "sk-shared-value").ID
	other := mustCreate(t, c, "OTHER", "sk-other-value").ID
	if err := srv.MarkInUse(sec, client.DependencyTools, "weather"); err != nil {
		t.Fatal(err)
	}
	if err := srv.MarkInUse(sec, client.DependencyMCPServers, "search"); err != nil {
		t.Fatal(err)
	}
	for _, b := range [][3]string{{"A", "production", sec}, {"A", "staging", sec}, {"B", "production", other}, {"B", "dev", sec}} {
		if _, _, err := c.EnvironmentVariables.Bind(ctx, b[0], b[1], b[2]); err != nil {
			t.Fatal(err)
		}
	}
	bindings, err := collect(t, c.EnvironmentVariables.BindingsOf(ctx, sec))
	if err != nil || fmt.Sprint(labels(bindings)) != "[A/production A/staging B/dev]" {
		t.Errorf("BindingsOf = %v, %v", labels(bindings), err)
	}
	for _, b := range bindings {
		if b.SecretID != sec {
			t.Errorf("BindingsOf: %s/%s has SecretID %q, want %q", b.Label, b.Environment, b.SecretID, sec)
		}
	}
	b, err := c.EnvironmentVariables.GetByLabel(ctx, "B")
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Bindings(); len(got) != 2 || got[0] != (client.Binding{VariableID: b.ID, Label: "B", Environment: "production", SecretID: other}) ||
		got[1] != (client.Binding{VariableID: b.ID, Label: "B", Environment: "dev", SecretID: sec}) {
		t.Errorf("B.Bindings() = %+v, want production then dev, each with its secret", got)
	}
	if got := (client.EnvironmentVariable{Type: client.EnvironmentVariableString, Values: map[string]client.EnvironmentValue{
		client.EnvironmentProduction: client.StringValue("https://p")}}).Bindings(); got != nil {
		t.Errorf("a string variable's Bindings() = %+v, want none", got)
	}
	deps, err := collect(t, c.Secrets.Dependents(ctx, sec))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range deps {
		got = append(got, string(d.Kind)+":"+d.Name+"/"+d.Environment)
	}
	if want := "[tools:weather/ mcp_servers:search/ environment_variables:A/production environment_variables:A/staging environment_variables:B/dev]"; fmt.Sprint(got) != want {
		t.Errorf("Dependents = %v, want %s", got, want)
	}
	err = c.Secrets.Delete(ctx, other)
	if !errors.Is(err, client.ErrSecretInUse) || !strings.Contains(err.Error(), "B (production)") {
		t.Errorf("Delete of a bound secret: err = %v, want ErrSecretInUse naming B (production)", err)
	}
}

func labels(bs []client.Binding) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Label+"/"+b.Environment)
	}
	return out
}

// List pages with the filters; the environment filter leaves only that
// environment's value.
func TestEnvironmentVariablesList(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	sec := mustCreate(t, c, "S", "sk-list-value").ID
	for i := range 5 {
		vals := map[string]client.EnvironmentValue{"production": client.StringValue(fmt.Sprint("https://", i))}
		if i%2 == 0 {
			vals["staging"] = client.StringValue("https://staging")
		}
		if _, err := c.EnvironmentVariables.Create(ctx, fmt.Sprint("URL_", i), client.EnvironmentVariableString, vals); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := c.EnvironmentVariables.Bind(ctx, "SECRET", "production", sec); err != nil {
		t.Fatal(err)
	}
	before := countPath(srv, "GET", "/v1/convai/environment-variables")
	all, err := collect(t, c.EnvironmentVariables.List(ctx, client.EnvironmentVariableListOptions{PageSize: 2}))
	if err != nil || len(all) != 6 {
		t.Fatalf("List = %d, %v; want 6", len(all), err)
	}
	if got := countPath(srv, "GET", "/v1/convai/environment-variables") - before; got != 3 {
		t.Errorf("%d pages fetched, want 3", got)
	}
	staging, err := collect(t, c.EnvironmentVariables.List(ctx, client.EnvironmentVariableListOptions{Environment: "staging"}))
	if err != nil || len(staging) != 3 {
		t.Fatalf("List staging = %d, %v", len(staging), err)
	}
	for _, ev := range staging {
		if len(ev.Values) != 1 || ev.Values["staging"].Text() == "" {
			t.Errorf("%s in the staging listing has %v", ev.Label, ev.Values)
		}
	}
	secrets, err := collect(t, c.EnvironmentVariables.List(ctx, client.EnvironmentVariableListOptions{Type: client.EnvironmentVariableSecret}))
	if err != nil || len(secrets) != 1 || secrets[0].Label != "SECRET" {
		t.Errorf("List type=secret = %v, %v", secrets, err)
	}
}

// No error of these calls carries the key, even from a server that
// echoes it, nor a string value.
func TestEnvironmentVariableErrorsLeakNothing(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	key := srv.APIKey()
	srv.Inject(secretstest.Fault{Method: "POST", Status: 400, Body: `{"detail":{"status":"invalid_parameters","message":"bad ` + key + `"}}`})
	_, err := c.EnvironmentVariables.Create(ctx, "L", client.EnvironmentVariableString, map[string]client.EnvironmentValue{"production": client.StringValue("https://h")})
	if err == nil || strings.Contains(err.Error(), key) || strings.Contains(fmt.Sprintf("%#v", err), key) {
		t.Errorf("err = %v, want an error without the key", err)
	}
	_, err = c.EnvironmentVariables.Get(ctx, "envvar_missing")
	if !errors.Is(err, client.ErrNotFound) || strings.Contains(err.Error(), key) {
		t.Errorf("Get of a missing id: %v", err)
	}
}

// The listing has the secrets listing's defenses: a server repeating its
// cursor is stopped; has_more false ends it whatever next_cursor says; a
// value not of the variable's type is an unexpected response.
func TestEnvironmentVariablesListDefenses(t *testing.T) {
	ctx := context.Background()
	item := `{"id":"envvar_1","label":"L","type":"string","values":{"production":"https://h"},"created_at_unix_secs":1,"updated_at_unix_secs":1,"workspace_id":"w"}`
	loop := newRecorder(t, 200, `{"environment_variables":[`+item+`],"has_more":true,"next_cursor":"same"}`)
	got, err := collect(t, recorderClient(t, loop).EnvironmentVariables.List(ctx, client.EnvironmentVariableListOptions{}))
	if err == nil || !strings.Contains(err.Error(), "repeated a page cursor") || len(got) != 1 {
		t.Errorf("a repeated cursor: %d items, err %v", len(got), err)
	}
	last := newRecorder(t, 200, `{"environment_variables":[`+item+`],"has_more":false,"next_cursor":"more"}`)
	if got, err := collect(t, recorderClient(t, last).EnvironmentVariables.List(ctx, client.EnvironmentVariableListOptions{})); err != nil || len(got) != 1 || len(last.requests()) != 1 {
		t.Errorf("has_more false: %d items, %d requests, err %v", len(got), len(last.requests()), err)
	}
	wrong := newRecorder(t, 200, strings.Replace(item, `"type":"string"`, `"type":"secret"`, 1))
	if _, err := recorderClient(t, wrong).EnvironmentVariables.Get(ctx, "envvar_1"); !errors.Is(err, client.ErrUnexpectedResponse) {
		t.Errorf("a string value in a secret variable: err = %v", err)
	}
	q := last.requests()[0].RequestURI
	if !strings.Contains(q, "page_size=100") {
		t.Errorf("the listing went out as %s, without the largest page size", q)
	}
}
