package fakespec

import (
	"strings"
	"testing"
)

const page = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /v1/things:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      required: [name]
      properties: {name: {type: string, pattern: PATTERN}}
      example: {}
`

// An example that does not match its schema is documentation, and is
// served; what the fake validates requests with (a pattern Go's regexp
// cannot compile) is refused, naming the schema.
func TestLoad(t *testing.T) {
	if _, err := Load([]byte(strings.Replace(page, "PATTERN", "'^[a-z]+$'", 1))); err != nil {
		t.Errorf("a mismatched example is refused: %v", err)
	}
	_, err := Load([]byte(strings.Replace(page, "PATTERN", "'(?<=a)b'", 1)))
	if err == nil || !strings.Contains(err.Error(), `schema "Thing"`) {
		t.Errorf("a pattern the fake cannot compile: got %v, want an error naming Thing", err)
	}
}
