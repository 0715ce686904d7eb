package client

import (
	"github.com/xisecrets/xisecrets/client/internal/transport"
	"github.com/xisecrets/xisecrets/internal/operations"
)

// routes are the operations the transport lets the key go to, with the
// retry class each declares (internal/operations: one row per operation
// of the spec, checked against it).
var routes = routesOf(operations.All)

func routesOf(ops []operations.Operation) []transport.Route {
	out := make([]transport.Route, len(ops))
	for i, op := range ops {
		out[i] = transport.Route{Method: op.Method, Template: operations.Template(op.Path), Repeatable: op.Retry == operations.Repeatable}
	}
	return out
}
