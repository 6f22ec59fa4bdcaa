// ComputedMetricRepository: the counts computed metrics are made of (computed_metric.h), each over a unit's
// subtree (unit path prefix) and a time window [from, to) in milliseconds. Counting rules:
// - confirmed volunteers: state confirmed, confirmed before `to`, registered in a community of the subtree;
// - approved hours: the latest version of each approved service record whose activity starts in the window,
//   of volunteers registered in the subtree;
// - activities: not cancelled, starting in the window, organised by a unit of the subtree;
// - civilized families: named 文明家庭 titles of households in the subtree in force at `to` (named before it,
//   valid until after it);
// - communities: units of type community in the subtree.
#pragma once

#include <soci/soci.h>

#include <string>

namespace civic::store {

class ComputedMetricRepository {
 public:
  explicit ComputedMetricRepository(soci::session& sql) : sql_(sql) {}

  long long confirmed_volunteers(const std::string& path, long long to);
  double approved_hours(const std::string& path, long long from, long long to);
  long long activities(const std::string& path, long long from, long long to);
  long long civilized_families(const std::string& path, long long to);
  long long communities(const std::string& path);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
