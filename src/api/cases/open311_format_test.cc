// The Open311 documents against the GeoReport v2 specification's examples
// (https://wiki.open311.org/GeoReport_v2): the same array shapes, field names in the same order, the same XML
// element names; and the request parsing (form bodies as the spec's POST example sends them, the GET requests
// filters and their defaults).
#include "api/cases/open311_format.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>

#include "domain/core/error.h"

namespace civic::api::open311 {
namespace {

namespace json = boost::json;

// Field names of the specification's example responses, in the order shown there.
const std::vector<std::string> kSpecServiceFields{"service_code", "service_name", "description", "metadata",
                                                  "type",         "keywords",     "group"};
const std::vector<std::string> kSpecRequestFields{"service_request_id",
                                                  "status",
                                                  "status_notes",
                                                  "service_name",
                                                  "service_code",
                                                  "description",
                                                  "agency_responsible",
                                                  "service_notice",
                                                  "requested_datetime",
                                                  "updated_datetime",
                                                  "expected_datetime",
                                                  "address",
                                                  "address_id",
                                                  "zipcode",
                                                  "lat",
                                                  "long",
                                                  "media_url"};
const std::vector<std::string> kSpecCreatedFields{"service_request_id", "service_notice", "account_id"};

std::vector<std::string> keys(const json::object& o) {
  std::vector<std::string> out;
  for (const auto& kv : o) out.emplace_back(kv.key());
  return out;
}

// The element names of an XML text in document order (opening and empty elements).
std::vector<std::string> elements(const std::string& xml) {
  std::vector<std::string> out;
  std::regex tag("<([a-z_]+)(/?)>");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), tag); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

// The text between <name> and </name> of the first such element.
std::string element_text(const std::string& xml, const std::string& name) {
  auto start = xml.find("<" + name + ">");
  if (start == std::string::npos) return "<absent>";
  start += name.size() + 2;
  return xml.substr(start, xml.find("</" + name + ">", start) - start);
}

ServiceRequest sample_request() {
  ServiceRequest r;
  r.id = "C20260301-00001";
  r.status = "open";
  r.status_notes = "已派遣 <处置中> & 跟进";
  r.service_name = "环境卫生";
  r.service_code = "environment";
  r.description = "垃圾桶满溢";
  r.agency_responsible = "一街道";
  r.requested = 1'772'352'000'000;  // 2026-03-01T08:00:00Z
  r.updated = 1'772'355'600'000;
  r.expected = 1'772'524'800'000;
  r.address = "互贸路 1 号";
  r.lat = 30.5;
  r.lon = 114.25;
  r.media_url = "https://civic.example/api/public/photos/ab";
  return r;
}

TEST(Open311Format, SplitsTheFormatSuffix) {
  EXPECT_EQ(split_format("services.json"), (std::pair<std::string, Format>{"services", Format::json}));
  EXPECT_EQ(split_format("C20260301-00001.xml"),
            (std::pair<std::string, Format>{"C20260301-00001", Format::xml}));
  EXPECT_FALSE(split_format("services.html"));
  EXPECT_FALSE(split_format(".json"));
  EXPECT_FALSE(split_format("services"));
}

TEST(Open311Format, ServiceListHasTheSpecShape) {
  std::vector<Service> services{{"environment", "环境卫生", "48 小时内处置", "垃圾, 卫生", "市容环境"},
                                {"order", "市容秩序", "", "", ""}};
  json::value doc = json::parse(services_document(services, Format::json));
  ASSERT_TRUE(doc.is_array());
  ASSERT_EQ(doc.as_array().size(), 2u);
  EXPECT_EQ(keys(doc.as_array()[0].as_object()), kSpecServiceFields);
  EXPECT_EQ(doc.as_array()[0].at("metadata"), json::value(false));
  EXPECT_EQ(doc.as_array()[0].at("type"), "realtime");
  EXPECT_EQ(doc.as_array()[1].at("service_code"), "order");

  std::string xml = services_document(services, Format::xml);
  EXPECT_TRUE(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
  std::vector<std::string> expected{"services", "service"};
  expected.insert(expected.end(), kSpecServiceFields.begin(), kSpecServiceFields.end());
  expected.push_back("service");
  expected.insert(expected.end(), kSpecServiceFields.begin(), kSpecServiceFields.end());
  EXPECT_EQ(elements(xml), expected);
  EXPECT_EQ(element_text(xml, "service_name"), "环境卫生");
  EXPECT_EQ(element_text(xml, "metadata"), "false");
}

TEST(Open311Format, ServiceDefinitionHasAttributes) {
  json::value doc = json::parse(service_definition_document("environment", Format::json));
  EXPECT_EQ(doc.at("service_code"), "environment");
  EXPECT_TRUE(doc.at("attributes").as_array().empty());
  std::string xml = service_definition_document("environment", Format::xml);
  EXPECT_EQ(elements(xml), (std::vector<std::string>{"service_definition", "service_code", "attributes"}));
}

TEST(Open311Format, RequestsHaveTheSpecFieldsInBothFormats) {
  ServiceRequest closed = sample_request();
  closed.id = "C20260301-00002";
  closed.status = "closed";
  closed.lat.reset();
  closed.lon.reset();
  closed.media_url.clear();
  closed.expected.reset();
  std::vector<ServiceRequest> requests{sample_request(), closed};

  json::value doc = json::parse(requests_document(requests, Format::json));
  ASSERT_EQ(doc.as_array().size(), 2u);
  const json::object& first = doc.as_array()[0].as_object();
  EXPECT_EQ(keys(first), kSpecRequestFields);
  EXPECT_EQ(first.at("service_request_id"), "C20260301-00001");
  EXPECT_EQ(first.at("requested_datetime"), "2026-03-01T08:00:00Z");
  EXPECT_EQ(first.at("lat").as_double(), 30.5);
  EXPECT_EQ(first.at("long").as_double(), 114.25);
  EXPECT_EQ(first.at("status_notes"), "已派遣 <处置中> & 跟进");
  const json::object& second = doc.as_array()[1].as_object();
  EXPECT_EQ(keys(second), kSpecRequestFields);  // absent values stay as null, never dropped
  EXPECT_TRUE(second.at("lat").is_null());
  EXPECT_TRUE(second.at("media_url").is_null());
  EXPECT_TRUE(second.at("expected_datetime").is_null());

  std::string xml = requests_document(requests, Format::xml);
  std::vector<std::string> names = elements(xml);
  ASSERT_GE(names.size(), 2 + kSpecRequestFields.size());
  EXPECT_EQ(names[0], "service_requests");
  EXPECT_EQ(names[1], "request");
  EXPECT_EQ(std::vector<std::string>(names.begin() + 2, names.begin() + 2 + kSpecRequestFields.size()),
            kSpecRequestFields);
  EXPECT_EQ(element_text(xml, "status_notes"), "已派遣 &lt;处置中&gt; &amp; 跟进");
  EXPECT_EQ(element_text(xml, "long"), "114.25");
  EXPECT_NE(xml.find("<media_url/>"), std::string::npos);
}

TEST(Open311Format, CreatedAndErrorsHaveTheSpecShape) {
  json::value created = json::parse(created_document({"C20260301-00003", "48 小时内处置"}, Format::json));
  ASSERT_EQ(created.as_array().size(), 1u);
  EXPECT_EQ(keys(created.as_array()[0].as_object()), kSpecCreatedFields);
  EXPECT_TRUE(created.as_array()[0].at("account_id").is_null());
  EXPECT_EQ(elements(created_document({"C1", ""}, Format::xml)),
            (std::vector<std::string>{"service_requests", "request", "service_request_id", "service_notice",
                                      "account_id"}));

  json::value errors = json::parse(errors_document({{400, "service_code is required"}}, Format::json));
  EXPECT_EQ(errors, json::parse(R"([{"code":400,"description":"service_code is required"}])"));
  std::string xml = errors_document({{403, "bad api_key"}}, Format::xml);
  EXPECT_EQ(elements(xml), (std::vector<std::string>{"errors", "error", "code", "description"}));
  EXPECT_EQ(element_text(xml, "code"), "403");
}

TEST(Open311Format, ParsesTheSpecPostFormBody) {
  // The form body of the specification's POST example, with our values.
  auto fields = parse_form(
      "api_key=xyz&jurisdiction_id=city.gov&service_code=environment&lat=30.5&long=114.25"
      "&address_string=%E4%BA%92%E8%B4%B8%E8%B7%AF+1&email=a%40b.cn&first_name=Li&last_name=Ming"
      "&phone=13800000000&description=full+bin&media_url=https%3A%2F%2Fx.cn%2F1.jpg&attribute%5BX%5D=1");
  NewRequest r = parse_new_request(fields);
  EXPECT_EQ(r.service_code, "environment");
  EXPECT_EQ(r.lat, 30.5);
  EXPECT_EQ(r.lon, 114.25);
  EXPECT_EQ(r.address_string, "互贸路 1");
  EXPECT_EQ(r.email, "a@b.cn");
  EXPECT_EQ(r.description, "full bin");
  EXPECT_EQ(r.media_url, "https://x.cn/1.jpg");
  EXPECT_EQ(r.first_name, "Li");

  auto from_json = parse_json_fields(R"({"service_code":"order","lat":30.1,"long":114,"description":null})");
  NewRequest j = parse_new_request(from_json);
  EXPECT_EQ(j.service_code, "order");
  EXPECT_EQ(j.lat, 30.1);
  EXPECT_EQ(j.lon, 114.0);
}

std::string field_of_failure(const std::string& form) {
  try {
    parse_new_request(parse_form(form));
  } catch (const InvalidInput& e) {
    return e.field();
  }
  return "<accepted>";
}

TEST(Open311Format, NamesTheWrongField) {
  EXPECT_EQ(field_of_failure("lat=30&long=114"), "service_code");
  EXPECT_EQ(field_of_failure("service_code=x&lat=91&long=114"), "lat");
  EXPECT_EQ(field_of_failure("service_code=x&lat=30&long=181"), "long");
  EXPECT_EQ(field_of_failure("service_code=x&lat=abc&long=1"), "lat");
  EXPECT_EQ(field_of_failure("service_code=x&lat=30"), "long");
  EXPECT_EQ(field_of_failure("service_code=x"), "lat");
  EXPECT_EQ(field_of_failure("service_code=x&address_string=a"), "<accepted>");  // an address alone will do
  EXPECT_EQ(field_of_failure("service_code=x&lat=1&long=2&email=nope"), "email");
  EXPECT_EQ(field_of_failure("service_code=x&lat=1&long=2&media_url=file%3A%2F%2Fx"), "media_url");
  EXPECT_EQ(field_of_failure("service_code=x&lat=1&long=2"), "<accepted>");
  EXPECT_THROW(parse_form("a=%zz"), InvalidInput);
  EXPECT_THROW(parse_form("a=%4"), InvalidInput);
  EXPECT_THROW(parse_json_fields("[1]"), InvalidInput);
}

TEST(Open311Format, RequestQueryFiltersAndDefaults) {
  const TimeMs now = 1'780'000'000'000;
  RequestQuery none = parse_request_query({}, now);
  EXPECT_EQ(none.end, now);
  EXPECT_EQ(none.start, now - 90LL * 86'400'000);
  EXPECT_FALSE(none.open);
  EXPECT_EQ(none.limit, 1000);

  RequestQuery q = parse_request_query({{"service_request_id", "C1, C2"},
                                        {"service_code", "environment"},
                                        {"status", "closed"},
                                        {"start_date", "2026-03-01T08:00:00+08:00"},
                                        {"end_date", "2026-03-02T00:00:00Z"}},
                                       now);
  EXPECT_EQ(q.ids, (std::vector<std::string>{"C1", "C2"}));
  EXPECT_EQ(q.service_codes, (std::vector<std::string>{"environment"}));
  EXPECT_EQ(q.open, false);
  EXPECT_EQ(q.start, 1'772'323'200'000);  // 08:00 in +08:00 is midnight UTC
  EXPECT_EQ(q.end, 1'772'409'600'000);
  EXPECT_FALSE(parse_request_query({{"status", "open,closed"}}, now).open);
  EXPECT_EQ(parse_request_query({{"status", "open"}}, now).open, true);

  RequestQuery from_start = parse_request_query({{"start_date", "2026-03-01T00:00:00Z"}}, now);
  EXPECT_EQ(*from_start.end - *from_start.start, 90LL * 86'400'000);

  auto field = [&](std::vector<std::pair<std::string, std::string>> p) {
    try {
      parse_request_query(p, now);
    } catch (const InvalidInput& e) {
      return e.field();
    }
    return std::string("<accepted>");
  };
  EXPECT_EQ(field({{"status", "pending"}}), "status");
  EXPECT_EQ(field({{"start_date", "yesterday"}}), "start_date");
  EXPECT_EQ(field({{"end_date", "2026-13-01"}}), "end_date");
  EXPECT_EQ(field({{"start_date", "2026-03-02"}, {"end_date", "2026-03-01"}}), "start_date");
}

TEST(Open311Format, TimesAreIsoWithoutFractions) {
  EXPECT_EQ(format_time(1'772'352'000'123), "2026-03-01T08:00:00Z");
  EXPECT_EQ(parse_time("2026-03-01T08:00:00Z"), 1'772'352'000'000);
  EXPECT_EQ(parse_time("2026-03-01T03:00:00-05:00"), 1'772'352'000'000);
  EXPECT_FALSE(parse_time("2026-03-01T03:00:00-5:00"));
}

}  // namespace
}  // namespace civic::api::open311
