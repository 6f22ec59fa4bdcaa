// Open311 GeoReport v2 over real HTTP, checked against the structure of the specification's examples
// (https://wiki.open311.org/GeoReport_v2): service list, service definition, POST requests with a form body
// and an api_key, GET requests and GET requests/{id}; both formats; the standard error array.
// A round trip: POST a request, read it back by id and in the list, as JSON and as XML.
#include <gtest/gtest.h>

#include <regex>

#include "api/core/api_test_city.h"
#include "domain/cases/case_category.h"
#include "domain/files/test_images.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

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

Reply get(ApiCity& city, const std::string& target) {
  return http::testing::fetch(city.port(), "GET", target);
}

Reply post_form(ApiCity& city, const std::string& target, const std::string& form) {
  return http::testing::fetch(city.port(), "POST", target, form,
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
}

std::string form(ApiCity& city, const std::string& extra = "") {
  return "api_key=" + city.token("office") +
         "&jurisdiction_id=qc&service_code=environment&lat=30.5&long=114.25"
         "&address_string=%E4%BA%92%E8%B4%B8%E8%B7%AF+1%E5%8F%B7&email=li%40example.cn&first_name=Li"
         "&phone=13800138000&description=%E5%9E%83%E5%9C%BE%E6%BB%A1%E6%BA%A2" +
         extra;
}

std::vector<std::string> elements(const std::string& xml) {
  std::vector<std::string> out;
  std::regex tag("<([a-z_]+)/?>");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), tag); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

std::string element_text(const std::string& xml, const std::string& name) {
  auto start = xml.find("<" + name + ">");
  if (start == std::string::npos) return "<absent>";
  start += name.size() + 2;
  return xml.substr(start, xml.find("</" + name + ">", start) - start);
}

std::vector<std::string> ids_in(const Reply& r) {
  std::vector<std::string> ids;
  json::value v = ApiCity::parse(r);
  for (const auto& item : v.as_array()) ids.emplace_back(item.at("service_request_id").as_string());
  return ids;
}

// The first element of a JSON array answer.
json::value first(const Reply& r) {
  json::value v = ApiCity::parse(r);
  json::value item = v.as_array().at(0);
  return item;
}

std::string first_id(const Reply& r) {
  return std::string(first(r).at("service_request_id").as_string());
}

class Open311ApiTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(Open311ApiTest);

TEST_P(Open311ApiTest, ServicesAreTheCaseCategories) {
  ApiCity city(GetParam());
  Reply list = get(city, "/open311/v2/services.json");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.header("Content-Type"), "application/json; charset=utf-8");
  json::array services = ApiCity::parse(list).as_array();
  ASSERT_EQ(services.size(), case_categories().size());
  EXPECT_EQ(services[0].at("service_code"), "environment");
  EXPECT_EQ(services[0].at("service_name"), "环境卫生");
  EXPECT_EQ(services[0].at("type"), "realtime");

  Reply xml = get(city, "/open311/v2/services.xml");
  ASSERT_EQ(xml.status, 200);
  EXPECT_EQ(xml.header("Content-Type"), "text/xml; charset=utf-8");
  std::vector<std::string> names = elements(xml.body);
  EXPECT_EQ(names[0], "services");
  EXPECT_EQ(std::count(names.begin(), names.end(), "service"), static_cast<long>(case_categories().size()));

  Reply def = get(city, "/open311/v2/services/environment.json");
  ASSERT_EQ(def.status, 200) << def.body;
  EXPECT_EQ(ApiCity::parse(def), json::parse(R"({"service_code":"environment","attributes":[]})"));
  EXPECT_EQ(elements(get(city, "/open311/v2/services/order.xml").body),
            (std::vector<std::string>{"service_definition", "service_code", "attributes"}));

  Reply missing = get(city, "/open311/v2/services/potholes.json");
  EXPECT_EQ(missing.status, 404);
  json::array errors = ApiCity::parse(missing).as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("code"), 404);
  Reply missing_xml = get(city, "/open311/v2/services/potholes.xml");
  EXPECT_EQ(elements(missing_xml.body), (std::vector<std::string>{"errors", "error", "code", "description"}));
}

TEST_P(Open311ApiTest, PostThenReadBackInBothFormats) {
  ApiCity city(GetParam());
  Reply created = post_form(city, "/open311/v2/requests.json", form(city));
  ASSERT_EQ(created.status, 201) << created.body;
  json::array answer = ApiCity::parse(created).as_array();
  ASSERT_EQ(answer.size(), 1u);
  std::vector<std::string> keys;
  for (const auto& kv : answer[0].as_object()) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"service_request_id", "service_notice", "account_id"}));
  EXPECT_TRUE(answer[0].at("account_id").is_null());
  std::string id(answer[0].at("service_request_id").as_string());
  EXPECT_TRUE(id.starts_with("C20260301-")) << id;
  EXPECT_NE(std::string(answer[0].at("service_notice").as_string()).find("48"), std::string::npos);

  // By id, JSON: an array of one with the specification's fields.
  Reply one = get(city, "/open311/v2/requests/" + id + ".json");
  ASSERT_EQ(one.status, 200) << one.body;
  json::array got = ApiCity::parse(one).as_array();
  ASSERT_EQ(got.size(), 1u);
  std::vector<std::string> fields;
  for (const auto& kv : got[0].as_object()) fields.emplace_back(kv.key());
  EXPECT_EQ(fields, kSpecRequestFields);
  EXPECT_EQ(got[0].at("service_request_id").as_string(), id);
  EXPECT_EQ(got[0].at("status"), "open");
  EXPECT_EQ(got[0].at("service_code"), "environment");
  EXPECT_EQ(got[0].at("service_name"), "环境卫生");
  EXPECT_EQ(got[0].at("description"), "垃圾满溢");
  EXPECT_EQ(got[0].at("address"), "互贸路 1号");
  EXPECT_EQ(got[0].at("lat").as_double(), 30.5);
  EXPECT_EQ(got[0].at("long").as_double(), 114.25);
  EXPECT_EQ(got[0].at("requested_datetime"), "2026-03-01T00:00:00Z");
  EXPECT_TRUE(got[0].at("agency_responsible").is_null());  // not dispatched yet
  // The reporter's contact never shows.
  for (const char* secret : {"li@example.cn", "13800138000", "Li"}) {
    EXPECT_EQ(one.body.find(secret), std::string::npos) << secret;
  }

  // By id, XML.
  Reply one_xml = get(city, "/open311/v2/requests/" + id + ".xml");
  ASSERT_EQ(one_xml.status, 200);
  std::vector<std::string> names = elements(one_xml.body);
  std::vector<std::string> expected{"service_requests", "request"};
  expected.insert(expected.end(), kSpecRequestFields.begin(), kSpecRequestFields.end());
  EXPECT_EQ(names, expected);
  EXPECT_EQ(element_text(one_xml.body, "service_request_id"), id);
  EXPECT_EQ(element_text(one_xml.body, "long"), "114.25");

  // In the list (default window: the last 90 days), both formats.
  Reply list = get(city, "/open311/v2/requests.json");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(ids_in(list), std::vector<std::string>{id});
  Reply list_xml = get(city, "/open311/v2/requests.xml?service_code=environment&status=open");
  EXPECT_EQ(element_text(list_xml.body, "service_request_id"), id);

  // A JSON body works too, and XML answers the POST in XML.
  Reply created_xml = http::testing::fetch(
      city.port(), "POST", "/open311/v2/requests.xml",
      R"({"api_key":")" + city.token("office") + R"(","service_code":"order","lat":30.7,"long":114.1})",
      {{"Content-Type", "application/json"}});
  ASSERT_EQ(created_xml.status, 201) << created_xml.body;
  EXPECT_EQ(elements(created_xml.body),
            (std::vector<std::string>{"service_requests", "request", "service_request_id", "service_notice",
                                      "account_id"}));
  EXPECT_EQ(ids_in(get(city, "/open311/v2/requests.json")).size(), 2u);
  EXPECT_EQ(ids_in(get(city, "/open311/v2/requests.json?service_code=order")).size(), 1u);
}

TEST_P(Open311ApiTest, StatusNotesAgencyAndFilters) {
  ApiCity city(GetParam());
  std::string a = first_id(post_form(city, "/open311/v2/requests.json", form(city)));
  std::string b = first_id(post_form(city, "/open311/v2/requests.json", form(city, "&lat=31")));
  service::Principal office = city.services().auth.authenticate_api_token(city.token("office"), "127.0.0.1");
  service::CaseActionRequest reject;
  reject.reason = "不属于受理范围";
  city.services().cases.act(office, a, "reject", reject);
  service::CaseActionRequest reg;
  reg.category = "environment";
  reg.severity = "一般";
  city.services().cases.act(office, b, "register", reg);
  service::CaseActionRequest dispatch = reg;
  dispatch.unit = "D1-S1";
  city.services().cases.act(office, b, "dispatch", dispatch);

  json::value closed = first(get(city, "/open311/v2/requests/" + a + ".json"));
  EXPECT_EQ(closed.at("status"), "closed");
  EXPECT_EQ(closed.at("status_notes"), "不属于受理范围");
  json::value open = first(get(city, "/open311/v2/requests/" + b + ".json"));
  EXPECT_EQ(open.at("status"), "open");
  EXPECT_EQ(open.at("agency_responsible"), "一街道");
  EXPECT_EQ(open.at("expected_datetime"), "2026-03-03T00:00:00Z");  // environment: 48 h from dispatch

  EXPECT_EQ(ids_in(get(city, "/open311/v2/requests.json?status=closed")), std::vector<std::string>{a});
  EXPECT_EQ(ids_in(get(city, "/open311/v2/requests.json?status=open")), std::vector<std::string>{b});
  EXPECT_EQ(ids_in(get(city, "/open311/v2/requests.json?service_request_id=" + a + "," + b + ",C1")).size(),
            2u);
  EXPECT_TRUE(ids_in(get(city, "/open311/v2/requests.json?end_date=2026-02-01T00:00:00Z")).empty());
  EXPECT_EQ(ids_in(get(city, "/open311/v2/requests.json?start_date=2026-03-01T07:00:00%2B08:00")).size(), 2u);

  Reply bad = get(city, "/open311/v2/requests.json?status=pending");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(std::string(first(bad).at("description").as_string()).find("status"), std::string::npos);
  EXPECT_EQ(get(city, "/open311/v2/requests/C20990101-00001.json").status, 404);
}

TEST_P(Open311ApiTest, PostNeedsAnApiKeyAndValidFields) {
  ApiCity city(GetParam());
  Reply no_key = post_form(city, "/open311/v2/requests.json", "service_code=environment&lat=30&long=114");
  EXPECT_EQ(no_key.status, 403) << no_key.body;
  EXPECT_EQ(first(no_key).at("code"), 403);
  Reply wrong_key =
      post_form(city, "/open311/v2/requests.xml", "api_key=nope&service_code=environment&lat=30&long=114");
  EXPECT_EQ(wrong_key.status, 403);
  EXPECT_EQ(elements(wrong_key.body), (std::vector<std::string>{"errors", "error", "code", "description"}));

  auto description_of = [&](const std::string& extra) {
    Reply r = post_form(city, "/open311/v2/requests.json", "api_key=" + city.token("office") + extra);
    EXPECT_EQ(r.status, 400) << extra << " → " << r.body;
    return std::string(first(r).at("description").as_string());
  };
  EXPECT_NE(description_of("&lat=30&long=114").find("service_code"), std::string::npos);
  EXPECT_NE(description_of("&service_code=potholes&lat=30&long=114").find("service_code"), std::string::npos);
  EXPECT_NE(description_of("&service_code=order&lat=95&long=114").find("lat"), std::string::npos);
  EXPECT_NE(description_of("&service_code=order").find("address_string"), std::string::npos);
  EXPECT_NE(description_of("&service_code=order&address_string=%20%20").find("address_string"),
            std::string::npos);
  EXPECT_NE(description_of("&service_code=order&lat=30&address_string=x").find("long"), std::string::npos);
  EXPECT_NE(description_of("&service_code=order&lat=30&long=114&email=x").find("email"), std::string::npos);
  EXPECT_TRUE(ids_in(get(city, "/open311/v2/requests.json")).empty());  // nothing stored
}

TEST_P(Open311ApiTest, MediaUrlIsThePublicPhoto) {
  ApiCity city(GetParam());
  Reply photo = http::testing::fetch(city.port(), "POST", "/api/public/photos",
                                     civic::testing::tiny_png(5, 4), {{"Content-Type", "image/png"}});
  ASSERT_EQ(photo.status, 201) << photo.body;
  std::string pid(ApiCity::parse(photo).at("id").as_string());
  Reply created = post_form(city, "/open311/v2/requests.json",
                            form(city, "&media_url=http%3A%2F%2F127.0.0.1%2Fapi%2Fpublic%2Fphotos%2F" + pid));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = first_id(created);
  json::value got = first(get(city, "/open311/v2/requests/" + id + ".json"));
  std::string url(got.at("media_url").as_string());
  EXPECT_TRUE(url.starts_with("http://")) << url;
  EXPECT_TRUE(url.ends_with("/api/public/photos/" + pid)) << url;
  EXPECT_EQ(get(city, "/api/public/photos/" + pid).status, 200);
}

}  // namespace
}  // namespace civic::api
