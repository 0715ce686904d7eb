package client

import (
	"github.com/xisecrets/xisecrets/client/internal/redact"
	"github.com/xisecrets/xisecrets/client/internal/transport"
)

// Test-only access to the unexported hooks, for the client_test package.
var (
	WithBackoffForTest = withBackoff
	WithSleepForTest   = withSleep
)

// RedactForTest redacts secrets from s as the client redacts server text.
func RedactForTest(secrets []string, s string) string {
	return redact.Secrets(secrets).Redactor().Redact(s)
}

// MaxBodyElementsForTest is the bound on a success body's array elements.
const MaxBodyElementsForTest = transport.SuccessBodyElements

// UserAgentForTest is the User-Agent header every request carries.
var UserAgentForTest = userAgent
