package loa

// PlaceName is an administrative unit as text names it. The national list gives one for every
// province, commune, ward and special zone since 1 July 2025, and one for every former commune,
// ward, town, district and province with the units that took it in, so that an article of 2023
// naming "xã Minh Thắng" still finds where that is now.
type PlaceName struct {
	Name   string   // with its type, as the list writes it: "Xã Nha Bích", "Huyện Bù Đốp", "Tỉnh Đồng Nai"
	Former bool     // a unit as it was before 1 July 2025
	Now    []string // a former unit's successors with their type: "Xã Nha Bích"; a province's: "Tỉnh Đồng Nai"
}
