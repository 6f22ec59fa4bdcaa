#include "json/json_text.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <limits>

namespace civic {
namespace {

TEST(JsonText, NumbersInTheirShortestRoundTripForm) {
  boost::json::object o{{"rate", 81.2}, {"whole", 3.0}, {"tiny", 1e-20}, {"count", 7}};
  EXPECT_EQ(to_json_text(o, 0), R"({"rate":81.2,"whole":3.0,"tiny":1e-20,"count":7})");
  // Every double reads back exactly.
  for (double d : {0.1, 1.0 / 3.0, 2.5e300, -0.0, 123456789.125}) {
    const double back = boost::json::parse(to_json_text(boost::json::value(d), 0)).as_double();
    EXPECT_EQ(back, d);
  }
}

TEST(JsonText, NonFiniteNumbersBecomeNull) {
  boost::json::array a{std::numeric_limits<double>::quiet_NaN(), INFINITY};
  EXPECT_EQ(to_json_text(a, 0), "[null, null]");
  EXPECT_TRUE(json_number(NAN).is_null());
  EXPECT_EQ(json_number(0.5).as_double(), 0.5);
}

TEST(JsonText, StringsAndKeysAreEscaped) {
  boost::json::object o{{"名\"称", "a\nb\\c"}};
  const std::string text = to_json_text(o, 0);
  EXPECT_EQ(boost::json::parse(text).as_object().at("名\"称").as_string(), "a\nb\\c");
}

TEST(JsonText, IndentPrettyPrintsAndKeepsShortScalarListsOnOneLine) {
  boost::json::object o{{"types", boost::json::array{"广场", "公园"}}, {"n", nullptr}};
  EXPECT_EQ(to_json_text(o, 1), "{\n \"types\": [\"广场\", \"公园\"],\n \"n\": null\n}");
}

}  // namespace
}  // namespace civic
