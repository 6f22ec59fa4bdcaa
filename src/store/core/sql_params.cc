#include "store/core/sql_params.h"

#include <utility>

namespace civic::store {

std::string SqlParams::text(std::string value) {
  texts_.push_back(std::move(value));
  const std::string* p = &texts_.back();
  std::string name = "p" + std::to_string(binders_.size());
  binders_.push_back([p, name](soci::statement& st) { st.exchange(soci::use(*p, name)); });
  return ":" + name;
}

std::string SqlParams::integer(long long value) {
  ints_.push_back(value);
  const long long* p = &ints_.back();
  std::string name = "p" + std::to_string(binders_.size());
  binders_.push_back([p, name](soci::statement& st) { st.exchange(soci::use(*p, name)); });
  return ":" + name;
}

std::string SqlParams::real(double value) {
  reals_.push_back(value);
  const double* p = &reals_.back();
  std::string name = "p" + std::to_string(binders_.size());
  binders_.push_back([p, name](soci::statement& st) { st.exchange(soci::use(*p, name)); });
  return ":" + name;
}

void SqlParams::bind(soci::statement& st) const {
  for (const auto& b : binders_) b(st);
}

std::string contains_pattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace civic::store
