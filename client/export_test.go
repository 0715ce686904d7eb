package client

// Test-only access to the unexported hooks, for the client_test package.
var (
	WithBackoffForTest = withBackoff
	WithSleepForTest   = withSleep
)

// MaxBodyElementsForTest is the bound on a success body's array elements.
const MaxBodyElementsForTest = successBodyElements
