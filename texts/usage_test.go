package texts

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// builtKeys are the catalogue keys the code makes at run time rather than names whole: a
// prefix (ending in "_") stands for every key that starts with it, a whole key for itself.
// Each says where it is built. A new family must be added here, and one the code no longer
// builds must be removed: TestEveryCatalogueKeyIsUsed checks both.
var builtKeys = map[string]string{
	"con_doc_status_": `console/templates/document(s).html: printf "con_doc_status_%s" with a document's status`,
	"cmd_":            `bot/menus.go: "cmd_" + the English command name, the menu's descriptions`,
	"doc_type_":       `documents/preview.go: "doc_type_" + a document's type`,
	"delivery_":       `notices/text.go and the console's templates: "delivery_" + a delivery's status`,
	"kind_":           `bot, calendar, scheduler and the console: "kind_" + an event's kind`,
	"offset_":         `bot/eventdialog.go: "offset_" + the unit of a reminder offset (d, h, m)`,
	"role_":           `bot, notices and the console: "role_" + a member's role`,
	"status_":         `bot/commands.go and the console: "status_" + a member's status`,
	"weekday_":        `when/when.go: "weekday_" + the weekday's number`,
	"group_rejected":  `bot/register.go: "group_" + "rejected", the refusal told to a group`,
}

// moduleSources walks the module (the parent folder) and calls fn with every Go file that is
// not a test and not the catalogue itself, and every HTML template.
func moduleSources(t *testing.T, goFile func(path string, f *ast.File), template func(path, text string)) {
	t.Helper()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != ".." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(path, "_test.go"):
		case strings.HasSuffix(path, ".go"):
			if filepath.Dir(path) == filepath.Join("..", "texts") && strings.HasPrefix(d.Name(), "catalog") {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				return err
			}
			goFile(path, f)
		case strings.HasSuffix(path, ".html") || strings.HasSuffix(path, ".tmpl"):
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			template(path, string(data))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var (
	keyShape        = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	templateString  = regexp.MustCompile(`"([a-z][a-z0-9_]*)"`)
	templateBuilt   = regexp.MustCompile(`\(printf? "([a-z][a-z0-9_]*_)(?:%s)?"`) // (print "kind_" .Kind), (printf "status_%s" .Status)
	templateKeyUsed = regexp.MustCompile(`\{\{-?\s*t \$?\.Lang "([a-z0-9_]+)"`)
)

// TestEveryCatalogueKeyIsUsed fails on a key no code or template names: a sentence nobody can
// read any more is a sentence nobody keeps correct. A key counts as used when a Go string or
// a template names it whole, or when it belongs to one of builtKeys.
func TestEveryCatalogueKeyIsUsed(t *testing.T) {
	named := map[string]bool{}
	built := map[string]string{} // prefix → a file that concatenates it
	moduleSources(t, func(path string, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(n.Value); n.Kind == token.STRING && err == nil && keyShape.MatchString(s) {
					named[s] = true
				}
			case *ast.BinaryExpr:
				if lit, ok := n.X.(*ast.BasicLit); ok && n.Op == token.ADD && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && keyShape.MatchString(s) && strings.HasSuffix(s, "_") {
						built[s] = path
					}
				}
			}
			return true
		})
	}, func(path, text string) {
		for _, m := range templateString.FindAllStringSubmatch(text, -1) {
			named[m[1]] = true
		}
		for _, m := range templateBuilt.FindAllStringSubmatch(text, -1) {
			built[m[1]] = path
		}
	})
	if len(named) < 200 {
		t.Fatalf("found only %d strings in the code: the walk no longer reaches it", len(named))
	}

	isKeyPrefix := func(p string) bool {
		for k := range catalog["vi"] {
			if strings.HasPrefix(k, p) {
				return true
			}
		}
		return false
	}
	for prefix, path := range built {
		if _, listed := builtKeys[prefix]; !listed && isKeyPrefix(prefix) {
			t.Errorf("%s builds catalogue keys %q + …: list the family in builtKeys", path, prefix)
		}
	}
	for entry := range builtKeys {
		if strings.HasSuffix(entry, "_") {
			if _, ok := built[entry]; !ok {
				t.Errorf("builtKeys lists %q…, which no code builds any more", entry)
			}
		} else if _, ok := catalog["vi"][entry]; !ok {
			t.Errorf("builtKeys lists %q, which the catalogue lacks", entry)
		}
	}

	for key := range catalog["vi"] {
		if named[key] {
			continue
		}
		if _, ok := builtKeys[key]; ok {
			continue
		}
		family := false
		for entry := range builtKeys {
			family = family || strings.HasSuffix(entry, "_") && strings.HasPrefix(key, entry)
		}
		if !family {
			t.Errorf("catalogue key %q is used nowhere: remove it, or list how it is built in builtKeys", key)
		}
	}
}

// TestEveryKeyATemplateUsesExists: a console page names its texts with {{t .Lang "key"}};
// each must be in the catalogue, or the page shows an empty string.
func TestEveryKeyATemplateUsesExists(t *testing.T) {
	used := 0
	moduleSources(t, func(string, *ast.File) {}, func(path, text string) {
		for _, m := range templateKeyUsed.FindAllStringSubmatch(text, -1) {
			used++
			if _, ok := catalog["vi"][m[1]]; !ok {
				t.Errorf("%s uses %q, which the catalogue lacks", path, m[1])
			}
		}
	})
	if used < 50 {
		t.Fatalf("found only %d uses of catalogue keys in templates: the pattern no longer matches them", used)
	}
}
