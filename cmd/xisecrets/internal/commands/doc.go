// Package commands holds the xisecrets commands, one file each (list.go,
// get.go, create.go, update.go, set.go, delete.go, deps.go, apply.go,
// fake.go, completion.go, version.go, auth_login.go, auth_status.go,
// auth_logout.go), their table (table.go: App, Main), and what several
// share: the NAME|ID rule (resolve.go), reading a value (value.go) and
// the suggested commands (suggest.go).
//
// Dependencies point one way: commands uses the framework (package cli),
// the configuration (package config), output and dotenv; none of them
// imports commands. package main only calls Main.
package commands
