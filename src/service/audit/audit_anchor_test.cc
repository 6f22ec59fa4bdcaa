// The audit log's anchor outside the database (issue 11, "The audit chain can be re-chained"): someone who
// can write the database — past its append-only trigger — but cannot read the data directory's key file
// neither re-chains the log after deleting a record nor deletes its newest records without `verify` saying
// so.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>

#include "domain/core/clock.h"
#include "platform/append_only_file.h"
#include "platform/key_file.h"
#include "platform/secret.h"
#include "service/audit/audit_service.h"
#include "store/audit/audit_log_repository.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

using store::Dialect;
using store::TestDatabase;

class AuditAnchorTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    t_ = std::make_unique<TestDatabase>(GetParam());
    dir_ = std::filesystem::temp_directory_path() /
           ("civic_audit_anchor_" + platform::random_token().substr(0, 12));
    std::filesystem::create_directories(dir_);
    audit_ = std::make_unique<AuditService>(t_->db(), clock_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  AuditAnchor anchor() {
    AuditAnchor a;
    a.key = platform::load_or_create_key_file(dir_ / "audit.key");
    a.head_file = (dir_ / "audit.head").string();
    return a;
  }
  void append(int n, const std::string& what = "test.event") {
    for (int i = 0; i < n; ++i) {
      clock_.advance_ms(1000);
      audit_->record(Principal::cli(),
                     {what, "thing", std::to_string(i), "", "{\"n\":" + std::to_string(i) + "}"});
    }
  }
  AuditVerification verify() { return audit_->verify(Principal::cli()); }

  // What someone with write access to the database can do: lift the append-only trigger.
  void drop_trigger(soci::session& sql) {
    if (GetParam() == Dialect::sqlite) {
      sql << "DROP TRIGGER IF EXISTS audit_log_no_update";
      sql << "DROP TRIGGER IF EXISTS audit_log_no_delete";
    } else {
      sql << "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change";
    }
  }
  std::vector<AuditRecord> all_records(soci::session& sql) {
    std::vector<AuditRecord> out;
    store::AuditLogRepository(sql).for_each([&](const AuditRecord& r) {
      out.push_back(r);
      return true;
    });
    return out;
  }
  // Deletes record `victim`, renumbers the ones after it and recomputes their links and hashes, as the tester
  // did. Without the key the MACs cannot be recomputed: `mac_of` says what the forger writes instead.
  void delete_and_rechain(long long victim, const std::function<std::string(const AuditRecord&)>& mac_of) {
    auto l = t_->db().lease();
    drop_trigger(*l);
    std::vector<AuditRecord> records = all_records(*l);
    *l << "DELETE FROM audit_log WHERE seq >= :s", soci::use(victim);
    std::string prev = victim == 1 ? kAuditGenesisHash : records.at(victim - 2).hash;
    store::AuditLogRepository log(*l);
    for (size_t i = victim; i < records.size(); ++i) {
      AuditRecord r = records[i];
      r.seq = static_cast<long long>(i);  // records[i] had seq i + 1
      r.prev_hash = prev;
      r.hash = platform::sha256_hex(canonical_audit_text(r));
      r.mac = mac_of(r);
      log.append(r);
      prev = r.hash;
    }
  }
  void delete_newest(long long n) {
    auto l = t_->db().lease();
    drop_trigger(*l);
    long long newest = 0;
    *l << "SELECT MAX(seq) FROM audit_log", soci::into(newest);
    long long from = newest - n + 1;
    *l << "DELETE FROM audit_log WHERE seq >= :s", soci::use(from);
  }
  long long head_lines() {
    return static_cast<long long>(platform::AppendOnlyFile(dir_ / "audit.head").read_lines().size());
  }

  ManualClock clock_{1780000000000};
  std::unique_ptr<TestDatabase> t_;
  std::filesystem::path dir_;
  std::unique_ptr<AuditService> audit_;
};
CIVIC_INSTANTIATE_BACKENDS(AuditAnchorTest);

TEST_P(AuditAnchorTest, AnUntouchedLogIsIntactAndKeyed) {
  audit_->set_anchor(anchor());
  append(8);
  AuditVerification v = verify();
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.finding, AuditFinding::intact);
  EXPECT_EQ(v.count, 8);
  EXPECT_EQ(v.keyed, 8);
  EXPECT_EQ(v.unkeyed, 0);
  EXPECT_TRUE(v.head_file_present);
  EXPECT_EQ(v.head_seq, 8);
  EXPECT_EQ(v.newest_seq, 8);
  // Each record carries a MAC under the key file's key, and nothing of the key is in the database.
  auto l = t_->db().lease();
  for (const AuditRecord& r : all_records(*l)) {
    EXPECT_EQ(r.mac, platform::hmac_sha256_hex(anchor().key, canonical_audit_text(r)));
  }
}

TEST_P(AuditAnchorTest, DeletingARecordAndRechainingIsTamperingAtThatSeq) {
  audit_->set_anchor(anchor());
  append(10);
  // The forger keeps the old MACs (or makes some up): the first re-chained record's MAC no longer holds.
  delete_and_rechain(4, [](const AuditRecord& r) { return r.mac; });
  AuditVerification v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.finding, AuditFinding::tampered);
  EXPECT_EQ(v.first_broken_seq.value_or(0), 4);
  EXPECT_EQ(v.count, 3);
  EXPECT_NE(v.reason.find("MAC"), std::string::npos) << v.reason;

  // With a key of their own the MACs are well-formed but still wrong.
  std::string wrong_key(32, 'x');
  delete_and_rechain(
      2, [&](const AuditRecord& r) { return platform::hmac_sha256_hex(wrong_key, canonical_audit_text(r)); });
  v = verify();
  EXPECT_EQ(v.finding, AuditFinding::tampered);
  EXPECT_EQ(v.first_broken_seq.value_or(0), 2);
}

TEST_P(AuditAnchorTest, StrippingTheMacsToPassAsOldRecordsIsTampering) {
  audit_->set_anchor(anchor());
  append(6);
  delete_and_rechain(3, [](const AuditRecord&) { return std::string(); });
  AuditVerification v = verify();
  EXPECT_EQ(v.finding, AuditFinding::tampered);
  EXPECT_EQ(v.first_broken_seq.value_or(0), 3);

  // Re-chained from the start, every record unkeyed: the head file still names what the log said.
  delete_and_rechain(1, [](const AuditRecord&) { return std::string(); });
  v = verify();
  EXPECT_EQ(v.finding, AuditFinding::tampered);
  EXPECT_EQ(v.first_broken_seq.value_or(0), 1);
}

TEST_P(AuditAnchorTest, DeletingTheNewestRecordsIsTruncation) {
  audit_->set_anchor(anchor());
  append(9);
  delete_newest(3);
  AuditVerification v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.finding, AuditFinding::truncated);
  EXPECT_EQ(v.first_broken_seq.value_or(0), 7);
  EXPECT_EQ(v.count, 6);
  EXPECT_EQ(v.head_seq, 9);
  EXPECT_NE(v.reason.find("records 7 to 9 were deleted"), std::string::npos) << v.reason;
}

TEST_P(AuditAnchorTest, RecordsFromBeforeTheKeyAreUnkeyedNotBroken) {
  append(4);  // written before the migration that added MACs
  audit_->set_anchor(anchor());
  append(3);
  AuditVerification v = verify();
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.unkeyed, 4);
  EXPECT_EQ(v.keyed, 3);
}

TEST_P(AuditAnchorTest, KeyedRecordsWithoutTheKeyCannotBeVerified) {
  audit_->set_anchor(anchor());
  append(2);
  AuditAnchor keyless;
  keyless.head_file = (dir_ / "audit.head").string();
  audit_->set_anchor(keyless);
  AuditVerification v = verify();
  EXPECT_EQ(v.finding, AuditFinding::unverifiable);
  EXPECT_EQ(v.first_broken_seq.value_or(0), 1);
}

TEST_P(AuditAnchorTest, OneHeadPerCommittedTransactionAndNoneForARollback) {
  audit_->set_anchor(anchor());
  append(2);
  EXPECT_EQ(head_lines(), 2);
  t_->db().transact([&](soci::session& sql) {
    for (int i = 0; i < 5; ++i) audit_->record(sql, Principal::cli(), {"test.batch", "thing", "b", "", ""});
  });
  auto lines = platform::AppendOnlyFile(dir_ / "audit.head").read_lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines.back().substr(0, 2), "7 ");
  EXPECT_THROW(t_->db().transact([&](soci::session& sql) {
    audit_->record(sql, Principal::cli(), {"test.rolled_back", "thing", "r", "", ""});
    throw std::runtime_error("the change fails");
  }),
               std::runtime_error);
  EXPECT_EQ(head_lines(), 3);
  EXPECT_TRUE(verify().ok);
}

TEST_P(AuditAnchorTest, AHeadThatDisagreesWithTheLogIsTampering) {
  audit_->set_anchor(anchor());
  append(3);
  platform::AppendOnlyFile(dir_ / "audit.head").append_line("2 " + std::string(64, 'a') + " 0");
  AuditVerification v = verify();
  EXPECT_EQ(v.finding, AuditFinding::tampered);
  EXPECT_EQ(v.first_broken_seq.value_or(0), 2);
}

}  // namespace
}  // namespace civic::service
