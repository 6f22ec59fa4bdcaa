// BulletinRepository: rows of `bulletins`, `bulletin_units` and `bulletin_schedules` over one session, the
// caller's transaction. The content and prose are JSON text the service builds; no business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct BulletinRow {
  long long id = 0;
  std::string kind;  // round | weekly
  long long unit_id = 0;
  std::string period, round, title, state;  // state: draft | approved | published | withdrawn
  std::string content = "{}", prose = "{}";
  long long version = 1;
  std::string drafted_by;
  TimeMs drafted_at = 0;
  std::string approved_by;
  TimeMs approved_at = 0;
  std::string published_by;
  TimeMs published_at = 0;
  std::string withdrawn_by;
  TimeMs withdrawn_at = 0;
  std::string withdrawn_reason;
  TimeMs updated_at = 0;
};

struct BulletinFilter {
  std::string state;                 // "" any
  std::string kind;                  // "" any
  std::string scope_path;            // bulletins whose unit path starts with it ("" any)
  std::optional<std::string> named;  // or published ones naming a unit whose path starts with this
};

class BulletinRepository {
 public:
  explicit BulletinRepository(soci::session& sql) : sql_(sql) {}

  // Inserts `row` (id ignored); returns the new id.
  long long insert(const BulletinRow& row);
  std::optional<BulletinRow> find(long long id);
  // Writes every mutable column of `row` where id and the stored version equal row.id and `expected_version`;
  // returns whether it did.
  bool update(const BulletinRow& row, long long expected_version);
  long long count(const BulletinFilter& filter);
  std::vector<BulletinRow> list(const BulletinFilter& filter, long long limit, long long offset);
  void set_units(long long bulletin_id, const std::vector<long long>& unit_ids);
  std::vector<long long> units(long long bulletin_id);
  // The newest drafted_at of `kind` bulletins of the unit; 0 when none.
  TimeMs last_drafted(long long unit_id, const std::string& kind);
  // bulletin_schedules.every_days of the unit, nullopt when none is stored.
  std::optional<int> schedule(long long unit_id);
  void set_schedule(long long unit_id, int every_days);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
