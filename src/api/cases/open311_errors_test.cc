// Every error under /open311 in Open311's shape (docs/open311.md), in JSON and in XML, including the ones
// the server raises before any Open311 route runs: a body over the limit (413), a malformed request (400),
// an unknown resource (404) and a wrong method (405); and the api_key refusals (403).
#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include "api/cases/open311_format.h"
#include "api/core/api_test_city.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;
namespace asio = boost::asio;

// Sends raw bytes and reads until the server closes the connection.
std::string raw_exchange(unsigned short port, const std::string& bytes) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(socket, asio::buffer(bytes));
  std::string out;
  boost::system::error_code ec;
  char chunk[4096];
  for (;;) {
    size_t n = socket.read_some(asio::buffer(chunk), ec);
    out.append(chunk, n);
    if (ec) break;
  }
  return out;
}

// The one error of a JSON error array, checked to be exactly [{"code": status, "description": "…"}].
void expect_json_error(const Reply& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/json; charset=utf-8");
  json::value v = json::parse(r.body);
  ASSERT_TRUE(v.is_array()) << r.body;
  ASSERT_EQ(v.as_array().size(), 1u);
  const json::object& error = v.as_array()[0].as_object();
  EXPECT_EQ(error.size(), 2u) << r.body;
  EXPECT_EQ(error.at("code"), status);
  EXPECT_FALSE(error.at("description").as_string().empty());
}

void expect_xml_error(int status, const std::string& body) {
  EXPECT_NE(body.find("<errors><error><code>" + std::to_string(status) + "</code><description>"),
            std::string::npos)
      << body;
  EXPECT_EQ(body.find("\"error\""), std::string::npos) << body;
}

void expect_xml_error(const Reply& r, int status) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "text/xml; charset=utf-8");
  expect_xml_error(status, r.body);
}

Reply post_form(ApiCity& city, const std::string& target, const std::string& form) {
  return http::testing::fetch(city.port(), "POST", target, form,
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
}

std::string valid_form(ApiCity& city) {
  return "api_key=" + city.token("office") + "&service_code=environment&lat=30.5&long=114.25&description=";
}

class Open311ErrorsTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(Open311ErrorsTest);

TEST_P(Open311ErrorsTest, BodyOverTheLimitIs413InBothFormats) {
  ApiCity city(GetParam());
  std::string big = valid_form(city) + std::string(17 * 1024, 'x');
  expect_json_error(post_form(city, "/open311/v2/requests.json", big), 413);
  expect_xml_error(post_form(city, "/open311/v2/requests.xml", big), 413);
}

TEST_P(Open311ErrorsTest, MalformedRequestIs400InBothFormats) {
  ApiCity city(GetParam());
  for (const char* ext : {".json", ".xml"}) {
    std::string out = raw_exchange(city.port(), std::string("GET /open311/v2/services") + ext +
                                                    " HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n");
    EXPECT_TRUE(out.starts_with("HTTP/1.1 400")) << out;
    std::string body = out.substr(out.find("\r\n\r\n") + 4);
    if (std::string(ext) == ".xml") {
      expect_xml_error(400, body);
    } else {
      EXPECT_EQ(body.find(R"({"error")"), std::string::npos) << body;
      EXPECT_TRUE(body.starts_with(R"([{"code":400,"description":)")) << body;
    }
  }
}

TEST_P(Open311ErrorsTest, MissingOrBadApiKeyIs403InBothFormats) {
  ApiCity city(GetParam());
  std::string no_key = "service_code=environment&lat=30.5&long=114.25";
  expect_json_error(post_form(city, "/open311/v2/requests.json", no_key), 403);
  expect_xml_error(post_form(city, "/open311/v2/requests.xml", no_key), 403);
  expect_json_error(post_form(city, "/open311/v2/requests.json", "api_key=nope&" + no_key), 403);
  expect_xml_error(post_form(city, "/open311/v2/requests.xml", "api_key=nope&" + no_key), 403);
}

TEST_P(Open311ErrorsTest, UnknownResourceIs404AndWrongMethodIs405) {
  ApiCity city(GetParam());
  expect_json_error(http::testing::fetch(city.port(), "GET", "/open311/v2/nothing.json"), 404);
  expect_xml_error(http::testing::fetch(city.port(), "GET", "/open311/v2/nothing.xml"), 404);
  Reply wrong = http::testing::fetch(city.port(), "DELETE", "/open311/v2/requests.xml");
  expect_xml_error(wrong, 405);
  EXPECT_EQ(wrong.header("Allow"), "GET, HEAD, POST");
  expect_json_error(http::testing::fetch(city.port(), "PUT", "/open311/v2/services.json"), 405);
}

TEST(Open311ErrorAnswer, UnauthenticatedIs403AndTheFieldLeadsTheDescription) {
  http::Request request;
  request.segments = {"open311", "v2", "requests.xml"};
  http::Response r = open311::error_answer(request, {401, "unauthenticated", "api_key is required", "", {}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body, open311::errors_document({{403, "api_key is required"}}, open311::Format::xml));
  request.segments = {"open311", "v2", "requests.json"};
  r = open311::error_answer(request, {400, "invalid_input", "must be a number", "lat", {}});
  EXPECT_EQ(r.body, R"([{"code":400,"description":"lat: must be a number"}])");
  request.segments = {};  // a request line that could not be read: JSON
  r = open311::error_answer(request, {400, "invalid_input", "malformed HTTP request", "request", {}});
  EXPECT_EQ(r.header("Content-Type"), "application/json; charset=utf-8");
}

}  // namespace
}  // namespace civic::api
