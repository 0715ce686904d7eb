package secretstest

import (
	"crypto/rand"
	"encoding/hex"
)

// randomHex returns n random bytes as lower-case hex: URL-safe, so it can be
// a path segment (secret ids) or a header value (request ids, keys).
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	return hex.EncodeToString(b)
}
