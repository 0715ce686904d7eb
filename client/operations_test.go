package client

import (
	"reflect"
	"strings"
	"testing"

	"github.com/xisecrets/xisecrets/internal/operations"
)

// Each facade method a row of internal/operations names exists, and each
// exported method of a service is named by some row: a new method is
// registered against the operations it calls.
func TestOperationRowsNameTheFacade(t *testing.T) {
	named := map[string]bool{}
	for _, op := range operations.All {
		for _, f := range op.Facade {
			named[f] = true
			service, method, _ := strings.Cut(f, ".")
			field, ok := reflect.TypeFor[Client]().FieldByName(service)
			if !ok || !field.IsExported() {
				t.Errorf("internal/operations: %s names %s, but Client has no service %s", op.ID, f, service)
				continue
			}
			if _, ok := field.Type.MethodByName(method); !ok {
				t.Errorf("internal/operations: %s names %s, but %s has no method %s", op.ID, f, field.Type, method)
			}
		}
	}
	ct := reflect.TypeFor[Client]()
	for i := range ct.NumField() {
		field := ct.Field(i)
		if !field.IsExported() || field.Type.Kind() != reflect.Pointer {
			continue
		}
		for j := range field.Type.NumMethod() {
			if f := field.Name + "." + field.Type.Method(j).Name; !named[f] {
				t.Errorf("%s is named by no row of internal/operations: add it to the Facade of each operation it calls", f)
			}
		}
	}
}

// The transport's routes are the rows: each row's method and path, and its
// retry class.
func TestRoutesAreTheOperations(t *testing.T) {
	if len(routes) != len(operations.All) {
		t.Fatalf("%d routes for %d operations", len(routes), len(operations.All))
	}
	for i, op := range operations.All {
		r := routes[i]
		if r.Method != op.Method || r.Template != operations.Template(op.Path) || r.Repeatable != (op.Retry == operations.Repeatable) {
			t.Errorf("route %+v is not the row of %s", r, op.ID)
		}
	}
}
