// Scoring at city scale (issue 3): the engine scoring every unit for a period, against the
// baseline of computing the same per-(unit, item) field totals with SQL GROUP BY in SQLite, and the
// cost of loading a period from SQLite tables into the engine's arrays. See bench/README.md.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "bundle/bundle_dataset.h"
#include "bundle/bundle_reader.h"
#include "bundle/synthetic_city.h"
#include "scoring/period_scores.h"

namespace {

using civic::Framework;
using civic::bundle::Bundle;
using civic::scoring::DatasetBuilder;
using civic::scoring::PeriodScores;
using civic::scoring::ScoringDataset;

// The shipped framework when present (111 items), else the synthetic one of the same shape.
Framework bench_framework(std::string* source) {
  std::ifstream in(std::string(CIVIC_SOURCE_DIR) + "/data/framework/default.json");
  if (in) {
    std::ostringstream text;
    text << in.rdbuf();
    std::string doc =
        R"({"format": "civic-bundle/1", "units": [{"code": "C", "parent": null}], "framework": )" +
        text.str() + "}";
    *source = "data/framework/default.json";
    return civic::bundle::read_bundle(doc).framework;
  }
  *source = "synthetic_framework()";
  return civic::bundle::synthetic_framework();
}

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

struct Statement {
  Statement(sqlite3* db, const char* sql) : db_(db) {
    check(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), db, sql);
  }
  ~Statement() { sqlite3_finalize(s); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  void run() {
    check(sqlite3_step(s), db_, "step");
    sqlite3_reset(s);
  }
  sqlite3_stmt* s = nullptr;
  sqlite3* db_;
};

// Everything the benchmarks share, built once.
struct World {
  std::string framework_source;
  Bundle bundle;
  ScoringDataset data;
  int period = 0;
  int period_start = 0, period_end = 0;
  sqlite3* db = nullptr;
  size_t results = 0;

  World() {
    Framework f = bench_framework(&framework_source);
    bundle = civic::bundle::synthetic_city(f, civic::bundle::city_scale());
    data = civic::bundle::build_dataset(bundle);
    period = data.period_index("2026H1");
    period_start = data.period_start[period];
    period_end = data.period_end[period];
    results = data.result_check.size();
    load_sqlite();
  }

  // The same data in tables: units with a materialized path (and the ancestor pairs it implies),
  // sites, checks with their applicable site types, inspections, results, responses' answers.
  void load_sqlite() {
    check(sqlite3_open(":memory:", &db), db, "open");
    check(sqlite3_exec(db, R"(
      CREATE TABLE units (id INTEGER PRIMARY KEY, code TEXT, parent_id INTEGER, population REAL, path TEXT);
      CREATE INDEX units_path ON units(path);
      CREATE TABLE unit_ancestors (unit_id INTEGER, ancestor_id INTEGER, PRIMARY KEY (unit_id, ancestor_id));
      CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT, max_score REAL);
      CREATE TABLE checks (id INTEGER PRIMARY KEY, item_id INTEGER, deduct REAL);
      CREATE TABLE check_types (check_id INTEGER, type_id INTEGER, PRIMARY KEY (check_id, type_id));
      CREATE TABLE sites (id INTEGER PRIMARY KEY, unit_id INTEGER, type_id INTEGER);
      CREATE TABLE inspections (id INTEGER PRIMARY KEY, site_id INTEGER, day INTEGER);
      CREATE INDEX inspections_day ON inspections(day);
      CREATE TABLE results (inspection_id INTEGER, check_id INTEGER, failures INTEGER);
      CREATE INDEX results_inspection ON results(inspection_id);
      CREATE TABLE answers (response_id INTEGER, unit_id INTEGER, day INTEGER, question TEXT, answer TEXT);
      CREATE INDEX answers_day ON answers(day);
    )",
                       nullptr, nullptr, nullptr),
          db, "schema");
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    {
      Statement unit(db, "INSERT INTO units VALUES (?, ?, ?, ?, ?)");
      Statement anc(db, "INSERT INTO unit_ancestors VALUES (?, ?)");
      std::vector<std::string> path(data.unit_count());
      for (int u : data.order) {
        const int p = data.unit_parent[u];
        path[u] = (p >= 0 ? path[p] : "/") + data.unit_code[u] + "/";
        sqlite3_bind_int(unit.s, 1, u);
        sqlite3_bind_text(unit.s, 2, data.unit_code[u].c_str(), -1, SQLITE_TRANSIENT);
        if (p >= 0)
          sqlite3_bind_int(unit.s, 3, p);
        else
          sqlite3_bind_null(unit.s, 3);
        sqlite3_bind_double(unit.s, 4, data.unit_population[u]);
        sqlite3_bind_text(unit.s, 5, path[u].c_str(), -1, SQLITE_TRANSIENT);
        unit.run();
        for (int a = u; a >= 0; a = data.unit_parent[a]) {
          sqlite3_bind_int(anc.s, 1, u);
          sqlite3_bind_int(anc.s, 2, a);
          anc.run();
        }
      }
      Statement item(db, "INSERT INTO items VALUES (?, ?, ?)");
      for (int i = 0; i < data.item_count(); ++i) {
        sqlite3_bind_int(item.s, 1, i);
        sqlite3_bind_text(item.s, 2, data.items[i].code.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(item.s, 3, data.items[i].max_score);
        item.run();
      }
      Statement chk(db, "INSERT INTO checks VALUES (?, ?, ?)");
      Statement ct(db, "INSERT INTO check_types VALUES (?, ?)");
      const size_t types = data.site_types.size();
      for (size_t c = 0; c < data.check_code.size(); ++c) {
        sqlite3_bind_int64(chk.s, 1, static_cast<long long>(c));
        sqlite3_bind_int(chk.s, 2, data.check_item[c]);
        sqlite3_bind_double(chk.s, 3, data.check_deduct[c]);
        chk.run();
        for (size_t t = 0; t < types; ++t) {
          if (!data.check_applies[c * types + t]) continue;
          sqlite3_bind_int64(ct.s, 1, static_cast<long long>(c));
          sqlite3_bind_int64(ct.s, 2, static_cast<long long>(t));
          ct.run();
        }
      }
      Statement site(db, "INSERT INTO sites VALUES (?, ?, ?)");
      for (size_t s = 0; s < data.site_code.size(); ++s) {
        sqlite3_bind_int64(site.s, 1, static_cast<long long>(s));
        sqlite3_bind_int(site.s, 2, data.site_unit[s]);
        sqlite3_bind_int(site.s, 3, data.site_type[s]);
        site.run();
      }
      Statement insp(db, "INSERT INTO inspections VALUES (?, ?, ?)");
      Statement res(db, "INSERT INTO results VALUES (?, ?, ?)");
      for (size_t r = 0; r < data.inspection_id.size(); ++r) {
        sqlite3_bind_int64(insp.s, 1, static_cast<long long>(r));
        sqlite3_bind_int(insp.s, 2, data.inspection_site[r]);
        sqlite3_bind_int(insp.s, 3, data.inspection_day[r]);
        insp.run();
        for (uint32_t k = data.result_begin[r]; k < data.result_begin[r + 1]; ++k) {
          sqlite3_bind_int64(res.s, 1, static_cast<long long>(r));
          sqlite3_bind_int(res.s, 2, data.result_check[k]);
          if (data.result_failures[k] < 0)
            sqlite3_bind_null(res.s, 3);
          else
            sqlite3_bind_int(res.s, 3, data.result_failures[k]);
          res.run();
        }
      }
      Statement ans(db, "INSERT INTO answers VALUES (?, ?, ?, ?, ?)");
      std::unordered_map<std::string, int> unit_id;
      for (int u = 0; u < data.unit_count(); ++u) unit_id[data.unit_code[u]] = u;
      long long rid = 0;
      for (const auto& r : bundle.responses) {
        ++rid;
        for (const auto& [q, a] : r.answers) {
          sqlite3_bind_int64(ans.s, 1, rid);
          sqlite3_bind_int(ans.s, 2, unit_id.at(r.unit));
          sqlite3_bind_int(ans.s, 3, civic::day_number(r.date));
          sqlite3_bind_text(ans.s, 4, q.c_str(), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text(ans.s, 5, a.c_str(), -1, SQLITE_TRANSIENT);
          ans.run();
        }
      }
    }
    check(sqlite3_exec(db, "COMMIT; ANALYZE;", nullptr, nullptr, nullptr), db, "commit");
  }

  static World& get() {
    static World w;
    return w;
  }
};

// Per (unit, item) field mean over the unit's scope, as scoring.md §3.1 defines it: s(i, r) per
// inspection and item, then grouped by every ancestor of the site's unit.
const char* kFieldTotalsSql = R"(
  WITH ir AS (
    SELECT n.id AS inspection_id, st.unit_id AS unit_id, c.item_id AS item_id,
           MAX(0.0, i.max_score - SUM(c.deduct * r.failures)) AS s
    FROM inspections n
    JOIN sites st ON st.id = n.site_id
    JOIN results r ON r.inspection_id = n.id
    JOIN checks c ON c.id = r.check_id
    JOIN check_types ct ON ct.check_id = r.check_id AND ct.type_id = st.type_id
    JOIN items i ON i.id = c.item_id
    WHERE n.day BETWEEN ?1 AND ?2 AND r.failures IS NOT NULL
    GROUP BY n.id, c.item_id)
  SELECT a.ancestor_id, ir.item_id, SUM(ir.s), COUNT(*)
  FROM ir JOIN unit_ancestors a ON a.unit_id = ir.unit_id
  GROUP BY a.ancestor_id, ir.item_id)";

// Runs the SQL baseline; returns (unit, item) → (sum, count).
std::vector<std::pair<double, long long>> sql_field_totals(World& w) {
  std::vector<std::pair<double, long long>> out(static_cast<size_t>(w.data.unit_count()) *
                                                w.data.item_count());
  Statement q(w.db, kFieldTotalsSql);
  sqlite3_bind_int(q.s, 1, w.period_start);
  sqlite3_bind_int(q.s, 2, w.period_end);
  while (sqlite3_step(q.s) == SQLITE_ROW) {
    const size_t u = static_cast<size_t>(sqlite3_column_int64(q.s, 0));
    const size_t i = static_cast<size_t>(sqlite3_column_int64(q.s, 1));
    out[u * w.data.item_count() + i] = {sqlite3_column_double(q.s, 2), sqlite3_column_int64(q.s, 3)};
  }
  return out;
}

// Builds the engine's dataset for the period from the SQLite tables (typed columns, sorted reads).
ScoringDataset load_from_sqlite(World& w) {
  DatasetBuilder b(w.bundle.framework);
  sqlite3* db = w.db;
  {
    Statement q(db, "SELECT id, code, parent_id, population FROM units ORDER BY id");
    while (sqlite3_step(q.s) == SQLITE_ROW)
      b.add_unit(reinterpret_cast<const char*>(sqlite3_column_text(q.s, 1)),
                 sqlite3_column_type(q.s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(q.s, 2),
                 sqlite3_column_double(q.s, 3));
  }
  b.add_period("2026H1", w.period_start, w.period_end);
  {
    Statement q(db, "SELECT id, unit_id, type_id FROM sites ORDER BY id");
    while (sqlite3_step(q.s) == SQLITE_ROW)
      b.add_site("S" + std::to_string(sqlite3_column_int(q.s, 0)), sqlite3_column_int(q.s, 1),
                 w.data.site_types[static_cast<size_t>(sqlite3_column_int(q.s, 2))]);
  }
  {
    Statement q(db, R"(SELECT n.id, n.site_id, n.day, r.check_id, r.failures FROM inspections n
                       JOIN results r ON r.inspection_id = n.id WHERE n.day BETWEEN ?1 AND ?2 ORDER BY n.id)");
    sqlite3_bind_int(q.s, 1, w.period_start);
    sqlite3_bind_int(q.s, 2, w.period_end);
    std::vector<std::pair<int32_t, int32_t>> results;
    long long current = -1;
    int site = 0, day = 0;
    auto flush = [&] {
      if (current >= 0) b.add_inspection(std::to_string(current), site, day, results);
      results.clear();
    };
    while (sqlite3_step(q.s) == SQLITE_ROW) {
      const long long id = sqlite3_column_int64(q.s, 0);
      if (id != current) {
        flush();
        current = id;
        site = sqlite3_column_int(q.s, 1);
        day = sqlite3_column_int(q.s, 2);
      }
      results.emplace_back(sqlite3_column_int(q.s, 3), sqlite3_column_type(q.s, 4) == SQLITE_NULL
                                                           ? civic::scoring::kNotApplicable
                                                           : sqlite3_column_int(q.s, 4));
    }
    flush();
  }
  {
    Statement q(db, R"(SELECT response_id, unit_id, day, question, answer FROM answers
                       WHERE day BETWEEN ?1 AND ?2 ORDER BY response_id)");
    sqlite3_bind_int(q.s, 1, w.period_start);
    sqlite3_bind_int(q.s, 2, w.period_end);
    std::vector<std::pair<std::string, std::string>> owned;
    std::vector<std::pair<std::string_view, std::string_view>> answers;
    long long current = -1;
    int unit = 0, day = 0;
    auto flush = [&] {
      if (current >= 0) {
        answers.clear();
        for (const auto& [qq, a] : owned) answers.emplace_back(qq, a);
        b.add_response(std::to_string(current), unit, day, answers);
      }
      owned.clear();
    };
    while (sqlite3_step(q.s) == SQLITE_ROW) {
      const long long id = sqlite3_column_int64(q.s, 0);
      if (id != current) {
        flush();
        current = id;
        unit = sqlite3_column_int(q.s, 1);
        day = sqlite3_column_int(q.s, 2);
      }
      owned.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q.s, 3)),
                         reinterpret_cast<const char*>(sqlite3_column_text(q.s, 4)));
    }
    flush();
  }
  return b.finish();
}

void BM_EngineScoreAllUnits(benchmark::State& state) {
  World& w = World::get();
  for (auto _ : state) {
    PeriodScores scores(w.data, w.period);
    benchmark::DoNotOptimize(scores.total(0).score);
  }
  state.counters["units"] = w.data.unit_count();
  state.counters["inspections"] = static_cast<double>(w.data.inspection_id.size());
  state.counters["check_results"] = static_cast<double>(w.results);
  state.counters["items"] = w.data.item_count();
}
BENCHMARK(BM_EngineScoreAllUnits)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_SqliteFieldTotals(benchmark::State& state) {
  World& w = World::get();
  for (auto _ : state) benchmark::DoNotOptimize(sql_field_totals(w).size());
}
BENCHMARK(BM_SqliteFieldTotals)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_LoadPeriodFromSqlite(benchmark::State& state) {
  World& w = World::get();
  for (auto _ : state) benchmark::DoNotOptimize(load_from_sqlite(w).inspection_id.size());
}
BENCHMARK(BM_LoadPeriodFromSqlite)->Unit(benchmark::kMillisecond)->Iterations(2);

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Best of `runs`, in CPU milliseconds of this thread: the machine is shared, wall time is not ours.
template <class F>
double best_cpu_ms(int runs, F&& f) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    const double t0 = thread_cpu_ms();
    f();
    best = std::min(best, thread_cpu_ms() - t0);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  auto t0 = std::chrono::steady_clock::now();
  World& w = World::get();
  const double setup_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "data set: %d units, %zu sites, %zu inspections, %zu check results, %zu responses, %d items (%s); "
      "generated and loaded in %.1f s\n",
      w.data.unit_count(), w.data.site_code.size(), w.data.inspection_id.size(), w.results,
      w.data.response_id.size(), w.data.item_count(), w.framework_source.c_str(), setup_s);

  // The two computations agree before either is timed.
  {
    PeriodScores scores(w.data, w.period);
    const auto sql = sql_field_totals(w);
    long long compared = 0, mismatched = 0;
    for (int u = 0; u < w.data.unit_count(); ++u)
      for (int f : w.data.field_items) {
        const auto& [sum, count] = sql[static_cast<size_t>(u) * w.data.item_count() + f];
        const auto& item = scores.item(u, f);
        ++compared;
        if (count != item.n || (count > 0 && std::fabs(sum / count - item.score) > 1e-9)) ++mismatched;
      }
    std::printf("engine vs SQL field totals: %lld (unit, item) pairs compared, %lld mismatched\n", compared,
                mismatched);
  }

  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  const double engine = best_cpu_ms(10, [&] {
    PeriodScores s(w.data, w.period);
    benchmark::DoNotOptimize(s.total(0));
  });
  const double sql = best_cpu_ms(2, [&] { benchmark::DoNotOptimize(sql_field_totals(w).size()); });
  std::printf(
      "summary (CPU time, best run): engine (all units, all items, all methods) %.2f ms; SQLite GROUP BY "
      "(field totals only) "
      "%.1f ms; SQLite/engine = %.0fx\n",
      engine, sql, sql / engine);
  return 0;
}
