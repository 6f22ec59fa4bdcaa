#include "store/core/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <stdexcept>

#include "store/core/migrations.h"

namespace civic::store {

namespace {

std::string pg_base_url() {
  const char* url = std::getenv("CIVIC_TEST_PG_URL");
  return url ? url : "";
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 1000000);
}

}  // namespace

bool TestDatabase::available(Dialect dialect) {
  return dialect == Dialect::sqlite || !pg_base_url().empty();
}

TestDatabase::TestDatabase(Dialect dialect, bool migrated, DatabaseOptions options) : dialect_(dialect) {
  if (dialect == Dialect::sqlite) {
    dir_ = (std::filesystem::temp_directory_path() / ("civic_test_" + unique_suffix())).string();
    std::filesystem::create_directories(dir_);
    url_ = "sqlite://" + dir_ + "/civic.db";
  } else {
    std::string base = pg_base_url();
    if (base.empty()) throw std::runtime_error("CIVIC_TEST_PG_URL is not set");
    schema_ = "t_" + unique_suffix();
    {
      auto admin = Database::open(base, DatabaseOptions{1});
      *admin->lease() << "CREATE SCHEMA " + schema_;
    }
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
  }
  db_ = Database::open(url_, options);
  if (migrated) migrate(*db_);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  try {
    if (dialect_ == Dialect::sqlite) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    } else {
      auto admin = Database::open(pg_base_url(), DatabaseOptions{1});
      *admin->lease() << "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE";
    }
  } catch (const std::exception& e) {
    // Cleanup is best effort (a leftover schema or directory does not affect other tests), but said.
    std::cerr << "warning: test database " << (dialect_ == Dialect::sqlite ? dir_ : schema_)
              << " not removed: " << e.what() << "\n";
  }
}

}  // namespace civic::store
