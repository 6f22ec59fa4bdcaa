// fetch_rows / fetch_row: run one SELECT whose columns a binding reads, and collect its rows.
// A binding is a struct with `void bind(soci::statement&)` (the into() of each column, in order) and
// `T take() const` (the row, e.g. nulls turned into optionals). Values are bound from SqlParams, never
// spliced into the text.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "store/core/sql_params.h"

namespace civic::store {

template <class Binding>
auto fetch_rows(soci::session& sql, const std::string& query, const SqlParams& params = {}) {
  using Row = decltype(std::declval<const Binding&>().take());
  Binding b;
  soci::statement st(sql);
  b.bind(st);
  params.bind(st);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  std::vector<Row> out;
  if (st.execute(true)) {
    do {
      out.push_back(b.take());
    } while (st.fetch());
  }
  return out;
}

template <class Binding>
auto fetch_row(soci::session& sql, const std::string& query, const SqlParams& params = {}) {
  using Row = decltype(std::declval<const Binding&>().take());
  Binding b;
  soci::statement st(sql);
  b.bind(st);
  params.bind(st);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  return st.execute(true) ? std::optional<Row>(b.take()) : std::nullopt;
}

}  // namespace civic::store
