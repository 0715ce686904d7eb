// Package jsonpointer escapes and unescapes one reference token of a JSON
// pointer (RFC 6901), the form every error and repair of the spec
// pipeline uses to say where in a document it is: "#/paths/~1v1~1items".
package jsonpointer

import "strings"

// Escape is token as one pointer token: "~" as "~0", then "/" as "~1".
func Escape(token string) string {
	return strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
}

// Unescape undoes Escape: "~1" as "/", then "~0" as "~" (in that order, so
// "~01" is "~1", not "/").
func Unescape(token string) string {
	return strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
}
