// Database: a SOCI connection pool over one URL, SQLite or PostgreSQL, the same code for both.
//   sqlite:///abs/path/civic.db, sqlite://./data/civic.db, sqlite://data/civic.db  (parent directory created)
//   postgresql://user[:password]@host[:port]/db[?param=value]  (handed to libpq as a URI)
// Every SQLite connection runs with journal_mode=WAL, synchronous=FULL, foreign_keys=ON and a busy timeout.
// Sessions are leased from the pool with a timeout (SOCI's own lease waits forever) and given back on scope
// exit. `transact` runs a function in one transaction: committed when it returns, rolled back when it throws.
// On SQLite a transaction begins IMMEDIATE (takes the write lock up front), so read-then-write never fails
// half-way with SQLITE_BUSY. `after_commit` runs work once a transaction has committed (e.g. writing the
// audit head outside the database, which must never name a record that was rolled back).
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace civic::store {

enum class Dialect { sqlite, postgresql };

// "sqlite" or "postgresql" (the /api/health spelling).
const char* dialect_name(Dialect d);

struct DatabaseOptions {
  std::size_t pool_size = 4;
  std::chrono::milliseconds lease_timeout{10000};  // waiting longer for a connection throws
  std::chrono::milliseconds busy_timeout{10000};   // SQLite: how long a writer waits for the lock
};

class Database {
 public:
  // Opens the pool. Throws std::runtime_error naming the URL (never a password) when it cannot.
  static std::unique_ptr<Database> open(const std::string& url, DatabaseOptions options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  // The URL as given, with any password replaced by "***".
  const std::string& display_url() const { return display_url_; }
  // SQLite only: the database file path; empty for PostgreSQL.
  const std::string& sqlite_path() const { return sqlite_path_; }

  // A session leased from the pool; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    soci::session& operator*() const { return *session_; }
    soci::session* operator->() const { return session_; }

   private:
    friend class Database;
    Lease(soci::connection_pool* pool, std::size_t pos);
    soci::connection_pool* pool_;
    std::size_t pos_;
    soci::session* session_;
  };

  // Throws std::runtime_error when no connection frees up within the lease timeout.
  Lease lease();

  // Runs `hook` after the transaction open on `s` (one begun by `transact`) commits, on the committing
  // thread, in registration order; never if it rolls back. A hook registered with the same non-null `key`
  // earlier in the same transaction is replaced (so a transaction that appends many audit records writes one
  // head). Outside a transaction (autocommit) the statements already committed: `hook` runs at once. Hooks
  // must not throw (an exception from one is swallowed: the transaction has committed and its caller is
  // answered).
  void after_commit(soci::session& s, std::function<void()> hook, const void* key = nullptr);

  // Runs fn(session) inside BEGIN … COMMIT; rolls back and rethrows if fn throws. Returns fn's result.
  template <typename Fn>
  auto transact(Fn&& fn) -> decltype(fn(std::declval<soci::session&>())) {
    Lease l = lease();
    begin(*l);
    try {
      if constexpr (std::is_void_v<decltype(fn(*l))>) {
        fn(*l);
        commit(*l);
      } else {
        auto result = fn(*l);
        commit(*l);
        return result;
      }
    } catch (...) {
      rollback(*l);
      throw;
    }
  }

 private:
  Database() = default;
  // Per-connection settings (SQLite pragmas; PostgreSQL time zone), on open and on reconnect.
  void configure(soci::session& s);
  void begin(soci::session& s);
  void commit(soci::session& s);
  void rollback(soci::session& s) noexcept;

  Dialect dialect_ = Dialect::sqlite;
  std::string display_url_;
  std::string sqlite_path_;
  DatabaseOptions options_;
  std::unique_ptr<soci::connection_pool> pool_;

  struct Hook {
    const void* key;
    std::function<void()> run;
  };
  std::mutex hooks_mutex_;
  // The after-commit hooks of every session with an open transaction (an entry exists from begin to commit
  // or rollback).
  std::unordered_map<soci::session*, std::vector<Hook>> hooks_;
};

}  // namespace civic::store
