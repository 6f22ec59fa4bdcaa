#include "store/core/database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "store/core/pool_metrics.h"

namespace civic::store {

namespace {

// Hides a password in "scheme://user:password@host".
std::string redact(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::string percent_decode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size()) {
      out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

// SOCI 4.0's PostgreSQL backend re-tokenizes its connect string as "key=value" words, which mangles libpq
// URIs, so postgresql://user:pw@host:port/db?k=v becomes "user=… password=… host=… port=… dbname=… k=v".
// Values are single-quoted for libpq; none may contain spaces (SOCI splits on them).
std::string postgresql_conninfo(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string query;
  if (size_t q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string authority = rest, dbname;
  if (size_t slash = rest.find('/'); slash != std::string::npos) {
    authority = rest.substr(0, slash);
    dbname = rest.substr(slash + 1);
  }
  std::string out;
  auto add = [&](const std::string& key, const std::string& value) {
    if (value.empty()) return;
    if (value.find_first_of(" '\\") != std::string::npos) {
      throw std::runtime_error("database URL parameter '" + key +
                               "' may not contain spaces, quotes or backslashes");
    }
    if (!out.empty()) out += ' ';
    out += key + "=" + value;
  };
  std::string hostport = authority;
  if (size_t at = authority.rfind('@'); at != std::string::npos) {
    std::string userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    size_t colon = userinfo.find(':');
    add("user", percent_decode(userinfo.substr(0, colon)));
    if (colon != std::string::npos) add("password", percent_decode(userinfo.substr(colon + 1)));
  }
  std::string host = hostport, port;
  if (size_t colon = hostport.rfind(':');
      colon != std::string::npos && hostport.find(']') == std::string::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  add("host", percent_decode(host));
  add("port", port);
  add("dbname", percent_decode(dbname));
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    if (eq != std::string::npos) add(percent_decode(pair.substr(0, eq)), percent_decode(pair.substr(eq + 1)));
    if (amp == std::string::npos) break;
    query = query.substr(amp + 1);
  }
  return out;
}

}  // namespace

// The write turn (SQLite). SQLite has one writer at a time; BEGIN IMMEDIATE takes the file's write lock, and
// a connection that finds it taken polls it through SQLite's busy handler, which sleeps between polls (up to
// 100 ms) and is not fair. With many concurrent writers in one process the lock then sat idle while every
// waiter slept, and a waiter could lose every poll until its busy timeout ran out and the request failed with
// "database is locked" (issue 14's benchmark: 9 public answers got HTTP 500, ~56 answers/s). So the
// transactions of one process take turns on an in-process mutex, held from before BEGIN until after COMMIT
// and its after-commit hooks (so those also run in commit order) or ROLLBACK: waiters queue in the process
// and the next one starts the moment the lock frees. The busy timeout now covers only other processes on the
// same file (a `civic` command beside `civic serve`). Waiting longer than the lease timeout for the turn
// throws; a transaction begun inside another on the same thread (which would wait for itself) is a logic
// error. The mutex of each open SQLite Database lives here, created by open() and dropped by ~Database().
namespace {

std::mutex turns_mutex;
std::map<const Database*, std::shared_ptr<std::timed_mutex>> turns;
// The databases whose write turn this thread holds (begin … commit/rollback run on one thread).
thread_local std::vector<const Database*> held_turns;

std::shared_ptr<std::timed_mutex> turn_of(const Database* db) {
  std::lock_guard lock(turns_mutex);
  auto it = turns.find(db);
  return it == turns.end() ? nullptr : it->second;
}

bool holds_turn(const Database* db) {
  return std::find(held_turns.begin(), held_turns.end(), db) != held_turns.end();
}

void take_turn(const Database* db, std::chrono::milliseconds timeout, const std::string& url) {
  auto turn = turn_of(db);
  if (!turn) return;
  if (holds_turn(db)) throw std::logic_error("a transaction was begun inside another on the same thread");
  if (!turn->try_lock_for(timeout)) {
    throw std::runtime_error("no write turn on " + url + " within " + std::to_string(timeout.count()) +
                             " ms");
  }
  held_turns.push_back(db);
}

void give_turn(const Database* db) {
  if (!holds_turn(db)) return;
  held_turns.erase(std::find(held_turns.begin(), held_turns.end(), db));
  if (auto turn = turn_of(db)) turn->unlock();
}

}  // namespace

const char* dialect_name(Dialect d) {
  return d == Dialect::sqlite ? "sqlite" : "postgresql";
}

std::unique_ptr<Database> Database::open(const std::string& url, DatabaseOptions options) {
  std::unique_ptr<Database> db(new Database());
  db->display_url_ = redact(url);
  if (options.pool_size == 0) options.pool_size = 1;
  db->options_ = options;
  std::string connect;
  const soci::backend_factory* factory = nullptr;
  if (starts_with(url, "sqlite://")) {
    db->dialect_ = Dialect::sqlite;
    std::string path = url.substr(9);  // "sqlite:///abs" → "/abs", "sqlite://./data/x.db" → "./data/x.db"
    if (path.empty()) throw std::runtime_error("database URL '" + url + "' names no SQLite file");
    std::filesystem::path file(path);
    if (file.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(file.parent_path(), ec);
      if (ec) {
        throw std::runtime_error("cannot create data directory '" + file.parent_path().string() +
                                 "': " + ec.message());
      }
    }
    db->sqlite_path_ = path;
    if (path.find('"') != std::string::npos) {
      throw std::runtime_error("the SQLite path may not contain a double quote: " + path);
    }
    // Quoted, because SOCI splits its connect string at spaces.
    connect = "db=\"" + path + "\" timeout=" + std::to_string(options.busy_timeout.count() / 1000 + 1);
    factory = &soci::sqlite3;
    std::lock_guard lock(turns_mutex);
    turns[db.get()] = std::make_shared<std::timed_mutex>();
  } else if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    db->dialect_ = Dialect::postgresql;
    connect = postgresql_conninfo(url);
    factory = &soci::postgresql;
  } else {
    throw std::runtime_error("unsupported database URL '" + db->display_url_ +
                             "' (expected sqlite://PATH or postgresql://user@host[:port]/db)");
  }

  db->pool_ = std::make_unique<soci::connection_pool>(options.pool_size);
  pool_metrics().connections += static_cast<long long>(options.pool_size);  // ~Database takes them off
  try {
    for (std::size_t i = 0; i < options.pool_size; ++i) {
      soci::session& s = db->pool_->at(i);
      s.open(*factory, connect);
      db->configure(s);
    }
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot open database " + db->display_url_ + ": " + e.what());
  }
  return db;
}

PoolMetrics& pool_metrics() {
  static PoolMetrics metrics;
  return metrics;
}

Database::~Database() {
  if (pool_) pool_metrics().connections -= static_cast<long long>(options_.pool_size);
  std::lock_guard lock(turns_mutex);
  turns.erase(this);
}

Database::Lease::Lease(soci::connection_pool* pool, std::size_t pos)
    : pool_(pool), pos_(pos), session_(&pool->at(pos)) {}

Database::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), pos_(other.pos_), session_(other.session_) {
  other.pool_ = nullptr;
}

Database::Lease::~Lease() {
  if (!pool_) return;
  pool_->give_back(pos_);
  --pool_metrics().in_use;
}

Database::Lease Database::lease() {
  std::size_t pos = 0;
  PoolMetrics& metrics = pool_metrics();
  auto asked = std::chrono::steady_clock::now();
  bool leased = pool_->try_lease(pos, static_cast<int>(options_.lease_timeout.count()));
  metrics.wait_microseconds +=
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - asked).count();
  if (!leased) {
    ++metrics.lease_timeouts;
    throw std::runtime_error("no database connection free within " +
                             std::to_string(options_.lease_timeout.count()) + " ms");
  }
  ++metrics.leases;
  ++metrics.in_use;
  Lease l(pool_.get(), pos);
  // A PostgreSQL connection that broke (server restart, network) is reopened before it is handed out.
  if (dialect_ == Dialect::postgresql && !l->is_connected()) {
    try {
      l->reconnect();
      configure(*l);
    } catch (const std::exception& e) {
      throw std::runtime_error("lost the connection to " + display_url_ +
                               " and cannot reconnect: " + e.what());
    }
  }
  return l;
}

void Database::configure(soci::session& s) {
  if (dialect_ == Dialect::sqlite) {
    s << "PRAGMA busy_timeout = " + std::to_string(options_.busy_timeout.count());
    s << "PRAGMA journal_mode = WAL";
    s << "PRAGMA synchronous = FULL";
    s << "PRAGMA foreign_keys = ON";
  } else {
    s << "SET client_min_messages = WARNING";
    s << "SET TIME ZONE 'UTC'";
  }
}

void Database::begin(soci::session& s) {
  if (dialect_ == Dialect::sqlite) {
    take_turn(this, options_.lease_timeout, display_url_);
    try {
      s << "BEGIN IMMEDIATE";
    } catch (...) {
      give_turn(this);
      throw;
    }
  } else {
    s << "BEGIN";
  }
  std::lock_guard lock(hooks_mutex_);
  hooks_[&s].clear();
}

void Database::after_commit(soci::session& s, std::function<void()> hook, const void* key) {
  {
    std::lock_guard lock(hooks_mutex_);
    auto it = hooks_.find(&s);
    if (it != hooks_.end()) {
      if (key) {
        for (Hook& h : it->second) {
          if (h.key == key) {
            h.run = std::move(hook);
            return;
          }
        }
      }
      it->second.push_back({key, std::move(hook)});
      return;
    }
  }
  try {
    hook();
  } catch (...) {
    // As after a COMMIT: the statements have committed, whatever the hook does.
  }
}

void Database::commit(soci::session& s) {
  s << "COMMIT";  // when it throws, the caller rolls back, which gives the write turn back
  pool_metrics().commits.fetch_add(1, std::memory_order_relaxed);
  std::vector<Hook> hooks;
  {
    std::lock_guard lock(hooks_mutex_);
    auto it = hooks_.find(&s);
    if (it != hooks_.end()) {
      hooks = std::move(it->second);
      hooks_.erase(it);
    }
  }
  for (Hook& h : hooks) {
    try {
      h.run();
    } catch (...) {
      // The transaction has committed; its caller is answered whatever a hook does.
    }
  }
  give_turn(this);
}

void Database::rollback(soci::session& s) noexcept {
  pool_metrics().rollbacks.fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard lock(hooks_mutex_);
    hooks_.erase(&s);
  }
  try {
    s << "ROLLBACK";
  } catch (...) {
    // The caller rethrows the error that caused the rollback. SQLite refuses a ROLLBACK only when it already
    // rolled back by itself (or the file is unusable, which the next statement reports). A PostgreSQL
    // connection whose ROLLBACK failed is in an unknown state: it is closed, so that lease() reconnects it
    // instead of handing out a session inside a broken transaction.
    if (dialect_ == Dialect::postgresql) s.close();
  }
  try {
    give_turn(this);
  } catch (...) {
    // Only a failing std::mutex could get here; the turn is then held no more by this thread's bookkeeping.
  }
}

}  // namespace civic::store
