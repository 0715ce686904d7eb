package secretstest

import (
	"errors"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// validationDetail is one entry of a 422 body, FastAPI style: loc starts
// with where the problem is ("body", "query", "path", "header") and goes on
// with the field.
type validationDetail struct {
	Loc  []any  `json:"loc"`
	Msg  string `json:"msg"`
	Type string `json:"type"`
}

// details flattens a kin-openapi validation error into 422 entries. Messages
// come from the errors' reasons, never their values: a value may be a
// secret.
func details(err error) []validationDetail {
	var out []validationDetail
	var walk func(err error, loc []any)
	// A type switch, not errors.As: a RequestError wraps a MultiError of
	// SchemaErrors, and each layer adds to the location.
	walk = func(err error, loc []any) {
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, inner := range e {
				walk(inner, loc)
			}
		case *openapi3filter.RequestError:
			loc = requestErrorLoc(e)
			switch {
			case e.Err == nil:
				out = append(out, validationDetail{Loc: loc, Msg: e.Reason, Type: "value_error"})
			case errors.Is(e.Err, openapi3filter.ErrInvalidRequired):
				out = append(out, validationDetail{Loc: loc, Msg: "Field required", Type: "missing"})
			default:
				walk(e.Err, loc)
			}
		case *openapi3.SchemaError:
			out = append(out, schemaDetail(e, loc))
		case *openapi3filter.ParseError:
			d := validationDetail{Loc: loc, Msg: "Input could not be parsed", Type: "parse_error"}
			if len(loc) > 0 && loc[0] == "body" {
				d.Msg, d.Type = "JSON decode error", "json_invalid" // as FastAPI says it
			}
			out = append(out, d)
		default:
			out = append(out, validationDetail{Loc: loc, Msg: "Invalid request", Type: "value_error"})
		}
	}
	walk(err, []any{})
	if len(out) == 0 {
		out = append(out, validationDetail{Loc: []any{}, Msg: "Invalid request", Type: "value_error"})
	}
	return out
}

func requestErrorLoc(e *openapi3filter.RequestError) []any {
	switch {
	case e.Parameter != nil:
		return []any{e.Parameter.In, e.Parameter.Name}
	case e.RequestBody != nil:
		return []any{"body"}
	}
	return []any{}
}

// schemaDetail names a schema failure like FastAPI (pydantic) would.
func schemaDetail(e *openapi3.SchemaError, loc []any) validationDetail {
	for _, p := range e.JSONPointer() {
		loc = append(loc, p)
	}
	d := validationDetail{Loc: loc, Msg: e.Reason, Type: "value_error"}
	switch e.SchemaField {
	case "required":
		d.Msg, d.Type = "Field required", "missing"
	case "enum":
		d.Type = "enum"
	case "minimum":
		d.Type = "greater_than_equal"
	case "maximum":
		d.Type = "less_than_equal"
	case "type":
		d.Type = "type_error"
	}
	if d.Msg == "" {
		d.Msg = "Input does not match the schema's " + e.SchemaField
	}
	return d
}
