package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/xisecrets/xisecrets/client"
)

func TestLifeCycle(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()

	s := mustCreate(t, c, "OPENAI_KEY", "sk-one")
	if s.ID == "" || s.Name != "OPENAI_KEY" {
		t.Fatalf("Create = %+v", s)
	}
	if !srv.ValueIs(s.ID, "sk-one") {
		t.Error("fake did not store the created value")
	}

	got, err := c.Secrets.Get(ctx, s.ID)
	if err != nil || got.ID != s.ID || got.Name != "OPENAI_KEY" || got.UsedBy.InUse() {
		t.Fatalf("Get = %+v, %v", got, err)
	}

	u, err := c.Secrets.Update(ctx, s.ID, "OPENAI_KEY_2", "sk-two")
	if err != nil || u.ID != s.ID || u.Name != "OPENAI_KEY_2" {
		t.Fatalf("Update = %+v, %v", u, err)
	}
	if !srv.ValueIs(s.ID, "sk-two") {
		t.Error("fake did not store the updated value")
	}

	var resp client.Response
	if err := c.Secrets.Delete(ctx, s.ID, client.WithResponseInto(&resp)); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusNoContent || resp.Attempts != 1 {
		t.Errorf("Delete response = %+v", resp)
	}
	if _, err := c.Secrets.Get(ctx, s.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
}

// The facade fills the constant type field; the fake would 422 otherwise,
// but check the wire too.
func TestTypeFieldFilled(t *testing.T) {
	srv, c, _ := fake(t)
	s := mustCreate(t, c, "N", "v")
	if _, err := c.Secrets.Update(context.Background(), s.ID, "N", "w"); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{http.MethodPost: "new", http.MethodPatch: "update"}
	for _, r := range srv.Requests() {
		if w, ok := want[r.Method]; ok && r.Body["type"] != w {
			t.Errorf("%s body type = %v, want %q", r.Method, r.Body["type"], w)
		}
	}
}

func TestResponseInto(t *testing.T) {
	_, c, _ := fake(t)
	var resp client.Response
	if _, err := c.Secrets.Create(context.Background(), "N", "v", client.WithResponseInto(&resp)); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.RequestID() == "" || resp.Attempts != 1 {
		t.Errorf("resp = %+v, request id %q", resp, resp.RequestID())
	}
	if n, ok := resp.MaximumConcurrentRequests(); !ok || n <= 0 {
		t.Errorf("MaximumConcurrentRequests = %d, %v", n, ok)
	}
	if _, ok := resp.CurrentConcurrentRequests(); !ok {
		t.Error("CurrentConcurrentRequests missing")
	}

	// Filled on an API error too.
	resp = client.Response{}
	_, err := c.Secrets.Get(context.Background(), "missing", client.WithResponseInto(&resp))
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || resp.StatusCode != 404 || resp.RequestID() != apiErr.RequestID || apiErr.RequestID == "" {
		t.Errorf("resp = %+v, err = %v", resp, err)
	}
}

// An iteration fills a WithResponseInto target page by page: after the
// loop it describes the last page fetched.
func TestResponseIntoIterators(t *testing.T) {
	srv, c, _ := fake(t)
	s := mustCreate(t, c, "A", "v")
	mustCreate(t, c, "B", "v")
	var resp client.Response
	if _, err := collect(t, c.Secrets.List(context.Background(), client.ListOptions{PageSize: 1}, client.WithResponseInto(&resp))); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.RequestID() == "" || resp.Attempts != 1 {
		t.Errorf("after List: resp = %+v", resp)
	}
	if n := len(srv.Requests()); n < 4 { // two creates, then a page per secret
		t.Errorf("List with PageSize 1 over 2 secrets sent %d requests in all", n)
	}
	resp = client.Response{}
	for _, err := range c.Secrets.Dependencies(context.Background(), s.ID, client.DependencyTools, client.WithResponseInto(&resp)) {
		if err != nil {
			t.Fatal(err)
		}
	}
	if resp.StatusCode != 200 || resp.RequestID() == "" {
		t.Errorf("after Dependencies: resp = %+v", resp)
	}
}

func TestListPagesOnDemand(t *testing.T) {
	srv, c, _ := fake(t)
	for i := range 5 {
		mustCreate(t, c, fmt.Sprintf("OPENAI_%d", i), "v")
	}
	mustCreate(t, c, "OTHER", "v")

	all, err := collect(t, c.Secrets.List(context.Background(), client.ListOptions{Search: "OPENAI_", PageSize: 2}))
	if err != nil || len(all) != 5 {
		t.Fatalf("List = %d secrets, %v", len(all), err)
	}
	for i, s := range all {
		if s.Name != fmt.Sprintf("OPENAI_%d", i) {
			t.Errorf("secret %d = %q", i, s.Name)
		}
	}

	// Breaking after the first page fetches no more pages.
	before := len(srv.Requests())
	for range c.Secrets.List(context.Background(), client.ListOptions{PageSize: 2}) {
		break
	}
	if n := len(srv.Requests()) - before; n != 1 {
		t.Errorf("breaking early sent %d requests, want 1", n)
	}
	last := srv.Requests()[len(srv.Requests())-1]
	if last.RawQuery != "page_size=2" {
		t.Errorf("query = %q", last.RawQuery)
	}
}

func TestListDependencyLimitAndUsedBy(t *testing.T) {
	srv, c, _ := fake(t)
	s := mustCreate(t, c, "N", "v")
	for _, d := range [][2]string{{"tools", "tool a"}, {"tools", "tool b"}, {"agents", "agent"}, {"phone_numbers", "support line"}} {
		if err := srv.MarkInUse(s.ID, client.DependencyKind(d[0]), d[1]); err != nil {
			t.Fatal(err)
		}
	}
	all, err := collect(t, c.Secrets.List(context.Background(), client.ListOptions{DependencyLimit: 1}))
	if err != nil || len(all) != 1 {
		t.Fatalf("List = %v, %v", all, err)
	}
	u := all[0].UsedBy
	if len(u.Tools) != 1 || !u.ToolsHasMore || len(u.Agents) != 1 || len(u.PhoneNumbers) != 1 || !u.InUse() {
		t.Errorf("UsedBy = %+v", u)
	}
	got, err := c.Secrets.Get(context.Background(), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.UsedBy.Tools) != 2 || got.UsedBy.Tools[0].Kind != client.DependencyTools || got.UsedBy.Tools[0].Name == "" {
		t.Errorf("Get UsedBy.Tools = %+v", got.UsedBy.Tools)
	}
	if p := got.UsedBy.PhoneNumbers; len(p) != 1 || p[0].Name != "support line" || p[0].ID == "" || p[0].PhoneNumber == "" {
		t.Errorf("Get UsedBy.PhoneNumbers = %+v", p)
	}
}

func TestDependencies(t *testing.T) {
	srv, c, _ := fake(t)
	s := mustCreate(t, c, "N", "v")
	for i := range 3 {
		if err := srv.MarkInUse(s.ID, "tools", fmt.Sprintf("tool %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := srv.MarkInUse(s.ID, "agents", "agent"); err != nil {
		t.Fatal(err)
	}
	tools, err := collect(t, c.Secrets.Dependencies(context.Background(), s.ID, client.DependencyTools))
	if err != nil || len(tools) != 3 {
		t.Fatalf("tools = %+v, %v", tools, err)
	}
	for _, d := range tools {
		if d.Kind != client.DependencyTools || d.ID == "" || !d.Accessible {
			t.Errorf("dependent = %+v", d)
		}
	}
	agents, err := collect(t, c.Secrets.Dependencies(context.Background(), s.ID, client.DependencyAgents))
	if err != nil || len(agents) != 1 || agents[0].Name != "agent" {
		t.Errorf("agents = %+v, %v", agents, err)
	}
	phones, err := collect(t, c.Secrets.Dependencies(context.Background(), s.ID, client.DependencyPhoneNumbers))
	if err != nil || len(phones) != 0 {
		t.Errorf("phones = %+v, %v", phones, err)
	}
	n := len(srv.Requests())
	if _, err := collect(t, c.Secrets.Dependencies(context.Background(), s.ID, client.DependencyMCPServers)); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("mcp_servers: %v, want ErrInvalidArgument", err)
	}
	if _, err := collect(t, c.Secrets.Dependencies(context.Background(), "missing", client.DependencyTools)); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("unknown secret: %v, want ErrNotFound", err)
	}
	if got := len(srv.Requests()) - n; got != 1 {
		t.Errorf("sent %d requests, want 1 (the unknown secret)", got)
	}
}

func TestDeleteInUse(t *testing.T) {
	srv, c, _ := fake(t)
	s := mustCreate(t, c, "N", "v")
	if err := srv.MarkInUse(s.ID, "tools", "my tool"); err != nil {
		t.Fatal(err)
	}
	err := c.Secrets.Delete(context.Background(), s.ID)
	var apiErr *client.APIError
	if !errors.Is(err, client.ErrSecretInUse) || !errors.As(err, &apiErr) || apiErr.StatusCode != 409 || apiErr.Code != "secret_in_use" {
		t.Fatalf("Delete in use: %v", err)
	}
	if errors.Is(err, client.ErrNotFound) {
		t.Error("in-use error also matches ErrNotFound")
	}
	if srv.Len() != 1 {
		t.Error("secret was deleted")
	}
}

func TestRawSharesAuthAndUserAgent(t *testing.T) {
	srv, c, _ := fake(t)
	resp, err := c.Raw().SecretsListWithResponse(context.Background(), nil)
	if err != nil || resp.StatusCode() != 200 || resp.JSON200 == nil {
		t.Fatalf("Raw list: %v %v", resp, err)
	}
	for _, r := range srv.Requests() {
		if r.Header.Get("Xi-Api-Key") == "" {
			t.Errorf("%s %s: no key sent", r.Method, r.Path)
		}
		if ua := r.Header.Get("User-Agent"); ua != client.UserAgentForTest || !strings.HasPrefix(ua, "xisecrets-go/") {
			t.Errorf("User-Agent = %q", ua)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	srv, c, _ := fake(t)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for i := range 32 {
		wg.Go(func() {
			s, err := c.Secrets.Create(context.Background(), fmt.Sprint("S", i), "v")
			if err == nil {
				_, err = c.Secrets.Get(context.Background(), s.ID)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if srv.Len() != 32 {
		t.Errorf("Len = %d", srv.Len())
	}
}

// MCP servers are a DependencyKind end to end: the fake marks them with the
// same type, Get shows them in UsedBy, Delete refuses, and Dependencies,
// which the API offers for the other kinds only, says where to look.
func TestMCPServerKind(t *testing.T) {
	srv, c, _ := fake(t)
	ctx := context.Background()
	s := mustCreate(t, c, "N", "v")
	if err := srv.MarkInUse(s.ID, client.DependencyMCPServers, "search server"); err != nil {
		t.Fatal(err)
	}
	got, err := c.Secrets.Get(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m := got.UsedBy.MCPServers; len(m) != 1 || m[0].Kind != client.DependencyMCPServers || m[0].Name != "search server" || !got.UsedBy.InUse() {
		t.Errorf("UsedBy.MCPServers = %+v, want the server, and InUse", m)
	}
	if err := c.Secrets.Delete(ctx, s.ID); !errors.Is(err, client.ErrSecretInUse) {
		t.Errorf("Delete of a secret an MCP server uses: %v, want ErrSecretInUse", err)
	}
	for _, err := range c.Secrets.Dependencies(ctx, s.ID, client.DependencyMCPServers) {
		if !errors.Is(err, client.ErrInvalidArgument) || !strings.Contains(err.Error(), "UsedBy") {
			t.Errorf("Dependencies(mcp_servers): %v, want ErrInvalidArgument pointing at UsedBy", err)
		}
	}
}
