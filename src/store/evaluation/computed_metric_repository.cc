#include "store/evaluation/computed_metric_repository.h"

#include <vector>

#include "store/units/unit_repository.h"

namespace civic::store {

namespace {

// Runs a one-row aggregate `q` whose first two parameters are the subtree bounds (:lo, :hi).
// Runs a one-row aggregate `q` whose parameters are the subtree bounds (:lo, :hi), then `times` in order.
template <typename T>
T aggregate(soci::session& sql, const std::string& q, const std::string& path,
            std::vector<long long> times = {}) {
  T value{};
  soci::indicator ind = soci::i_ok;
  std::string lo = path, hi = path_upper_bound(path);
  soci::statement st(sql);
  st.exchange(soci::into(value, ind));
  st.exchange(soci::use(lo));
  st.exchange(soci::use(hi));
  for (auto& t : times) st.exchange(soci::use(t));
  st.alloc();
  st.prepare(q);
  st.define_and_bind();
  st.execute(true);
  return ind == soci::i_null ? T{} : value;
}

}  // namespace

long long ComputedMetricRepository::confirmed_volunteers(const std::string& path, long long to) {
  return aggregate<long long>(sql_,
                              "SELECT COUNT(*) FROM volunteers v JOIN units u ON u.id = v.unit_id"
                              " WHERE u.path >= :lo AND u.path < :hi AND v.state = 'confirmed'"
                              " AND v.confirmed_at < :to",
                              path, {to});
}

double ComputedMetricRepository::approved_hours(const std::string& path, long long from, long long to) {
  return aggregate<double>(sql_,
                           "SELECT SUM(r.hours) FROM service_records r"
                           " JOIN volunteers v ON v.id = r.volunteer_id JOIN units u ON u.id = v.unit_id"
                           " JOIN activities a ON a.id = r.activity_id"
                           " WHERE u.path >= :lo AND u.path < :hi AND r.latest = 1 AND r.state = 'approved'"
                           " AND a.starts_at >= :from AND a.starts_at < :to",
                           path, {from, to});
}

long long ComputedMetricRepository::activities(const std::string& path, long long from, long long to) {
  return aggregate<long long>(sql_,
                              "SELECT COUNT(*) FROM activities a JOIN units u ON u.id = a.unit_id"
                              " WHERE u.path >= :lo AND u.path < :hi AND a.state <> 'cancelled'"
                              " AND a.starts_at >= :from AND a.starts_at < :to",
                              path, {from, to});
}

long long ComputedMetricRepository::civilized_families(const std::string& path, long long to) {
  return aggregate<long long>(sql_,
                              "SELECT COUNT(*) FROM selection_candidates c"
                              " JOIN selections s ON s.id = c.selection_id JOIN units u ON u.id = c.unit_id"
                              " WHERE u.path >= :lo AND u.path < :hi AND s.kind = 'civilized_family'"
                              " AND c.stage = 'named' AND c.named_at < :to AND c.title_valid_until >= :at",
                              path, {to, to});
}

long long ComputedMetricRepository::communities(const std::string& path) {
  return aggregate<long long>(sql_,
                              "SELECT COUNT(*) FROM units u WHERE u.path >= :lo AND u.path < :hi"
                              " AND u.type = 'community'",
                              path);
}

}  // namespace civic::store
