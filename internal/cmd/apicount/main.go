// Command apicount counts the exported API of the public packages of a Go
// module, so that the size of the surface can be compared across commits by a
// command anyone can run:
//
//	go run ./internal/cmd/apicount            # the module in the current directory
//	go run ./internal/cmd/apicount DIR        # the module rooted at DIR (another checkout)
//
// A public package is a directory below the module root that holds non-test
// Go files of a package other than main and whose path has no "internal",
// "testdata", "vendor" or "examples" element and no element starting with
// "." or "_". For each, it counts (from the non-test files, with go/parser
// only, no type checking):
//
//   - identifiers: exported top-level names (types, functions, constants and
//     variables, each name of a group counted once) plus methods;
//   - methods: exported methods declared on exported types, and exported
//     methods of exported interface types;
//   - fields: exported fields of exported struct types (embedded exported
//     types included), counted separately; fields of anonymous structs nested
//     in them count too.
//
// It prints one line per package, sorted by import path, and the total. The
// output is deterministic.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
)

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: apicount [module-dir]")
		flag.PrintDefaults()
	}
	flag.Parse()
	dir := "."
	if flag.NArg() > 1 {
		flag.Usage()
		os.Exit(2)
	}
	if flag.NArg() == 1 {
		dir = flag.Arg(0)
	}
	counts, err := Count(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "apicount:", err)
		os.Exit(1)
	}
	if err := Print(os.Stdout, counts); err != nil {
		fmt.Fprintln(os.Stderr, "apicount:", err)
		os.Exit(1)
	}
}

// Counts is the exported surface of one package.
type Counts struct {
	// Package is the import path.
	Package string
	// TopLevel counts exported top-level names.
	TopLevel int
	// Methods counts exported methods of exported types (interfaces too).
	Methods int
	// Fields counts exported struct fields of exported types.
	Fields int
}

// Identifiers is TopLevel + Methods.
func (c Counts) Identifiers() int { return c.TopLevel + c.Methods }

// Count walks the module rooted at dir and counts every public package.
func Count(dir string) ([]Counts, error) {
	module, err := modulePath(filepath.Join(dir, "go.mod"))
	if err != nil {
		return nil, err
	}
	var out []Counts
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel != "." && skipDir(rel) {
			return filepath.SkipDir
		}
		c, ok, err := countDir(path)
		if err != nil || !ok {
			return err
		}
		c.Package = module
		if rel != "." {
			c.Package += "/" + rel
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Counts) int { return strings.Compare(a.Package, b.Package) })
	return out, nil
}

// skipDir reports whether the directory rel (slash-separated, relative to
// the module root) and everything below it hold no public package.
func skipDir(rel string) bool {
	for _, el := range strings.Split(rel, "/") {
		switch {
		case el == "internal", el == "testdata", el == "vendor", el == "examples":
			return true
		case strings.HasPrefix(el, "."), strings.HasPrefix(el, "_"):
			return true
		}
	}
	return false
}

// modulePath reads the module path from a go.mod file.
func modulePath(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }() // read-only: nothing to flush
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("%s: no module line", gomod)
}

// countDir counts the exported API of the package in dir; ok is false when
// dir holds no non-test Go file of a package other than main.
func countDir(dir string) (Counts, bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return Counts{}, false, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return Counts{}, false, err
		}
		if f.Name.Name == "main" || buildIgnored(f) {
			continue
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return Counts{}, false, nil
	}
	var c Counts
	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv == nil {
					c.TopLevel++
				} else if recv := receiverType(d.Recv); recv != "" && ast.IsExported(recv) {
					c.Methods++
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						c.TopLevel++
						countType(s.Type, &c)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								c.TopLevel++
							}
						}
					}
				}
			}
		}
	}
	return c, true, nil
}

// buildIgnored reports whether f carries a "//go:build ignore" constraint
// (generators kept next to the package).
func buildIgnored(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() > f.Package {
			break
		}
		for _, cm := range g.List {
			if strings.TrimSpace(cm.Text) == "//go:build ignore" {
				return true
			}
		}
	}
	return false
}

// countType adds the exported fields of a struct type and the exported
// methods of an interface type.
func countType(t ast.Expr, c *Counts) {
	switch t := t.(type) {
	case *ast.StructType:
		for _, f := range t.Fields.List {
			if len(f.Names) == 0 { // embedded
				if name := typeName(f.Type); name != "" && ast.IsExported(name) {
					c.Fields++
				}
				continue
			}
			for _, n := range f.Names {
				if n.IsExported() {
					c.Fields++
					countType(f.Type, c) // anonymous nested structs
				}
			}
		}
	case *ast.InterfaceType:
		for _, m := range t.Methods.List {
			for _, n := range m.Names {
				if n.IsExported() {
					c.Methods++
				}
			}
		}
	case *ast.StarExpr:
		countType(t.X, c)
	case *ast.ArrayType:
		countType(t.Elt, c)
	}
}

// receiverType returns the base type name of a method's receiver.
func receiverType(recv *ast.FieldList) string {
	if recv == nil || len(recv.List) == 0 {
		return ""
	}
	return typeName(recv.List[0].Type)
}

// typeName returns the name of a (possibly pointer, generic or qualified)
// type expression; "" when it has none.
func typeName(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		return typeName(t.X)
	case *ast.IndexExpr:
		return typeName(t.X)
	case *ast.IndexListExpr:
		return typeName(t.X)
	case *ast.SelectorExpr:
		return t.Sel.Name
	}
	return ""
}

// Print writes one line per package and the total.
func Print(w io.Writer, counts []Counts) error {
	if len(counts) == 0 {
		return errors.New("no public package found")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\ttop-level\tmethods\tidentifiers\tstruct fields")
	var total Counts
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", c.Package, c.TopLevel, c.Methods, c.Identifiers(), c.Fields)
		total.TopLevel += c.TopLevel
		total.Methods += c.Methods
		total.Fields += c.Fields
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\n", total.TopLevel, total.Methods, total.Identifiers(), total.Fields)
	return tw.Flush()
}
