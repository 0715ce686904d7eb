package jsonpointer

import "testing"

func TestEscapeAndUnescape(t *testing.T) {
	for _, tc := range []struct{ token, escaped string }{
		{"items", "items"},
		{"/v1/items/{id}", "~1v1~1items~1{id}"},
		{"a~b", "a~0b"},
		{"~1", "~01"}, // the order: "~" first, or this would read back as "/"
		{"", ""},
	} {
		if got := Escape(tc.token); got != tc.escaped {
			t.Errorf("Escape(%q) = %q, want %q", tc.token, got, tc.escaped)
		}
		if got := Unescape(tc.escaped); got != tc.token {
			t.Errorf("Unescape(%q) = %q, want %q", tc.escaped, got, tc.token)
		}
	}
}
