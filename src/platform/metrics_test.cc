#include "platform/metrics.h"

#include <gtest/gtest.h>

namespace civic::platform {
namespace {

TEST(Metrics, CountsRequestsByRouteAndStatusWithCumulativeBuckets) {
  Metrics m;
  m.observe_request("GET", "/api/cases/{code}", 200, 0.003);
  m.observe_request("GET", "/api/cases/{code}", 200, 0.2);
  m.observe_request("GET", "/api/cases/{code}", 404, 0.001);
  m.observe_request("POST", "/api/cases", 201, 30);  // beyond the last bucket: only +Inf
  std::string text = m.exposition();
  EXPECT_NE(text.find("# TYPE civic_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(
      text.find("civic_http_requests_total{method=\"GET\",route=\"/api/cases/{code}\",status=\"200\"} 2\n"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("civic_http_requests_total{method=\"GET\",route=\"/api/cases/{code}\",status=\"404\"} 1\n"),
      std::string::npos);
  // 0.003 s falls in le=0.005 and every bucket above; 0.2 s from le=0.25 on.
  const std::string series =
      "civic_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/cases/{code}\","
      "status=\"200\",le=\"";
  EXPECT_NE(text.find(series + "0.0025\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find(series + "0.005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find(series + "0.1\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find(series + "0.25\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find(series + "+Inf\"} 2\n"), std::string::npos);
  const std::string post = "{method=\"POST\",route=\"/api/cases\",status=\"201\"";
  EXPECT_NE(text.find("civic_http_request_duration_seconds_bucket" + post + ",le=\"10\"} 0\n"),
            std::string::npos);
  EXPECT_NE(text.find("civic_http_request_duration_seconds_bucket" + post + ",le=\"+Inf\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("civic_http_request_duration_seconds_sum" + post + "} 30\n"), std::string::npos);
  EXPECT_NE(text.find("civic_http_request_duration_seconds_count" + post + "} 1\n"), std::string::npos);
}

TEST(Metrics, InFlightAndCollectorsAndEscapedLabels) {
  Metrics m;
  m.request_started();
  m.request_started();
  m.request_finished();
  m.add_collector([](std::string& out) {
    Metrics::write_family(out, "civic_job_runs_total", "counter", "Runs.", {{{{"job", "a\"b\\c\nd"}}, 3}});
  });
  std::string text = m.exposition();
  EXPECT_NE(text.find("civic_http_requests_in_flight 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("civic_job_runs_total{job=\"a\\\"b\\\\c\\nd\"} 3\n"), std::string::npos) << text;
}

TEST(Metrics, ProcessFiguresAreReadFromProc) {
  EXPECT_GT(process_resident_bytes(), 1 << 20);
  EXPECT_GE(process_open_descriptors(), 3);  // stdin, stdout, stderr at least
}

}  // namespace
}  // namespace civic::platform
