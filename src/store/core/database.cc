#include "store/core/database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <filesystem>
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
    s << "BEGIN IMMEDIATE";
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
  s << "COMMIT";
  std::vector<Hook> hooks;
  {
    std::lock_guard lock(hooks_mutex_);
    auto it = hooks_.find(&s);
    if (it == hooks_.end()) return;
    hooks = std::move(it->second);
    hooks_.erase(it);
  }
  for (Hook& h : hooks) {
    try {
      h.run();
    } catch (...) {
      // The transaction has committed; its caller is answered whatever a hook does.
    }
  }
}

void Database::rollback(soci::session& s) noexcept {
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
}

}  // namespace civic::store
