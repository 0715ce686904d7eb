package hint

import (
	"runtime"
	"strings"
)

// Locked reports whether a keyring's error text says it is locked:
// the Secret Service's "locked collection" and "failed to unlock"
// (go-keyring), macOS's "User interaction is not allowed" (a locked
// keychain where no dialog can show), or no answer in time (a locked
// keyring waiting on an unlock prompt nobody sees).
func Locked(text string) bool {
	t := strings.ToLower(text)
	for _, s := range []string{"locked", "unlock", "interaction is not allowed", "no answer in time"} {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// Unlock says how to unlock the OS keyring on this system.
func Unlock() string { return unlockOn(runtime.GOOS) }

func unlockOn(goos string) string {
	switch goos {
	case "darwin":
		return "unlock the login keychain (security unlock-keychain login.keychain-db), or use --insecure-storage"
	case "windows":
		return "sign in to Windows again (the Credential Manager opens with the session), or use --insecure-storage"
	}
	return "unlock the login keyring: log in to the desktop session, or headless run " +
		"printf %s \"$KEYRING_PASSWORD\" | gnome-keyring-daemon --unlock --components=secrets " +
		"(docs/cli.md, Headless keyring setup; secret-tool search service xisecrets then answers), or use --insecure-storage"
}
