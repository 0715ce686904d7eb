package transport

import "testing"

// The value of a body cut inside it (the transport stopped reading, or the
// body is over keptBodyLimit) is decoded as far as it goes.
func TestCutValueDecodesAsFarAsItGoes(t *testing.T) {
	for in, want := range map[string]string{
		`{"type":"new","name":"N","value":"abcdef`:          "abcdef",
		`{"type":"new","name":"N","value":"abc\u00`:         "abc",
		`{"type":"new","name":"N","value":"abc\u0041\`:      "abcA",
		`{"type":"new","name":"N","value":"abc\\`:           `abc\`,
		`{"type":"new","name":"N","value" : "a\"b\n","x":}`: "a\"b\n",
		`{"type":"new","name":"N","val`:                     "",
		`{"type":"new","name":"N","value":12`:               "",
		`{"type":"new","name":"value","value":"abcdef`:      "abcdef", // a name of "value" is not the key
		`{"name":"x\"value","value":"abcdef`:                "abcdef",
	} {
		if got := cutValue([]byte(in)); got != want {
			t.Errorf("cutValue(%q) = %q, want %q", in, got, want)
		}
	}
}
