package secretstest_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/xisecrets/xisecrets/client/secretstest"
	"github.com/xisecrets/xisecrets/gen"
)

// rotate is the code under test: it replaces a secret's value.
func rotate(ctx context.Context, c *gen.ClientWithResponses, id, name, value string) error {
	r, err := c.SecretsUpdateWithResponse(ctx, id, gen.PatchWorkspaceSecretRequest{Type: gen.Update, Name: name, Value: value})
	if err != nil {
		return err
	}
	if r.JSON200 == nil {
		return fmt.Errorf("update: %s", r.Status())
	}
	return nil
}

// A test of rotate against the fake. In a test, use NewServer(t), which
// also fails the test if the fake breaks the spec; Start keeps this example
// runnable without a testing.T.
func Example() {
	fake, err := secretstest.Start("127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer fake.Close()

	c, _ := gen.NewClientWithResponses(fake.URL(), gen.WithRequestEditorFn(
		func(_ context.Context, r *http.Request) error {
			r.Header.Set("xi-api-key", fake.APIKey())
			return nil
		}))
	ctx := context.Background()
	created, _ := c.SecretsCreateWithResponse(ctx, gen.PostWorkspaceSecretRequest{Type: gen.New, Name: "db-password", Value: "old"})
	id := created.JSON200.SecretID

	if err := rotate(ctx, c, id, "db-password", "new"); err != nil {
		fmt.Println(err)
	}
	fmt.Println("rotated:", fake.ValueIs(id, "new"))
	fmt.Println("secrets:", fake.Len())
	// Output:
	// rotated: true
	// secrets: 1
}
