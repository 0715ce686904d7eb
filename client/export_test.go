package client

// Test-only access to the unexported hooks, for the client_test package.
var (
	WithBackoffForTest = withBackoff
	WithSleepForTest   = withSleep
)

// RedactForTest redacts secrets from s as the client redacts server text.
func RedactForTest(secrets []string, s string) string { return redactor(secrets).matcher().apply(s) }

// MaxBodyElementsForTest is the bound on a success body's array elements.
const MaxBodyElementsForTest = successBodyElements

// UserAgentForTest is the User-Agent header every request carries.
var UserAgentForTest = userAgent
