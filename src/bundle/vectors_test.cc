// Every shared scoring vector (/work/shared/testdata/scoring) scored in-process and compared with
// its expected.json within 1e-6; then the same after an export → re-read round trip.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "bundle/bundle_dataset.h"
#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/score_report.h"
#include "bundle/test_files.h"
#include "scoring/period_scores.h"

namespace civic::bundle {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::json_diff;
using testing::read_text;

std::vector<fs::path> vector_dirs() {
  std::vector<fs::path> dirs;
  const fs::path root = fs::path(CIVIC_SHARED_DIR) / "testdata" / "scoring";
  if (!fs::is_directory(root)) return dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (fs::exists(e.path() / "bundle.json") && fs::exists(e.path() / "expected.json"))
      dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

// Scores every query of `expected` against `b`; returns the number of queries checked.
int check_queries(const Bundle& b, const json::array& expected, const std::string& name) {
  const scoring::ScoringDataset data = build_dataset(b);
  int checked = 0;
  for (const auto& q : expected) {
    const auto& query = q.as_object();
    const std::string unit(query.at("unit").as_string()), period(query.at("period").as_string());
    const int u = data.unit_index(unit), p = data.period_index(period);
    EXPECT_GE(u, 0) << name << " " << unit;
    EXPECT_GE(p, 0) << name << " " << period;
    if (u < 0 || p < 0) continue;
    const scoring::PeriodScores scores(data, p);
    const double threshold = query.at("weak_threshold").to_number<double>();
    const json::value got = score_report_json(scores, u, threshold);
    EXPECT_EQ(json_diff(query.at("result"), got), "") << name << " " << unit << " " << period;
    ++checked;
  }
  return checked;
}

TEST(SharedVectors, EveryVectorMatchesExpected) {
  const auto dirs = vector_dirs();
  if (dirs.empty()) GTEST_SKIP() << "no shared test vectors under " << CIVIC_SHARED_DIR;
  int checked = 0;
  for (const auto& dir : dirs) {
    const Bundle b = read_bundle(*read_text((dir / "bundle.json").string()));
    checked += check_queries(b, json::parse(*read_text((dir / "expected.json").string())).as_array(),
                             dir.filename().string());
  }
  EXPECT_GE(checked, 3 * static_cast<int>(dirs.size()));
}

TEST(SharedVectors, ExportReadBackScoresIdentically) {
  const auto dirs = vector_dirs();
  if (dirs.empty()) GTEST_SKIP() << "no shared test vectors under " << CIVIC_SHARED_DIR;
  for (const auto& dir : dirs) {
    const Bundle original = read_bundle(*read_text((dir / "bundle.json").string()));
    const std::string exported = write_bundle(original);
    const Bundle again = read_bundle(exported);
    EXPECT_EQ(write_bundle(again), exported) << dir;  // a fixed point after one trip
    // Identical, not merely close: the same doubles in, the same doubles out.
    const scoring::ScoringDataset a = build_dataset(original), b = build_dataset(again);
    for (int p = 0; p < a.period_count(); ++p) {
      const scoring::PeriodScores sa(a, p), sb(b, p);
      for (int u = 0; u < a.unit_count(); ++u) {
        EXPECT_EQ(json::serialize(score_report_json(sa, u, 0.85)),
                  json::serialize(score_report_json(sb, u, 0.85)))
            << dir << " " << a.unit_code[u];
      }
    }
    check_queries(again, json::parse(*read_text((dir / "expected.json").string())).as_array(),
                  dir.filename().string() + " (round trip)");
  }
}

}  // namespace
}  // namespace civic::bundle
