// Package config is where xisecrets' settings and credentials come from:
// the precedence of flags, environment and profiles (PrecedenceTable,
// Resolve), config.json and its checks, the OS keyring and the
// credentials.json fallback, each stored key bound to its configuration
// and host, the configuration directory's lock, and the global flags
// (Globals) that build the API client.
//
// Dependencies point one way: config imports package cli (Env, usage
// errors) and the client; package commands uses config, never the
// reverse.
package config
