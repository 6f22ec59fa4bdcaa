// SqlParams: the bound values of a SQL fragment built in the store. Each call stores its value and returns
// the placeholder to write into the text (":p0", ":p1", ...); bind() attaches every stored value to a
// statement in that order. Values are never spliced into SQL text. Values live in deques, so placeholders
// stay valid while the SqlParams object lives; it must outlive the statement's execution.
#pragma once

#include <soci/soci.h>

#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace civic::store {

class SqlParams {
 public:
  std::string text(std::string value);
  std::string integer(long long value);
  std::string real(double value);
  void bind(soci::statement& st) const;

 private:
  std::deque<std::string> texts_;
  std::deque<long long> ints_;
  std::deque<double> reals_;
  std::vector<std::function<void(soci::statement&)>> binders_;
};

// A LIKE pattern that finds `text` anywhere, with `%`, `_` and `\` matched literally; every text filter in
// the store uses it with `LIKE :p ESCAPE '\'`.
std::string contains_pattern(const std::string& text);

}  // namespace civic::store
