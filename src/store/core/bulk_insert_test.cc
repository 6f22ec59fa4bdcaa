#include "store/core/bulk_insert.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/core/store_test_backends.h"

namespace civic::store {
namespace {

class BulkInsertTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    t_ = std::make_unique<TestDatabase>(GetParam());
    auto l = t_->db().lease();
    *l << "CREATE TABLE bulk_probe (k TEXT NOT NULL UNIQUE, n BIGINT, x DOUBLE PRECISION)";
  }
  std::unique_ptr<TestDatabase> t_;
};
CIVIC_INSTANTIATE_BACKENDS(BulkInsertTest);

using T = BulkInserter::Type;

// Text that COPY's text format must escape arrives unchanged; nulls stay null, numbers keep every digit;
// rows are written across several batches.
TEST_P(BulkInsertTest, RowsArriveExactlyAcrossBatches) {
  std::vector<std::string> odd = {"tab\there", "new\nline", "back\\slash", "\\N",
                                  "cr\rlf",    "",          "街道 ✓",      "quote ' and \" and ;"};
  t_->db().transact([&](soci::session& sql) {
    BulkInserter rows(sql, "bulk_probe", {{"k", T::text}, {"n", T::integer}, {"x", T::real}}, 3);
    for (size_t i = 0; i < odd.size(); ++i) {
      rows.text(odd[i]);
      if (i % 2) {
        rows.null().null();
      } else {
        rows.integer(9007199254740993LL + static_cast<long long>(i)).real(0.1 + static_cast<double>(i));
      }
      rows.end_row();
    }
    rows.flush();
    EXPECT_EQ(rows.rows_written(), odd.size());
  });
  auto l = t_->db().lease();
  for (size_t i = 0; i < odd.size(); ++i) {
    long long n = -1;
    double x = -1;
    soci::indicator n_ind = soci::i_ok, x_ind = soci::i_ok;
    *l << "SELECT n, x FROM bulk_probe WHERE k = :k", soci::use(odd[i]), soci::into(n, n_ind),
        soci::into(x, x_ind);
    ASSERT_TRUE(l->got_data()) << "row " << i << " (" << odd[i] << ") is missing";
    if (i % 2) {
      EXPECT_EQ(n_ind, soci::i_null) << i;
      EXPECT_EQ(x_ind, soci::i_null) << i;
    } else {
      EXPECT_EQ(n, 9007199254740993LL + static_cast<long long>(i));
      EXPECT_EQ(x, 0.1 + static_cast<double>(i));
    }
  }
  long long count = 0;
  *l << "SELECT COUNT(*) FROM bulk_probe", soci::into(count);
  EXPECT_EQ(count, static_cast<long long>(odd.size()));
}

// A refused row makes the flush throw; the transaction rolls back every row, earlier batches too.
TEST_P(BulkInsertTest, ARefusedRowRollsBackEveryBatch) {
  EXPECT_ANY_THROW(t_->db().transact([&](soci::session& sql) {
    BulkInserter rows(sql, "bulk_probe", {{"k", T::text}, {"n", T::integer}, {"x", T::real}}, 100);
    for (int i = 0; i < 1000; ++i) rows.text("k" + std::to_string(i)).integer(i).real(i).end_row();
    rows.text("k0").integer(0).real(0).end_row();  // k is unique
    rows.flush();
  }));
  auto l = t_->db().lease();
  long long count = -1;
  *l << "SELECT COUNT(*) FROM bulk_probe", soci::into(count);
  EXPECT_EQ(count, 0);
  // The connection is usable afterwards.
  t_->db().transact([&](soci::session& sql) {
    BulkInserter rows(sql, "bulk_probe", {{"k", T::text}, {"n", T::integer}, {"x", T::real}});
    rows.text("after").integer(1).real(1).end_row();
    rows.flush();
  });
  *l << "SELECT COUNT(*) FROM bulk_probe", soci::into(count);
  EXPECT_EQ(count, 1);
}

TEST_P(BulkInsertTest, LookupsFindManyCodesAtOnce) {
  std::vector<std::string> codes;
  t_->db().transact([&](soci::session& sql) {
    BulkInserter rows(sql, "bulk_probe", {{"k", T::text}, {"n", T::integer}, {"x", T::real}});
    for (int i = 0; i < 2500; ++i) {
      if (i % 2 == 0) rows.text("c" + std::to_string(i)).integer(i).null().end_row();
      codes.push_back("c" + std::to_string(i));
    }
    rows.flush();
  });
  auto l = t_->db().lease();
  auto found = existing_codes(*l, "bulk_probe", "k", codes);
  EXPECT_EQ(found.size(), 1250u);
  EXPECT_TRUE(found.count("c0"));
  EXPECT_TRUE(found.count("c2498"));
  EXPECT_FALSE(found.count("c2499"));
  EXPECT_TRUE(existing_codes(*l, "bulk_probe", "k", {}).empty());
}

}  // namespace
}  // namespace civic::store
