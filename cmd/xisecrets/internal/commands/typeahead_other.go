//go:build !linux && !darwin

package commands

// flushInput discards nothing: apply --prune asks on /dev/tty, which only
// Linux and macOS are built to flush (Windows has none: --yes is needed).
func flushInput(int) error { return nil }
