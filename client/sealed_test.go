package client_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/xisecrets/xisecrets/gen"
)

// Everything reachable from a Client, unexported fields and pointers
// included, as a reflection-based dumper (go-spew, a debugger's view) would
// walk it, holds no string with the key: the key lives only in sealed
// values and closures, which reflection cannot open. So no printer can show
// it, whatever it walks.
func TestNoReachableStringHoldsTheKey(t *testing.T) {
	srv, c, _ := fake(t)
	key := srv.APIKey()
	mustCreate(t, c, "N", "sk-reachable-value-0123") // warm up: connections, pools
	doer := rawDoer(c.Raw().ClientInterface)
	for name, root := range map[string]any{"client": c, "raw": c.Raw(), "doer": doer} {
		seen := map[uintptr]bool{}
		var path []string
		var walk func(v reflect.Value)
		walk = func(v reflect.Value) {
			switch v.Kind() {
			case reflect.String:
				if strings.Contains(v.String(), key) {
					t.Errorf("%s: the key is in a string at %s", name, strings.Join(path, "."))
				}
			case reflect.Pointer, reflect.Interface:
				if v.IsNil() {
					return
				}
				if v.Kind() == reflect.Pointer {
					if seen[v.Pointer()] {
						return
					}
					seen[v.Pointer()] = true
				}
				walk(v.Elem())
			case reflect.Struct:
				// Our types and the generated ones; net/http's connection
				// pools belong to live goroutines (reading them races),
				// and hold only bytes.
				if !strings.HasPrefix(v.Type().PkgPath(), "github.com/xisecrets/") {
					return
				}
				for i := range v.NumField() {
					path = append(path, v.Type().Field(i).Name)
					walk(v.Field(i))
					path = path[:len(path)-1]
				}
			case reflect.Slice, reflect.Array:
				for i := range v.Len() {
					walk(v.Index(i))
				}
			case reflect.Map:
				it := v.MapRange()
				for it.Next() {
					walk(it.Key())
					walk(it.Value())
				}
			}
		}
		walk(reflect.ValueOf(root))
	}

	// And the printers themselves, on every exported entry point to the
	// client's internals.
	var texts []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, v := range []any{c, *c, c.Secrets, *c.Secrets, c.Raw(), c.Raw().ClientInterface, doer} {
			texts = append(texts, fmt.Sprintf(verb, v))
		}
	}
	for _, h := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var b bytes.Buffer
		slog.New(h(&b)).InfoContext(context.Background(), "m", "c", c, "cv", *c, "raw", c.Raw(), "doer", doer)
		texts = append(texts, b.String())
	}
	for i, text := range texts {
		if strings.Contains(text, key) || strings.Contains(text, fmt.Sprintf("%x", key)) {
			t.Errorf("printed text %d shows the key", i)
		}
	}
}

// rawDoer is the Doer under Raw(): the name bound's wrapper and then
// gen.CheckPathParams keep the generated *gen.Client in unexported
// fields, read here as a dumper reads them.
func rawDoer(raw gen.ClientInterface) gen.HttpRequestDoer {
	for {
		if c, ok := raw.(*gen.Client); ok {
			return c.Client
		}
		v := reflect.ValueOf(raw).Elem()
		inner := v.FieldByName("inner")
		if !inner.IsValid() {
			inner = v.Field(0)
		}
		raw = reflect.NewAt(inner.Type(), unsafe.Pointer(inner.UnsafeAddr())).Elem().Interface().(gen.ClientInterface)
	}
}
