package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// decodeStrict decodes one JSON value that has no field v lacks and no
// object key given twice, in any letter case, at any level.
//
// encoding/json takes the last of two equal keys and matches a field
// case-insensitively, while jq and Python take the first: a config.json
// with base_url twice, or base_url and BASE_URL, would send the key to a
// host other than the one a person reviewing the file sees. Such a file
// is refused whole, before anything is decoded into v.
func decodeStrict(data []byte, v any) error {
	if err := refuseRepeatedKeys(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// repeatedKeyError is an object key given twice (or in two letter cases)
// in one object. It names the keys and their lines, never a value.
type repeatedKeyError struct {
	// path is the object's place in the file ("profiles.default."), then
	// the key as given the second time and as given first.
	path, key, first string
	line, firstLine  int
}

func (e *repeatedKeyError) Error() string {
	if e.key == e.first {
		return fmt.Sprintf("line %d: field %s%s is given twice (also on line %d): keep one", e.line, e.path, e.key, e.firstLine)
	}
	return fmt.Sprintf("line %d: field %s%s repeats %s%s (line %d) in another letter case, which encoding/json reads as the same field and jq or Python as another: keep one", e.line, e.path, e.key, e.path, e.first, e.firstLine)
}

// refuseRepeatedKeys walks data's tokens and fails at the first object
// key that repeats an earlier key of its object, letter case aside. A
// syntax error is left to the decoder, which words it.
func refuseRepeatedKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := keyWalk{dec: dec, data: data}
	if err := w.value(""); err != nil {
		var rk *repeatedKeyError
		if errors.As(err, &rk) {
			return err
		}
	}
	return nil
}

// keyWalk reads one JSON value token by token.
type keyWalk struct {
	dec  *json.Decoder
	data []byte
}

// value reads the value at path (its prefix, "profiles.default.").
func (w keyWalk) value(path string) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		return w.object(path)
	case json.Delim('['):
		for i := 0; w.dec.More(); i++ {
			if err := w.value(strings.TrimSuffix(path, ".") + "[" + strconv.Itoa(i) + "]."); err != nil {
				return err
			}
		}
		_, err = w.dec.Token() // ']'
	}
	return err
}

// object reads the members of an object whose '{' is read.
func (w keyWalk) object(path string) error {
	type seen struct {
		key  string
		line int
	}
	keys := map[string]seen{} // by foldKey
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		line := lineOf(w.data, clampOffset(w.data, w.dec.InputOffset()))
		if first, ok := keys[foldKey(key)]; ok {
			return &repeatedKeyError{path: path, key: key, first: first.key, line: line, firstLine: first.line}
		}
		keys[foldKey(key)] = seen{key, line}
		if err := w.value(path + key + "."); err != nil {
			return err
		}
	}
	_, err := w.dec.Token() // '}'
	return err
}

// foldKey maps every key that encoding/json would match with key (as
// bytes.EqualFold does: Unicode simple case folding, so "K", "k" and the
// Kelvin sign are one) to one string.
func foldKey(key string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, key)
}
