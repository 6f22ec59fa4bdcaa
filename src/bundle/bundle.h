// A `civic-bundle/1` document (bundle.md) in memory: one framework and the evidence of one or more
// periods, with the units and sites it refers to. Produced by read_bundle (fully validated) or by
// the synthetic city generator; written back by write_bundle.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/evaluation/evidence.h"
#include "domain/evaluation/framework.h"

namespace civic::bundle {

inline constexpr const char* kFormat = "civic-bundle/1";

struct UnitRecord {
  std::string code;
  std::string name;
  std::optional<std::string> parent;  // nullopt for the one root
  std::optional<double> population;
};

struct SiteRecord {
  std::string code;
  std::string name;
  std::string type;  // 点位类型, e.g. 主干道
  std::string unit;
  std::optional<double> lat, lon;
};

struct Bundle {
  Framework framework;
  std::vector<UnitRecord> units;
  std::vector<SiteRecord> sites;
  std::vector<Period> periods;
  std::vector<Inspection> inspections;
  std::vector<Response> responses;
  std::vector<StatisticValue> statistics;
  std::vector<MaterialGrade> materials;
  std::vector<PenaltyEvent> penalties;
};

}  // namespace civic::bundle
