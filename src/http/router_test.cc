#include "http/router.h"

#include <gtest/gtest.h>

#include "domain/core/error.h"
#include "http/json_body.h"
#include "http/pipeline.h"

namespace civic::http {
namespace {

Request make(std::string method, std::vector<std::string> segments) {
  Request r;
  r.method = std::move(method);
  r.segments = std::move(segments);
  for (auto& s : r.segments) r.path += "/" + s;
  return r;
}

TEST(Router, MatchesLiteralsBeforeNothingAndBindsParameters) {
  Router router;
  router.get("/api/units", [](Request&) { return Response::json(200, "list"); });
  router.get("/api/units/{code}", [](Request& r) { return Response::json(200, r.param("code").c_str()); });
  Request list = make("GET", {"api", "units"});
  EXPECT_EQ(router.dispatch(list).body, R"("list")");
  Request one = make("GET", {"api", "units", "3301"});
  EXPECT_EQ(router.dispatch(one).body, R"("3301")");
  Request deeper = make("GET", {"api", "units", "3301", "x"});
  EXPECT_EQ(router.dispatch(deeper).status, 404);
  Request empty_param = make("GET", {"api", "units", ""});
  EXPECT_EQ(router.dispatch(empty_param).status, 404);
}

TEST(Router, RejectsMalformedPatterns) {
  Router router;
  auto h = [](Request&) { return Response::no_content(); };
  EXPECT_THROW(router.get("api/x", h), std::invalid_argument);
  EXPECT_THROW(router.get("/api//x", h), std::invalid_argument);
  EXPECT_THROW(router.get("/api/{x", h), std::invalid_argument);
  EXPECT_THROW(router.get("/api/{}", h), std::invalid_argument);
}

TEST(Router, MiddlewareRunsInRegistrationOrderAndSeesTheRoute) {
  Router router;
  std::string trace;
  router.use([&](Request& r, const Route& route, const Handler& next) {
    trace += "a(" + route.pattern + ")";
    return next(r);
  });
  router.use([&](Request& r, const Route& route, const Handler& next) {
    trace += "b";
    if (!route.options.is_public) throw Unauthenticated("sign in first");
    return next(r);
  });
  router.get("/api/open",
             [&](Request&) {
               trace += "h";
               return Response::no_content();
             },
             {.is_public = true});
  router.get("/api/closed", [&](Request&) {
    trace += "h";
    return Response::no_content();
  });
  Request open = make("GET", {"api", "open"});
  EXPECT_EQ(router.dispatch(open).status, 204);
  EXPECT_EQ(trace, "a(/api/open)bh");
  Request closed = make("GET", {"api", "closed"});
  EXPECT_EQ(respond(router, closed).status, 401);
}

TEST(Router, FallbackOnlyOutsideApi) {
  Router router;
  router.set_fallback([](Request&) { return Response::json(200, "static"); });
  Request page = make("GET", {"cases", "1"});
  EXPECT_EQ(router.dispatch(page).body, R"("static")");
  Request api = make("GET", {"api", "cases"});
  EXPECT_EQ(router.dispatch(api).status, 404);
}

TEST(RequestTest, ReadsCookiesAndHeadersCaseInsensitively) {
  Request r;
  r.headers = {{"cookie", "a=1; civic_session=abc.def ; other=\"q\""}, {"x-csrf-token", "t"}};
  EXPECT_EQ(r.cookie("civic_session"), "abc.def");
  EXPECT_EQ(r.cookie("other"), "q");
  EXPECT_EQ(r.cookie("missing"), std::nullopt);
  EXPECT_EQ(r.header("X-CSRF-Token"), "t");
}

TEST(JsonBody, NamesTheFieldThatIsWrong) {
  auto field_of = [](auto f) {
    try {
      f();
    } catch (const InvalidInput& e) {
      return e.field();
    }
    return std::string("<no error>");
  };
  EXPECT_EQ(field_of([] { parse_json_object("[1,2]"); }), "body");
  EXPECT_EQ(field_of([] { parse_json_object("{"); }), "body");
  auto obj = parse_json_object(R"({"name":"x","n":3,"f":1.5,"b":true,"empty":""})");
  EXPECT_EQ(require_string(obj, "name"), "x");
  EXPECT_EQ(require_int(obj, "n"), 3);
  EXPECT_EQ(optional_bool(obj, "b"), true);
  EXPECT_EQ(field_of([&] { require_string(obj, "missing"); }), "missing");
  EXPECT_EQ(field_of([&] { require_string(obj, "empty"); }), "empty");
  EXPECT_EQ(field_of([&] { require_int(obj, "f"); }), "f");
  EXPECT_EQ(field_of([&] { require_int(obj, "name"); }), "name");
  EXPECT_EQ(field_of([&] { optional_bool(obj, "n"); }), "n");
  EXPECT_TRUE(parse_json_object("").empty());
}

TEST(Router, HeadRunsTheGetRouteAndAllowNamesIt) {
  Router router;
  router.get("/api/units/{code}", [](Request& r) { return Response::json(200, r.method.c_str()); });
  router.put("/api/units/{code}", [](Request&) { return Response::no_content(); });
  Request head = make("HEAD", {"api", "units", "3301"});
  EXPECT_EQ(router.dispatch(head).body, R"("HEAD")");
  EXPECT_EQ(head.param("code"), "3301");
  EXPECT_EQ(router.body_limit("HEAD", {"api", "units", "3301"}), RouteOptions{}.body_limit);
  Request del = make("DELETE", {"api", "units", "3301"});
  Response refused = router.dispatch(del);
  EXPECT_EQ(refused.status, 405);
  EXPECT_EQ(refused.header("Allow"), "GET, HEAD, PUT");
}

TEST(Router, ErrorFormatOfTheLongestPrefixShapesErrorsUnderIt) {
  Router router;
  router.get("/open311/v2/fail", [](Request&) -> Response { throw NotFound("gone"); });
  auto shape = [](std::string name) {
    return [name](const Request&, const ErrorDetails& e) {
      Response r;
      r.status = e.status;
      r.body = name + " " + e.code + " " + e.message;
      return r;
    };
  };
  router.set_error_format("/open311", shape("outer"));
  router.set_error_format("/open311/v2", shape("inner"));
  router.set_fallback([](Request&) { return Response::json(200, "index.html"); });
  Request fail = make("GET", {"open311", "v2", "fail"});
  EXPECT_EQ(respond(router, fail).body, "inner not_found gone");
  Request v1 = make("GET", {"open311", "v1", "x"});
  EXPECT_EQ(respond(router, v1).body, "outer not_found no such endpoint: /open311/v1/x");
  Request near = make("GET", {"open3110", "x"});
  EXPECT_EQ(respond(router, near).body, R"("index.html")");
  Request api = make("GET", {"api", "x"});
  EXPECT_NE(respond(router, api).body.find(R"("code":"not_found")"), std::string::npos);
}

}  // namespace
}  // namespace civic::http
