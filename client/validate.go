package client

import "fmt"

// required returns an ErrInvalidArgument naming the field if v is empty.
// Checks run before any request, so a bad call sends nothing.
func required(field, v string) error {
	if v == "" {
		return fmt.Errorf("xisecrets: %s must not be empty: %w", field, ErrInvalidArgument)
	}
	return nil
}

// checkID validates a secret id. The generated client escapes it with
// url.PathEscape (so "/", "?", "#", "%", spaces and non-ASCII stay inside
// one path segment; we must not escape it again), but "." and ".." survive
// escaping and URL resolution would turn them into another endpoint.
func checkID(id string) error {
	if err := required("id", id); err != nil {
		return err
	}
	if id == "." || id == ".." {
		return fmt.Errorf("xisecrets: id %q is not a valid secret id: %w", id, ErrInvalidArgument)
	}
	return nil
}
