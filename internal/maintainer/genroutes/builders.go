package genroutes

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"strconv"
)

// builder is a request builder of the generated client (a New<Op>Request
// function) that computes path parameters itself: its statements up to
// the URL (prelude) declare pathParam0..N-1 and compute each from one of
// its parameters, then fmt.Sprintf puts them into the path in that order.
type builder struct {
	decl    *ast.FuncDecl
	prelude []ast.Stmt // from the first "var pathParam0 string" on
	// reads are the builder's parameters the prelude reads, in the order
	// of its signature: what a check of its path parameters takes.
	reads []int
	// from names, per path parameter, the builder parameter it is built
	// from.
	from []string
}

// clientFile is what PathParams reads of the generated client.
type clientFile struct {
	name     string // the file, for errors
	fset     *token.FileSet
	funcs    map[string]*ast.FuncDecl // top-level functions by name
	builders map[string]*builder      // analysed builders, nil for those without path parameters
	// checkers are the wrapper's check methods (pathparams.go), checkerOf
	// the one of each builder, checkerBy the one of each signature and body.
	checkers  bytes.Buffer
	checkerOf map[*builder]string
	checkerBy map[string]string
}

// where is "file:line" of a node, for errors.
func (f *clientFile) where(n ast.Node) string {
	p := f.fset.Position(n.Pos())
	return fmt.Sprintf("%s:%d", f.name, p.Line)
}

// paramNames are the names of a function's parameters, in order.
func paramNames(ft *ast.FuncType) []string {
	var names []string
	for _, field := range ft.Params.List {
		for _, n := range field.Names {
			names = append(names, n.Name)
		}
		if len(field.Names) == 0 {
			names = append(names, "")
		}
	}
	return names
}

// resolve follows the request builder name, called with args (the
// caller's names for its parameters after server, "" where the argument
// is not one of the caller's parameters), to the builder that computes
// the path parameters. It returns that builder, nil if there are none, and
// the caller's names for the builder parameters the check reads.
func (f *clientFile) resolve(name string, args []string, depth int) (*builder, []string, error) {
	fn := f.funcs[name]
	if fn == nil {
		return nil, nil, fmt.Errorf("%s: no request builder %s", f.name, name)
	}
	params := paramNames(fn.Type)
	if len(params) == 0 || params[0] != "server" || len(params)-1 != len(args) {
		return nil, nil, fmt.Errorf("%s: %s takes server and %d more parameters; its caller passes %d", f.where(fn), name, len(params)-1, len(args))
	}
	if b, ok := f.builders[name]; ok || hasURL(fn) {
		if !ok {
			var err error
			if b, err = f.analyse(fn); err != nil {
				return nil, nil, err
			}
			f.builders[name] = b
		}
		if b == nil {
			return nil, nil, nil
		}
		var out []string
		for _, i := range b.reads {
			if args[i-1] == "" {
				return nil, nil, fmt.Errorf("%s: the path parameter %s of %s is not passed on from a parameter of its caller", f.where(fn), params[i], name)
			}
			out = append(out, args[i-1])
		}
		return b, out, nil
	}
	// A builder for one body type hands on to the generic one:
	// return New<Op>RequestWithBody(server, id, ..., "application/json", bodyReader).
	call := delegation(fn)
	if call == nil || depth > 3 {
		return nil, nil, fmt.Errorf("%s: %s neither builds a URL (serverURL, err := url.Parse(server)) nor returns another request builder's result", f.where(fn), name)
	}
	var next []string
	for _, a := range call.Args[1:] {
		n := ""
		if id, ok := a.(*ast.Ident); ok {
			for i, p := range params[1:] {
				if p == id.Name {
					n = args[i]
				}
			}
		}
		next = append(next, n)
	}
	return f.resolve(call.Fun.(*ast.Ident).Name, next, depth+1)
}

// hasURL reports whether fn builds the URL itself.
func hasURL(fn *ast.FuncDecl) bool { return urlStmt(fn) >= 0 }

// urlStmt is the index of "serverURL, err := url.Parse(server)" in fn's
// body, -1 without one.
func urlStmt(fn *ast.FuncDecl) int {
	for i, s := range fn.Body.List {
		if a, ok := s.(*ast.AssignStmt); ok && len(a.Lhs) == 2 && isIdent(a.Lhs[0], "serverURL") {
			return i
		}
	}
	return -1
}

// delegation is fn's final "return NewX(server, ...)", nil without one.
func delegation(fn *ast.FuncDecl) *ast.CallExpr {
	list := fn.Body.List
	if len(list) == 0 {
		return nil
	}
	ret, ok := list[len(list)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	call, ok := ret.Results[0].(*ast.CallExpr)
	if !ok || len(call.Args) == 0 || !isIdent(call.Args[0], "server") {
		return nil
	}
	if _, ok := call.Fun.(*ast.Ident); !ok {
		return nil
	}
	return call
}

var pathParamVar = regexp.MustCompile(`^pathParam(Buf)?([0-9]+)$`)

// analyse reads the path parameters of a builder that builds the URL: its
// statements before the URL must be "var err error" and, per path
// parameter, "var pathParamN string" and the statements oapi-codegen
// writes to compute it (a style call, json.Marshal, or a plain copy), each
// error checked with "if err != nil { return nil, err }". It returns nil
// for a builder without path parameters.
func (f *clientFile) analyse(fn *ast.FuncDecl) (*builder, error) {
	params := paramNames(fn.Type)
	index := map[string]int{}
	for i, p := range params {
		index[p] = i
	}
	end := urlStmt(fn)
	b := &builder{decl: fn}
	reads := map[int]bool{}
	n := -1 // the path parameter whose statements these are
	for _, s := range fn.Body.List[:end] {
		if i, ok := pathParamDecl(s); ok {
			if i != n+1 {
				return nil, fmt.Errorf("%s: %s declares path parameter %d after %d", f.where(s), fn.Name.Name, i, n)
			}
			n = i
			b.from = append(b.from, "")
		}
		if n < 0 {
			if !isErrDecl(s) {
				return nil, fmt.Errorf("%s: %s: a statement before its first path parameter other than \"var err error\"", f.where(s), fn.Name.Name)
			}
			continue
		}
		if err := f.preludeStmt(fn, s); err != nil {
			return nil, err
		}
		b.prelude = append(b.prelude, s)
		var bad error
		ast.Inspect(s, func(node ast.Node) bool {
			id, ok := node.(*ast.Ident)
			if !ok || bad != nil {
				return bad == nil
			}
			i, isParam := index[id.Name]
			switch {
			case !isParam:
			case i == 0:
				bad = fmt.Errorf("%s: %s computes path parameter %d from server", f.where(id), fn.Name.Name, n)
			case b.from[n] != "" && b.from[n] != id.Name:
				bad = fmt.Errorf("%s: %s computes path parameter %d from both %s and %s", f.where(id), fn.Name.Name, n, b.from[n], id.Name)
			default:
				b.from[n], reads[i] = id.Name, true
			}
			return true
		})
		if bad != nil {
			return nil, bad
		}
	}
	for i, from := range b.from {
		if from == "" {
			return nil, fmt.Errorf("%s: %s computes path parameter %d from none of its parameters", f.where(fn), fn.Name.Name, i)
		}
	}
	for i := range params {
		if reads[i] {
			b.reads = append(b.reads, i)
		}
	}
	if err := f.unchangedAfter(fn, end); err != nil {
		return nil, err
	}
	if err := f.checkSprintf(fn, len(b.from)); err != nil {
		return nil, err
	}
	if len(b.from) == 0 {
		return nil, nil
	}
	return b, nil
}

// unchangedAfter refuses a builder that assigns a path parameter (or
// takes its address) in or after statement end, the URL's: the check runs
// only the statements before it, so it would see another value than the
// path gets.
func (f *clientFile) unchangedAfter(fn *ast.FuncDecl, end int) error {
	var bad ast.Node
	for _, s := range fn.Body.List[end:] {
		ast.Inspect(s, func(n ast.Node) bool {
			var targets []ast.Expr
			switch n := n.(type) {
			case *ast.AssignStmt:
				targets = n.Lhs
			case *ast.IncDecStmt:
				targets = []ast.Expr{n.X}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					targets = []ast.Expr{n.X}
				}
			}
			for _, t := range targets {
				if id, ok := t.(*ast.Ident); ok && pathParamVar.MatchString(id.Name) && bad == nil {
					bad = id
				}
			}
			return bad == nil
		})
	}
	if bad != nil {
		return fmt.Errorf("%s: %s: %s is changed after the statements that compute it", f.where(bad), fn.Name.Name, bad.(*ast.Ident).Name)
	}
	return nil
}

// pathParamDecl reports whether s is "var pathParamN string", and N.
func pathParamDecl(s ast.Stmt) (int, bool) {
	names, typ, ok := varDecl(s)
	if !ok || len(names) != 1 || !isIdent(typ, "string") {
		return 0, false
	}
	m := pathParamVar.FindStringSubmatch(names[0])
	if m == nil || m[1] != "" {
		return 0, false
	}
	i, err := strconv.Atoi(m[2])
	return i, err == nil
}

// isErrDecl reports whether s is "var err error".
func isErrDecl(s ast.Stmt) bool {
	names, typ, ok := varDecl(s)
	return ok && len(names) == 1 && names[0] == "err" && isIdent(typ, "error")
}

// varDecl returns the names and type of a "var a, b T" statement.
func varDecl(s ast.Stmt) ([]string, ast.Expr, bool) {
	d, ok := s.(*ast.DeclStmt)
	if !ok {
		return nil, nil, false
	}
	g, ok := d.Decl.(*ast.GenDecl)
	if !ok || g.Tok != token.VAR || len(g.Specs) != 1 {
		return nil, nil, false
	}
	v := g.Specs[0].(*ast.ValueSpec)
	if len(v.Values) != 0 {
		return nil, nil, false
	}
	var names []string
	for _, n := range v.Names {
		names = append(names, n.Name)
	}
	return names, v.Type, true
}

// preludeStmt refuses a statement computing a path parameter that is not
// of a kind the check can run as it is: a declaration or assignment of
// pathParamN, pathParamBufN and err, or the error check.
func (f *clientFile) preludeStmt(fn *ast.FuncDecl, s ast.Stmt) error {
	ok := false
	switch s := s.(type) {
	case *ast.DeclStmt:
		names, _, isVar := varDecl(s)
		ok = isVar && len(names) == 1 && pathParamVar.MatchString(names[0])
	case *ast.AssignStmt:
		ok = s.Tok == token.ASSIGN
		for _, l := range s.Lhs {
			id, isID := l.(*ast.Ident)
			ok = ok && isID && (id.Name == "err" || pathParamVar.MatchString(id.Name))
		}
	case *ast.IfStmt:
		ok = s.Init == nil && s.Else == nil && len(s.Body.List) == 1 && errReturn(s.Body.List[0]) != nil
	}
	if !ok {
		return fmt.Errorf("%s: %s: a statement computing a path parameter that genroutes does not understand", f.where(s), fn.Name.Name)
	}
	return nil
}

// errReturn is s as "return nil, err", nil if it is not one.
func errReturn(s ast.Stmt) *ast.ReturnStmt {
	r, ok := s.(*ast.ReturnStmt)
	if !ok || len(r.Results) != 2 || !isIdent(r.Results[0], "nil") || !isIdent(r.Results[1], "err") {
		return nil
	}
	return r
}

// checkSprintf refuses a builder whose "operationPath := fmt.Sprintf(...)"
// does not put exactly pathParam0..N-1, in order, into the path: then
// what the check sees would not be what the path holds.
func (f *clientFile) checkSprintf(fn *ast.FuncDecl, n int) error {
	for _, s := range fn.Body.List {
		a, ok := s.(*ast.AssignStmt)
		if !ok || len(a.Lhs) != 1 || !isIdent(a.Lhs[0], "operationPath") || a.Tok != token.DEFINE {
			continue
		}
		call, ok := a.Rhs[0].(*ast.CallExpr)
		if !ok || !isSelector(call.Fun, "fmt", "Sprintf") || len(call.Args) != n+1 {
			break
		}
		for i, arg := range call.Args[1:] {
			if !isIdent(arg, fmt.Sprintf("pathParam%d", i)) {
				return fmt.Errorf("%s: %s: argument %d of the path's fmt.Sprintf is not pathParam%d", f.where(arg), fn.Name.Name, i+1, i)
			}
		}
		return nil
	}
	return fmt.Errorf("%s: %s: no \"operationPath := fmt.Sprintf(template, pathParam0, ...)\" with its %d path parameters", f.where(fn), fn.Name.Name, n)
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func isSelector(e ast.Expr, x, sel string) bool {
	s, ok := e.(*ast.SelectorExpr)
	return ok && isIdent(s.X, x) && s.Sel.Name == sel
}
