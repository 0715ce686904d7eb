// Package dotenv parses the dotenv files xisecrets apply reads: NAME=value
// lines, comments, quoting, and every problem of a file at once, named by
// line and never quoted (a malformed line may be a pasted secret).
//
// It is a leaf: it imports only the client (for its name and value rules)
// and nothing of the CLI; the apply command (package commands) uses it.
package dotenv
