package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
)

// exampleClient starts a fake API on loopback and a client for it. Real
// code calls client.New(client.WithRegion(...)) with ELEVENLABS_API_KEY set.
func exampleClient() (*client.Client, *secretstest.Server) {
	srv, err := secretstest.Start("127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	c, err := client.New(client.WithAPIKey(srv.APIKey()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	return c, srv
}

func ExampleNew() {
	// Without WithAPIKey, New reads ELEVENLABS_API_KEY.
	c, err := client.New(
		client.WithAPIKey("xi-example"),
		client.WithRegion(client.RegionEU),
		client.WithTimeout(30*time.Second),
		client.WithMaxRetries(3),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.BaseURL())
	// Output: https://api.eu.residency.elevenlabs.io
}

func ExampleParseRegion() {
	r, err := client.ParseRegion("sg")
	fmt.Println(r, r.BaseURL(), err)
	_, err = client.ParseRegion("mars")
	fmt.Println(errors.Is(err, client.ErrInvalidArgument))
	// Output:
	// sg https://api.sg.residency.elevenlabs.io <nil>
	// true
}

func ExampleSecretsService_Create() {
	c, srv := exampleClient()
	defer srv.Close()
	s, err := c.Secrets.Create(context.Background(), "OPENAI_KEY", "sk-...")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Name, s.ID != "")
	// Output: OPENAI_KEY true
}

func ExampleSecretsService_Update() {
	c, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()
	s, _ := c.Secrets.Create(ctx, "OPENAI_KEY", "sk-old")
	s, err := c.Secrets.Update(ctx, s.ID, "OPENAI_KEY", "sk-new")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Name, srv.ValueIs(s.ID, "sk-new"))
	// Output: OPENAI_KEY true
}

func ExampleSecretsService_Get() {
	c, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()
	s, _ := c.Secrets.Create(ctx, "OPENAI_KEY", "sk-...")
	_ = srv.MarkInUse(s.ID, "tools", "web search")
	got, err := c.Secrets.Get(ctx, s.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Name, got.UsedBy.InUse(), got.UsedBy.Tools[0].Name)
	// Output: OPENAI_KEY true web search
}

func ExampleSecretsService_Delete() {
	c, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()
	s, _ := c.Secrets.Create(ctx, "OPENAI_KEY", "sk-...")
	_ = srv.MarkInUse(s.ID, "agents", "support agent")

	err := c.Secrets.Delete(ctx, s.ID)
	fmt.Println(errors.Is(err, client.ErrSecretInUse))
	for d, err := range c.Secrets.Dependencies(ctx, s.ID, client.DependencyAgents) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("used by", d.Name)
	}
	// Output:
	// true
	// used by support agent
}

func ExampleSecretsService_List() {
	c, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()
	for _, name := range []string{"OPENAI_KEY", "OPENAI_ORG", "STRIPE_KEY"} {
		_, _ = c.Secrets.Create(ctx, name, "v")
	}
	for s, err := range c.Secrets.List(ctx, client.ListOptions{Search: "OPENAI_", PageSize: 1}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.Name)
	}
	// Output:
	// OPENAI_KEY
	// OPENAI_ORG
}

func ExampleSecretsService_Dependencies() {
	c, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()
	s, _ := c.Secrets.Create(ctx, "TWILIO_TOKEN", "v")
	_ = srv.MarkInUse(s.ID, "tools", "send sms")
	_ = srv.MarkInUse(s.ID, "tools", "call back")
	for d, err := range c.Secrets.Dependencies(ctx, s.ID, client.DependencyTools) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(d.Kind, d.Name)
	}
	// Output:
	// tools send sms
	// tools call back
}

func ExampleWithResponseInto() {
	c, srv := exampleClient()
	defer srv.Close()
	var resp client.Response
	_, err := c.Secrets.Create(context.Background(), "OPENAI_KEY", "sk-...", client.WithResponseInto(&resp))
	if err != nil {
		log.Fatal(err)
	}
	limit, _ := resp.MaximumConcurrentRequests()
	fmt.Println(resp.StatusCode, resp.RequestID() != "", limit > 0)
	// Output: 200 true true
}

func ExampleAPIError() {
	c, srv := exampleClient()
	defer srv.Close()
	_, err := c.Secrets.Get(context.Background(), "no-such-secret")
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, errors.Is(err, client.ErrNotFound), apiErr.RequestID != "")
	}
	// Output: 404 true true
}

func ExampleClient_Raw() {
	c, srv := exampleClient()
	defer srv.Close()
	// The generated client shares the key, host, retries and User-Agent.
	resp, err := c.Raw().SecretsListWithResponse(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode(), len(resp.JSON200.Secrets))
	// Output: 200 0
}

func ExampleSecretsService_IndexByName() {
	c, srv := exampleClient()
	defer srv.Close()
	ctx := context.Background()
	for _, name := range []string{"OPENAI_KEY", "STRIPE_KEY"} {
		_, _ = c.Secrets.Create(ctx, name, "v")
	}
	// One listing for many names, instead of one FindByName each.
	ix, err := c.Secrets.IndexByName(ctx, client.ListOptions{})
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"OPENAI_KEY", "STRIPE_KEY", "TWILIO_TOKEN"} {
		s, err := ix.Lookup(name)
		switch {
		case errors.Is(err, client.ErrNoSuchName):
			fmt.Println(name, "missing")
		case err != nil:
			log.Fatal(err)
		default:
			fmt.Println(name, s.ID != "")
		}
	}
	// Output:
	// OPENAI_KEY true
	// STRIPE_KEY true
	// TWILIO_TOKEN missing
}
