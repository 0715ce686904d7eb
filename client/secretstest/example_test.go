package secretstest_test

import (
	"context"
	"fmt"

	"github.com/xisecrets/xisecrets/client"
	"github.com/xisecrets/xisecrets/client/secretstest"
)

// rotate is the code under test: it replaces a secret's value.
func rotate(ctx context.Context, c *client.Client, id, name, value string) error {
	_, err := c.Secrets.Update(ctx, id, name, value)
	return err
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

	c, err := client.New(client.WithBaseURL(fake.URL()), client.WithAPIKey(fake.APIKey()))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	s, err := c.Secrets.Create(ctx, "db-password", "old")
	if err != nil {
		panic(err)
	}

	if err := rotate(ctx, c, s.ID, "db-password", "new"); err != nil {
		fmt.Println(err)
	}
	fmt.Println("rotated:", fake.ValueIs(s.ID, "new"))
	fmt.Println("secrets:", fake.Len())
	// Output:
	// rotated: true
	// secrets: 1
}
