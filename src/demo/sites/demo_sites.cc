// Demo step "sites": more sites, so that the demo city has about kDemoSiteTotal, spread over every street and
// community (so every district), every site type of the framework, with coordinates around the district's
// existing sites and a grid cell from the coordinates. Written through SiteService::import_csv, the path an
// office uses. The new sites have no inspections, so the demo scores do not change.
#include <algorithm>
#include <cmath>
#include <map>

#include "demo/core/demo_city.h"
#include "domain/sites/site_table.h"

namespace civic::demo {

namespace {

constexpr long long kDemoSiteTotal = 2000;
constexpr double kGridDegrees = 0.005;  // grid cells of about 500 m

std::vector<Unit> all_units(DemoContext& c) {
  std::vector<Unit> out;
  for (int page = 1;; ++page) {
    auto p = c.services.units.list(c.actor, {}, {page, 200});
    out.insert(out.end(), p.items.begin(), p.items.end());
    if (p.items.empty() || static_cast<long long>(out.size()) >= p.total) break;
  }
  return out;
}

std::vector<service::Site> all_sites(DemoContext& c) {
  std::vector<service::Site> out;
  for (int page = 1;; ++page) {
    auto p = c.services.sites.search(c.actor, {}, {page, 200});
    out.insert(out.end(), p.items.begin(), p.items.end());
    if (p.items.empty() || static_cast<long long>(out.size()) >= p.total) break;
  }
  return out;
}

std::string grid_cell(double lat, double lon) {
  return "G" + std::to_string(static_cast<long long>(std::floor(lat / kGridDegrees))) + "-" +
         std::to_string(static_cast<long long>(std::floor(lon / kGridDegrees)));
}

}  // namespace

void build_demo_sites(DemoContext& c) {
  std::vector<Unit> units = all_units(c);
  std::vector<service::Site> existing = all_sites(c);
  long long missing = kDemoSiteTotal - static_cast<long long>(existing.size());
  std::vector<std::string> types;
  for (const auto& t : c.services.sites.site_types(c.actor, "")) types.push_back(t.type);
  if (missing <= 0 || types.empty()) return;

  // The district of every unit (its ancestor right under the city) and the centre of its existing sites.
  std::map<long long, const Unit*> by_id;
  for (const Unit& u : units) by_id[u.id] = &u;
  auto district_of = [&](const Unit& u) {
    const Unit* d = &u;
    while (d->parent_id && by_id.count(*d->parent_id) && by_id.at(*d->parent_id)->parent_id) {
      d = by_id.at(*d->parent_id);
    }
    return d->code;
  };
  std::map<std::string, std::string> unit_district;
  for (const Unit& u : units) unit_district[u.code] = district_of(u);
  struct Centre {
    double lat = 0, lon = 0;
    int n = 0;
  };
  std::map<std::string, Centre> centres;
  Centre city;
  for (const auto& s : existing) {
    if (!s.lat || !s.lon) continue;
    Centre& d = centres[unit_district[s.unit]];
    d.lat += *s.lat, d.lon += *s.lon, ++d.n;
    city.lat += *s.lat, city.lon += *s.lon, ++city.n;
  }
  if (city.n == 0) city = {45.76, 126.63, 1};

  // Streets and communities take the new sites in turn; types rotate so that every street sees every type.
  std::vector<const Unit*> places;
  for (const Unit& u : units) {
    if (u.type == UnitType::street || u.type == UnitType::community) places.push_back(&u);
  }
  if (places.empty()) return;
  std::vector<SiteTableRow> rows;
  for (long long i = 0; i < missing; ++i) {
    const Unit& u = *places[static_cast<size_t>(i) % places.size()];
    const std::string& type =
        types[static_cast<size_t>(i / static_cast<long long>(places.size()) + i) % types.size()];
    const Centre& d = centres.count(unit_district[u.code]) ? centres[unit_district[u.code]] : city;
    double lat = d.lat / d.n + (static_cast<double>(c.random.between(-2000, 2000)) / 100000.0);
    double lon = d.lon / d.n + (static_cast<double>(c.random.between(-2500, 2500)) / 100000.0);
    lat = std::round(lat * 1e5) / 1e5;
    lon = std::round(lon * 1e5) / 1e5;
    SiteTableRow r;
    r.code = "S" + std::to_string(10001 + i);
    r.name = u.name + type + std::to_string(i / static_cast<long long>(places.size()) + 1) + "号";
    r.type = type;
    r.unit = u.code;
    r.lat = lat;
    r.lon = lon;
    r.address = u.name + "辖区";
    r.grid_cell = grid_cell(lat, lon);
    rows.push_back(std::move(r));
  }
  auto summary = c.services.sites.import_csv(c.actor, write_site_table(rows, false));
  c.out << "  " << summary.created << " sites added (" << existing.size() + summary.created << " in all)\n";
}

}  // namespace civic::demo
