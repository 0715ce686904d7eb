// Package output prints what the xisecrets commands show: aligned tables
// for people, JSON lines for scripts, every server text escaped so that it
// cannot act on the terminal (TerminalJSON, Cell), and the wording of who
// uses a secret (UsedBy, UsageSummary).
//
// It is a leaf of the CLI: it imports the client's types and
// internal/textsafe, never the framework (package cli), the configuration
// (package config) or the commands, which use it.
package output
