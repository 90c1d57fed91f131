package config_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/loa-vn/loa"
	"github.com/loa-vn/loa/adminunits"
	"github.com/loa-vn/loa/config"
)

func TestAWholeProvinceFromTheNationalList(t *testing.T) {
	cc, err := config.NationalCatalog(config.NationalOptions{Province: "Đồng Nai"})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := cc.Expand()
	if err != nil {
		t.Fatal(err)
	}
	communes := len(adminunits.Communes("75"))
	if want := 1 + 3 + communes*(1+len(config.CommuneAgencies)); len(cat.Units) != want {
		t.Errorf("%d units, want %d (the command, 3 offices, %d communes with their agencies)", len(cat.Units), want, communes)
	}
	byKey := map[string]loa.CatalogUnit{}
	for _, u := range cat.Units {
		byKey[u.Key] = u
	}
	if u := byKey["dong-nai"]; u.Name != "Bộ CHQS tỉnh Đồng Nai" || u.Kind != loa.UnitProvince {
		t.Errorf("root = %+v", u)
	}
	if u := byKey["dong-nai/chon-thanh/chqs"]; u.Name != "Ban CHQS phường Chơn Thành" || u.Parent != "dong-nai/chon-thanh" {
		t.Errorf("Ban CHQS phường Chơn Thành = %+v", u)
	}
	if u := byKey["dong-nai/nha-bich/hd-nvqs"]; u.Name != "Hội đồng NVQS xã Nha Bích" {
		t.Errorf("Hội đồng NVQS xã Nha Bích = %+v", u)
	}

	// What init writes is what serve reads, and it says where the list came from.
	data, err := config.MarshalCatalog(cc, "from the national list")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "# from the national list\n") {
		t.Errorf("header missing: %.80s", data)
	}
	back, err := config.ParseCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := back.Expand()
	if err != nil || len(again.Units) != len(cat.Units) {
		t.Fatalf("read back: %d units, %v", len(again.Units), err)
	}
	for i := range cat.Units {
		if again.Units[i] != cat.Units[i] {
			t.Fatalf("unit %d read back as %+v, written %+v", i, again.Units[i], cat.Units[i])
		}
	}
}

// A PTKV's leader reaches the communes it covers, and a commune agency's leader the commune.
func TestARegionsLeaderReachesItsCommunes(t *testing.T) {
	cc, err := config.NationalCatalog(config.NationalOptions{Province: "dong nai", Region: "PTKV 1",
		Communes: []string{"Chơn Thành", "minh hung", "Xã Nha Bích"}})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := cc.Expand()
	if err != nil {
		t.Fatal(err)
	}
	units, byKey := asUnits(cat)
	region := byKey["dong-nai/ptkv-1"]
	if region.Name != "Ban Chỉ huy Phòng thủ khu vực 1 – Đồng Nai" || region.Kind != loa.UnitRegion || region.ParentID != nil {
		t.Fatalf("region = %+v", region)
	}
	if len(units) != 1+3*6 {
		t.Errorf("%d units, want the region and 3 communes with 5 agencies each", len(units))
	}
	scope, ok, err := loa.LeaderScope(t.Context(), lookup(byKey), leaderOf(region))
	if err != nil || !ok || !loa.WithinScope(units, scope, []string{"dong-nai/chon-thanh/chqs", "dong-nai/nha-bich"}) {
		t.Errorf("the region's leader does not reach its communes: %+v %v %v", scope, ok, err)
	}
	scope, ok, err = loa.LeaderScope(t.Context(), lookup(byKey), leaderOf(byKey["dong-nai/nha-bich/chqs"]))
	if err != nil || !ok || scope.Key != "dong-nai/nha-bich" {
		t.Fatalf("Ban CHQS xã Nha Bích's leader's scope = %+v %v %v", scope, ok, err)
	}
	if loa.WithinScope(units, scope, []string{"dong-nai/chon-thanh/chqs"}) {
		t.Error("a commune's leader reaches another commune")
	}
}

func TestNamesTheNationalListDoesNotHave(t *testing.T) {
	for _, c := range []struct {
		opt  config.NationalOptions
		says string
	}{
		{config.NationalOptions{Province: "Bình Phước"}, "now part of Đồng Nai"},
		{config.NationalOptions{Province: "Atlantis"}, "34 provinces"},
		{config.NationalOptions{Province: "Đồng Nai", Region: "PTKV 1", Communes: []string{"Hưng Long"}}, "now part of Phường Chơn Thành"},
		{config.NationalOptions{Province: "Đồng Nai", Region: "PTKV 1", Communes: []string{"Chon Tanh"}}, "did you mean Phường Chơn Thành"},
	} {
		_, err := config.NationalCatalog(c.opt)
		if !errors.Is(err, config.ErrUnknownPlace) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%+v: %v; want it to say %q", c.opt, err, c.says)
		}
	}
}

type unitsByKey map[string]loa.Unit

func (m unitsByKey) UnitByID(_ context.Context, id int64) (loa.Unit, error) {
	for _, u := range m {
		if u.ID == id {
			return u, nil
		}
	}
	return loa.Unit{}, loa.ErrNotFound
}

func lookup(m map[string]loa.Unit) loa.UnitLookup { return unitsByKey(m) }

func leaderOf(u loa.Unit) loa.Chat {
	return loa.Chat{ID: 1, Status: loa.StatusActive, Role: loa.RoleLeader, UnitID: &u.ID}
}

// asUnits numbers the catalogue's units as the store would.
func asUnits(cat loa.Catalog) ([]loa.Unit, map[string]loa.Unit) {
	byKey := map[string]loa.Unit{}
	var units []loa.Unit
	for i, cu := range cat.Units {
		u := loa.Unit{ID: int64(i + 1), Key: cu.Key, Name: cu.Name, Kind: cu.Kind}
		if p, ok := byKey[cu.Parent]; ok {
			u.ParentID = &p.ID
		}
		byKey[u.Key] = u
		units = append(units, u)
	}
	return units, byKey
}

// The sample catalogue is what `loa init --region` writes for its communes, so an office that
// starts on it and makes its own keeps its members attached.
func TestTheSampleIsWhatInitWrites(t *testing.T) {
	made, err := config.NationalCatalog(config.NationalOptions{Province: "Đồng Nai", Region: "PTKV 4",
		Communes: []string{"Chơn Thành", "Minh Hưng", "Nha Bích", "Tân Quan", "Tân Khai", "Bình Long", "An Lộc"}})
	if err != nil {
		t.Fatal(err)
	}
	want, err := made.Expand()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load("", func(string) string { return "" }, false)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg.Units, want) {
		t.Errorf("the sample catalogue differs from loa init's:\n%+v\nwant\n%+v", cfg.Units, want)
	}
}
