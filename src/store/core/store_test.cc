#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "domain/core/error.h"
#include "store/accounts/api_token_repository.h"
#include "store/accounts/session_repository.h"
#include "store/accounts/user_repository.h"
#include "store/audit/audit_log_repository.h"
#include "store/core/migrations.h"
#include "store/core/sqlite_backup.h"
#include "store/core/store_test_backends.h"
#include "store/units/unit_repository.h"

namespace civic::store {
namespace {

class MigrationTest : public BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(MigrationTest);

// The runner applies every entry above the database's version in list order, so the list must be 1, 2, … N:
// an entry out of order or a gap would be skipped on some databases.
TEST(Migrations, AreNumberedOneToNInOrder) {
  for (size_t i = 0; i < migrations().size(); ++i) {
    EXPECT_EQ(migrations()[i].version, static_cast<int>(i) + 1)
        << "entry " << i << ": " << migrations()[i].name;
  }
}

TEST_P(MigrationTest, FreshDatabaseIsUnmigratedUntilMigrate) {
  TestDatabase t(GetParam(), /*migrated=*/false);
  EXPECT_EQ(schema_version(t.db()), 0);
  try {
    check_schema(t.db());
    FAIL() << "an empty database passed check_schema";
  } catch (const SchemaMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("civic migrate"), std::string::npos) << e.what();
  }
  auto applied = migrate(t.db());
  ASSERT_EQ(applied.size(), migrations().size());
  EXPECT_EQ(schema_version(t.db()), latest_schema_version());
  EXPECT_NO_THROW(check_schema(t.db()));
}

TEST_P(MigrationTest, MigrateIsIdempotent) {
  TestDatabase t(GetParam());
  EXPECT_TRUE(migrate(t.db()).empty());
  EXPECT_TRUE(migrate(t.db()).empty());
  EXPECT_EQ(schema_version(t.db()), latest_schema_version());
}

TEST_P(MigrationTest, RefusesANewerSchema) {
  TestDatabase t(GetParam());
  {
    auto l = t.db().lease();
    int future = latest_schema_version() + 1;
    long long now = 0;
    *l << "INSERT INTO schema_version (version, name, applied_at) VALUES (:v, 'from the future', :t)",
        soci::use(future), soci::use(now);
  }
  try {
    check_schema(t.db());
    FAIL() << "a newer schema passed check_schema";
  } catch (const SchemaMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
  EXPECT_THROW(migrate(t.db()), SchemaMismatch);
}

TEST(DialectSql, ReplacesPlaceholdersPerDialect) {
  EXPECT_EQ(dialect_sql("id {{id}}", Dialect::sqlite), "id INTEGER PRIMARY KEY AUTOINCREMENT");
  EXPECT_NE(dialect_sql("id {{id}}", Dialect::postgresql).find("IDENTITY"), std::string::npos);
  EXPECT_NE(dialect_sql("p {{ctext}}", Dialect::postgresql).find("COLLATE"), std::string::npos);
}

TEST(DatabaseOpen, SqliteCreatesTheDataDirectoryAndUsesWal) {
  auto dir = std::filesystem::temp_directory_path() / ("civic_open_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    auto db = Database::open("sqlite://" + (dir / "nested" / "civic.db").string());
    EXPECT_EQ(db->dialect(), Dialect::sqlite);
    auto l = db->lease();
    std::string mode;
    int sync = -1, fk = -1;
    *l << "PRAGMA journal_mode", soci::into(mode);
    *l << "PRAGMA synchronous", soci::into(sync);
    *l << "PRAGMA foreign_keys", soci::into(fk);
    EXPECT_EQ(mode, "wal");
    EXPECT_EQ(sync, 2);  // FULL
    EXPECT_EQ(fk, 1);
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "nested" / "civic.db"));
  std::filesystem::remove_all(dir);
}

TEST(DatabaseOpen, SqlitePathWithSpaces) {
  auto dir = std::filesystem::temp_directory_path() / ("civic open " + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    auto db = Database::open("sqlite://" + (dir / "civic.db").string());
    migrate(*db);
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "civic.db"));
  std::filesystem::remove_all(dir);
}

TEST(DatabaseOpen, RejectsUnknownSchemesAndHidesPasswords) {
  EXPECT_THROW(Database::open("mysql://x/y"), std::runtime_error);
  try {
    Database::open("postgresql://bob:secret@127.0.0.1:1/none");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
  }
}

class TransactTest : public BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(TransactTest);

TEST_P(TransactTest, CommitsOnReturnRollsBackOnThrow) {
  TestDatabase t(GetParam());
  Unit root;
  root.code = "ROOT";
  root.name = "青川市";
  root.type = UnitType::city;
  t.db().transact([&](soci::session& sql) { UnitRepository(sql).insert(root, 1); });
  EXPECT_THROW(t.db().transact([&](soci::session& sql) {
    Unit u = root;
    u.code = "GONE";
    UnitRepository(sql).insert(u, 1);
    throw std::runtime_error("abort");
  }),
               std::runtime_error);
  auto l = t.db().lease();
  UnitRepository units(*l);
  EXPECT_EQ(units.count(), 1);
  EXPECT_FALSE(units.find_by_code("GONE"));
}

TEST_P(TransactTest, AfterCommitHooksRunOnceCommittedNeverOnRollback) {
  TestDatabase t(GetParam());
  std::vector<std::string> ran;
  int key = 0;
  t.db().transact([&](soci::session& sql) {
    t.db().after_commit(sql, [&] { ran.push_back("a"); });
    t.db().after_commit(
        sql, [&] { ran.push_back("first head"); }, &key);
    t.db().after_commit(
        sql, [&] { ran.push_back("last head"); }, &key);  // replaces the keyed one
    EXPECT_TRUE(ran.empty());                             // not before COMMIT
  });
  EXPECT_EQ(ran, (std::vector<std::string>{"a", "last head"}));
  ran.clear();
  EXPECT_THROW(t.db().transact([&](soci::session& sql) {
    t.db().after_commit(sql, [&] { ran.push_back("rolled back"); });
    throw std::runtime_error("abort");
  }),
               std::runtime_error);
  t.db().transact([&](soci::session&) {});
  EXPECT_TRUE(ran.empty());
  // Outside a transaction the statements have already committed: the hook runs at once.
  auto l = t.db().lease();
  t.db().after_commit(*l, [&] { ran.push_back("autocommit"); });
  EXPECT_EQ(ran, (std::vector<std::string>{"autocommit"}));
}

TEST_P(TransactTest, LeaseTimesOutWhenThePoolIsExhausted) {
  DatabaseOptions options;
  options.pool_size = 1;
  options.lease_timeout = std::chrono::milliseconds(50);
  TestDatabase t(GetParam(), true, options);
  auto held = t.db().lease();
  try {
    auto second = t.db().lease();
    FAIL() << "a second lease from a pool of one was granted";
  } catch (const std::runtime_error& e) {
    // The time-out itself, not any other failure of the pool.
    EXPECT_NE(std::string(e.what()).find("no database connection free within 50 ms"), std::string::npos)
        << e.what();
  }
}

TEST(PostgresqlReconnect, ABrokenConnectionIsReopenedOnTheNextLease) {
  if (!TestDatabase::available(Dialect::postgresql)) GTEST_SKIP() << "CIVIC_TEST_PG_URL is not set";
  DatabaseOptions options;
  options.pool_size = 1;
  TestDatabase t(Dialect::postgresql, true, options);
  long long pid = 0;
  {
    auto l = t.db().lease();
    *l << "SELECT pg_backend_pid()", soci::into(pid);
    // Another connection ends this one, as a server restart would.
    auto admin = Database::open(t.url(), DatabaseOptions{1});
    *admin->lease() << "SELECT pg_terminate_backend(" + std::to_string(pid) + ")";
    long long n = 0;
    EXPECT_ANY_THROW((*l << "SELECT COUNT(*) FROM units", soci::into(n)));
  }
  auto l = t.db().lease();
  long long n = -1, new_pid = 0;
  *l << "SELECT COUNT(*) FROM units", soci::into(n);  // the test schema is still on the search path
  *l << "SELECT pg_backend_pid()", soci::into(new_pid);
  EXPECT_EQ(n, 0);
  EXPECT_NE(new_pid, pid);
}

class UnitRepositoryTest : public BackendTest {
 protected:
  Unit add(UnitRepository& units, const std::string& code, UnitType type, std::optional<long long> parent) {
    Unit u;
    u.code = code;
    u.name = code + "名";
    u.name_en = code;
    u.type = type;
    u.parent_id = parent;
    u.population = 1000;
    return units.insert(u, 1);
  }
};
CIVIC_INSTANTIATE_BACKENDS(UnitRepositoryTest);

TEST_P(UnitRepositoryTest, MaterializedPathAndPrefixSubtree) {
  TestDatabase t(GetParam());
  t.db().transact([&](soci::session& sql) {
    UnitRepository units(sql);
    Unit city = add(units, "C", UnitType::city, std::nullopt);
    EXPECT_EQ(city.path, "/" + std::to_string(city.id) + "/");
    Unit d1 = add(units, "D1", UnitType::district, city.id);
    Unit d2 = add(units, "D2", UnitType::district, city.id);
    EXPECT_EQ(d1.path, city.path + std::to_string(d1.id) + "/");
    Unit s1 = add(units, "S1", UnitType::street, d1.id);
    add(units, "S1C1", UnitType::community, s1.id);
    add(units, "S1C2", UnitType::community, s1.id);
    add(units, "D2S1", UnitType::street, d2.id);
    // Ten siblings so that ids 1x share a textual prefix with id 1: "/1/" must not match "/10/".
    for (int i = 0; i < 10; ++i) add(units, "X" + std::to_string(i), UnitType::department, city.id);
  });
  auto l = t.db().lease();
  UnitRepository units(*l);
  Unit d1 = *units.find_by_code("D1");
  auto sub = units.subtree(d1.path);
  std::vector<std::string> codes;
  for (auto& u : sub) codes.push_back(u.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"D1", "S1", "S1C1", "S1C2"}));
  EXPECT_EQ(units.count_subtree(d1.path), 4);
  EXPECT_EQ(units.count_subtree(d1.path, "community"), 2);
  EXPECT_EQ(units.count_subtree(units.root()->path), units.count());
  Unit x1 = *units.find_by_code("X1");
  EXPECT_EQ(units.count_subtree(x1.path), 1);
  EXPECT_EQ(units.children(d1.id).size(), 1u);
  EXPECT_EQ(units.subtree(units.root()->path, "", 5, 5).size(), 5u);
  EXPECT_FALSE(units.find_by_code("NOPE"));
  EXPECT_FALSE(units.find_by_id(99999));
  EXPECT_FALSE(units.root()->parent_id);
  EXPECT_EQ(*units.find_by_code("S1")->parent_id, d1.id);
}

TEST_P(UnitRepositoryTest, UpdateChecksVersion) {
  TestDatabase t(GetParam());
  t.db().transact([&](soci::session& sql) {
    add(*std::make_unique<UnitRepository>(sql), "C", UnitType::city, std::nullopt);
  });
  auto l = t.db().lease();
  UnitRepository units(*l);
  Unit c = *units.find_by_code("C");
  c.population = 4200000;
  EXPECT_TRUE(units.update(c, 1, 2));
  EXPECT_FALSE(units.update(c, 1, 3));  // stale
  Unit after = *units.find_by_code("C");
  EXPECT_EQ(after.version, 2);
  EXPECT_EQ(after.population, 4200000);
}

class AccountRepositoryTest : public BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(AccountRepositoryTest);

TEST_P(AccountRepositoryTest, UsersSessionsAndTokens) {
  TestDatabase t(GetParam());
  t.db().transact([&](soci::session& sql) {
    UnitRepository units(sql);
    Unit c;
    c.code = "C";
    c.name = "市";
    c.type = UnitType::city;
    Unit city = units.insert(c, 1);
    Unit d = c;
    d.code = "D";
    d.type = UnitType::district;
    d.parent_id = city.id;
    Unit district = units.insert(d, 1);
    UserRepository users(sql);
    UserRecord a;
    a.user.username = "alice";
    a.user.display_name = "爱丽丝";
    a.user.unit_id = district.id;
    a.user.roles = {Role::unit_officer, Role::leader};
    a.password_hash = "h";
    UserRecord stored = users.insert(a, 5);
    EXPECT_EQ(stored.user.unit_code, "D");
    EXPECT_EQ(stored.unit_path, district.path);
    UserRecord b = a;
    b.user.username = "bob";
    b.user.unit_id = city.id;
    b.user.roles = {Role::office};
    users.insert(b, 5);
  });
  auto l = t.db().lease();
  UserRepository users(*l);
  auto alice = *users.find_by_username("alice");
  EXPECT_EQ(alice.user.roles, (std::vector<Role>{Role::unit_officer, Role::leader}));
  EXPECT_EQ(alice.user.display_name, "爱丽丝");
  UnitRepository units(*l);
  EXPECT_EQ(users.count_under(units.root()->path, ""), 2);
  EXPECT_EQ(users.count_under(units.find_by_code("D")->path, ""), 1);
  EXPECT_EQ(users.count_under(units.root()->path, "leader"), 1);
  EXPECT_EQ(users.list_under(units.root()->path, "office", 10, 0).at(0).user.username, "bob");
  users.set_login_state(alice.user.id, 3, 77, 6);
  alice = *users.find_by_username("alice");
  EXPECT_EQ(alice.user.failed_logins, 3);
  EXPECT_EQ(alice.user.locked_until, 77);

  SessionRepository sessions(*l);
  SessionRecord s{0, "th", "csrf", alice.user.id, "10.0.0.1", 100, 100, 1000};
  s.id = sessions.insert(s);
  EXPECT_EQ(sessions.find_by_token_hash("th")->csrf_token, "csrf");
  sessions.touch(s.id, 200);
  EXPECT_EQ(sessions.find_by_token_hash("th")->last_seen_at, 200);
  sessions.remove_expired(300, 150);  // idle since 200 ≥ 150, not expired at 300 < 1000
  EXPECT_TRUE(sessions.find_by_token_hash("th"));
  sessions.remove_expired(300, 250);
  EXPECT_FALSE(sessions.find_by_token_hash("th"));

  ApiTokenRepository tokens(*l);
  ApiTokenRecord tk;
  tk.token_hash = "tokhash";
  tk.name = "nightly export";
  tk.user_id = alice.user.id;
  tk.created_at = 1;
  long long id = tokens.insert(tk);
  EXPECT_EQ(tokens.find_by_token_hash("tokhash")->id, id);
  tokens.revoke(id, 9);
  EXPECT_EQ(tokens.find_by_id(id)->revoked_at, 9);
  EXPECT_EQ(tokens.list_for_user(alice.user.id).size(), 1u);
}

class AuditLogRepositoryTest : public BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(AuditLogRepositoryTest);

TEST_P(AuditLogRepositoryTest, AppendListIterateAndRefuseUpdates) {
  TestDatabase t(GetParam());
  auto l = t.db().lease();
  AuditLogRepository log(*l);
  for (int i = 1; i <= 7; ++i) {
    AuditRecord r;
    r.seq = i;
    r.time = 1000 * i;
    r.actor = i % 2 ? "alice" : "bob";
    r.action = "thing.do";
    r.before = "{\"quote\":\"'; DROP TABLE units; --\"}";
    r.prev_hash = "p";
    r.hash = "h" + std::to_string(i);
    log.append(r);
  }
  EXPECT_EQ(log.count(), 7);
  EXPECT_EQ(log.last()->seq, 7);
  AuditQuery q;
  q.actor = "alice";
  EXPECT_EQ(log.count(q), 4);
  auto page = log.list(q, 2, 0);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, 7);
  EXPECT_EQ(page[0].before, "{\"quote\":\"'; DROP TABLE units; --\"}");
  q.from = 2000;
  q.to = 5000;
  EXPECT_EQ(log.count(q), 1);  // seq 3
  long long seen = 0, last = 0;
  log.for_each(
      [&](const AuditRecord& r) {
        ++seen;
        EXPECT_GT(r.seq, last);
        last = r.seq;
        return true;
      },
      3);
  EXPECT_EQ(seen, 7);
  EXPECT_EQ(log.last()->mac, "");
  AuditRecord keyed;
  keyed.seq = 8;
  keyed.action = "thing.do";
  keyed.prev_hash = "h7";
  keyed.hash = "h8";
  keyed.mac = std::string(64, 'm');
  log.append(keyed);
  EXPECT_EQ(log.last()->mac, keyed.mac);
  EXPECT_ANY_THROW(*l << "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1");
  EXPECT_ANY_THROW(*l << "UPDATE audit_log SET mac = '' WHERE seq = 8");
  EXPECT_ANY_THROW(*l << "DELETE FROM audit_log WHERE seq = 1");
}

TEST(SqliteBackup, ConsistentCopyWhileAWriterRuns) {
  TestDatabase t(Dialect::sqlite);
  Unit root;
  root.code = "ROOT";
  root.name = "市";
  root.type = UnitType::city;
  long long root_id =
      t.db().transact([&](soci::session& sql) { return UnitRepository(sql).insert(root, 1).id; });
  std::thread writer([&] {
    for (int i = 0; i < 40; ++i) {
      t.db().transact([&](soci::session& sql) {
        Unit u = root;
        u.code = "U" + std::to_string(i);
        u.type = UnitType::district;
        u.parent_id = root_id;
        UnitRepository(sql).insert(u, 1);
      });
    }
  });
  std::string out = t.directory() + "/backup.db";
  long long pages = backup_sqlite(t.db().sqlite_path(), out);
  writer.join();
  EXPECT_GT(pages, 0);
  EXPECT_THROW(backup_sqlite(t.db().sqlite_path(), out), std::runtime_error);  // never overwrites
  auto copy = Database::open("sqlite://" + out);
  EXPECT_NO_THROW(check_schema(*copy));
  auto l = copy->lease();
  std::string integrity;
  *l << "PRAGMA integrity_check", soci::into(integrity);
  EXPECT_EQ(integrity, "ok");
  long long units = UnitRepository(*l).count();
  EXPECT_GE(units, 1);
  EXPECT_LE(units, 41);
  // Every copied unit has its final path: no transaction was copied half-way.
  long long pending = 0;
  *l << "SELECT COUNT(*) FROM units WHERE path LIKE 'pending:%'", soci::into(pending);
  EXPECT_EQ(pending, 0);
}

}  // namespace
}  // namespace civic::store
