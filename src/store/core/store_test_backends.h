// Shared by the store, service and demo tests: run a test suite once per backend, skipping PostgreSQL when
// CIVIC_TEST_PG_URL is not set.
#pragma once

#include <gtest/gtest.h>

#include "store/core/test_database.h"

namespace civic::store {

class BackendTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    if (!TestDatabase::available(GetParam())) GTEST_SKIP() << "CIVIC_TEST_PG_URL is not set";
  }
};

inline std::string backend_name(const ::testing::TestParamInfo<Dialect>& info) {
  return dialect_name(info.param);
}

}  // namespace civic::store

#define CIVIC_INSTANTIATE_BACKENDS(Suite)                                                                   \
  INSTANTIATE_TEST_SUITE_P(                                                                                 \
      Backends, Suite, ::testing::Values(civic::store::Dialect::sqlite, civic::store::Dialect::postgresql), \
      civic::store::backend_name)
