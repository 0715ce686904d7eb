// Package cli is the xisecrets command framework: the command table's
// shape (Command, Action), the environment a command may touch (Env),
// dispatch (App.Run: global flags before the command, "help NAME",
// groups such as "auth login"), flag parsing and its errors worded
// without quoting a value, did-you-mean, help text, completion scripts
// for bash, zsh and fish, and the exit statuses (Report).
//
// Dependencies point one way: package commands gives App its table and
// package config its global flags (the Globals interface); cli imports
// neither, only the client and internal/textsafe. config imports cli for
// Env and usage errors.
package cli
