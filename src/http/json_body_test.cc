// The body readers: the full JSON path and message key of every bad value, text limits, nested lists.
#include "http/json_body.h"

#include <gtest/gtest.h>

#include "domain/core/error.h"

namespace civic::http {
namespace {

// The field and key of the InvalidInput `read` throws.
template <class F>
std::pair<std::string, std::string> rejection(F read) {
  try {
    read();
  } catch (const InvalidInput& e) {
    return {e.field(), e.key().key};
  }
  ADD_FAILURE() << "no InvalidInput thrown";
  return {};
}

TEST(JsonFields, NamesTheFullPathOfANestedBadValue) {
  auto body = parse_json_object(R"({"actions":[{"phases":[]},{"phases":[{"start":"2026-02-30"}]}]})");
  JsonFields fields(body);
  auto read_start = [&] {
    for (const auto& action : fields.object_list("actions")) {
      for (const auto& phase : action.object_list("phases")) phase.date("start");
    }
  };
  EXPECT_EQ(rejection(read_start),
            (std::pair<std::string, std::string>{"actions[1].phases[0].start", "input.not_date"}));
}

TEST(JsonFields, ReadsEveryKindAndDefaultsAbsentLists) {
  auto body = parse_json_object(
      R"({"n":2.5,"i":7,"b":true,"d":"2026-07-01","t":"2026-07-01T00:30:00Z","tags":["a","b"],"ids":[1,2],"o":{"x":"y"}})");
  JsonFields f(body);
  EXPECT_EQ(f.number("n"), 2.5);
  EXPECT_EQ(f.integer("i"), 7);
  EXPECT_EQ(f.number("i"), 7.0);
  EXPECT_TRUE(f.boolean("b"));
  EXPECT_EQ(f.date("d"), (CivilDate{2026, 7, 1}));
  EXPECT_EQ(f.time("t"), 1'782'865'800'000);
  EXPECT_EQ(f.text_list("tags"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(f.integer_list("ids"), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(f.member_object("o").text("x"), "y");
  EXPECT_TRUE(f.text_list("missing").empty());
  EXPECT_TRUE(f.object_list("missing").empty());
  EXPECT_FALSE(f.optional_number("missing"));
  EXPECT_EQ(rejection([&] { f.integer("n"); }).second, "input.not_integer");
  EXPECT_EQ(rejection([&] { f.text("missing"); }),
            (std::pair<std::string, std::string>{"missing", "input.required"}));
  EXPECT_EQ(rejection([&] { f.text_list("ids"); }).first, "ids[0]");
  EXPECT_EQ(rejection([&] { f.number("tags"); }).second, "input.not_number");
}

TEST(JsonFields, TextsAreBoundedAndFreeOfControlAndBidiCharacters) {
  auto body = parse_json_object(R"({"title":"\u202Egpj.exe","name":"a\u0007b","note":"line\nnext","long":")" +
                                std::string(201, 'x') + R"("})");
  JsonFields f(body);
  EXPECT_EQ(rejection([&] { f.text("title"); }).second, "input.text.bidi_control");
  EXPECT_EQ(rejection([&] { f.text("name"); }).second, "input.text.control_character");
  EXPECT_EQ(rejection([&] { f.text("note"); }).second, "input.text.control_character");  // one line only
  EXPECT_EQ(f.text("note", kLongText), "line\nnext");
  EXPECT_EQ(rejection([&] { f.text("long"); }).second, "input.text.too_long");
  EXPECT_EQ(f.text("long", TextLimit{201, false}).size(), 201u);
}

TEST(JsonFields, MalformedBodiesAreRefusedAsTheBody) {
  EXPECT_EQ(rejection([] { parse_json_object("{"); }).first, "body");
  EXPECT_EQ(rejection([] { parse_json_object("[1]"); }).second, "input.not_object");
  EXPECT_TRUE(parse_json_object("  ").empty());
}

}  // namespace
}  // namespace civic::http
