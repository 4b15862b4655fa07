// Package nilwalk is test support: it calls exported functions and methods
// with the zero value of every parameter (nil pointers, slices, maps,
// interfaces, zero times) and fails the test on a panic, and it lists a
// package's exported functions and methods so a test can show that it
// covered all of them.
package nilwalk

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

// T is the part of testing.TB that nilwalk uses.
type T interface {
	Helper()
	Errorf(format string, args ...any)
}

// Call calls fn (a function value, for methods a method expression such as
// (*Catalog).Lookup) with the zero value of each parameter and reports a
// panic as a test error. Variadic parameters get no arguments.
func Call(t T, name string, fn any) {
	t.Helper()
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func {
		t.Errorf("nilwalk: %s is not a function", name)
		return
	}
	typ := v.Type()
	n := typ.NumIn()
	if typ.IsVariadic() {
		n--
	}
	args := make([]reflect.Value, n)
	for i := range n {
		args[i] = reflect.Zero(typ.In(i))
	}
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s panics on nil/zero input: %v", name, r)
		}
	}()
	v.Call(args)
}

// Exported returns the names of the exported functions ("Func") and methods
// of exported types ("Type.Method") declared in the non-test Go files of
// dir, sorted.
func Exported(dir string) ([]string, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() {
				continue
			}
			if fd.Recv == nil {
				out = append(out, fd.Name.Name)
				continue
			}
			recv := fd.Recv.List[0].Type
			if s, ok := recv.(*ast.StarExpr); ok {
				recv = s.X
			}
			if ix, ok := recv.(*ast.IndexExpr); ok {
				recv = ix.X
			}
			id, ok := recv.(*ast.Ident)
			if !ok || !id.IsExported() {
				continue
			}
			out = append(out, id.Name+"."+fd.Name.Name)
		}
	}
	sort.Strings(out)
	return out, nil
}

// Check calls every function of fns (name -> function value, names as
// [Exported] gives them) with zero input, and reports every exported
// function or method of dir that fns lacks, unless skip names it with a
// reason.
func Check(t T, dir string, fns map[string]any, skip map[string]string) {
	t.Helper()
	names, err := Exported(dir)
	if err != nil {
		t.Errorf("nilwalk: %v", err)
		return
	}
	keys := make([]string, 0, len(fns))
	for k := range fns {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		Call(t, k, fns[k])
	}
	for _, n := range names {
		if _, ok := fns[n]; ok {
			continue
		}
		if _, ok := skip[n]; ok {
			continue
		}
		t.Errorf("%s: exported %s is not walked with nil/zero input (add it to the test, or to skip with a reason)", dir, n)
	}
	for k := range fns {
		found := false
		for _, n := range names {
			if n == k {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("nilwalk: %s names no exported function or method of %s", k, dir)
		}
	}
}
