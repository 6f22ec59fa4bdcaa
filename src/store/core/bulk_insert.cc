#include "store/core/bulk_insert.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <stdexcept>
#include <utility>

#include "store/core/sql_params.h"

namespace civic::store {

namespace {

// COPY's text format: tab between columns, newline after a row, \N for null, backslash escapes.
void append_copy_text(std::string& out, const std::string& value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

template <typename T>
void append_number(std::string& out, T value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) throw std::runtime_error("bulk insert: a number does not format");
  out.append(buf, end);
}

std::string pg_error(PGconn* conn, PGresult* r) {
  std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

BulkInserter::BulkInserter(soci::session& sql, std::string table, std::vector<Column> columns,
                           std::size_t batch)
    : sql_(sql),
      postgresql_(sql.get_backend_name() == "postgresql"),
      table_(std::move(table)),
      columns_(std::move(columns)),
      batch_(batch == 0 ? 1 : batch),
      texts_(columns_.size()),
      ints_(columns_.size()),
      reals_(columns_.size()),
      inds_(columns_.size()) {
  if (columns_.empty()) throw std::logic_error("bulk insert into " + table_ + " without columns");
}

void BulkInserter::next_column(Type type) {
  if (column_ >= columns_.size()) throw std::logic_error("bulk insert into " + table_ + ": too many values");
  if (columns_[column_].type != type) {
    throw std::logic_error("bulk insert into " + table_ + ": wrong type for " + columns_[column_].name);
  }
}

BulkInserter& BulkInserter::text(const std::string& value) {
  next_column(Type::text);
  texts_[column_].push_back(value);
  inds_[column_].push_back(soci::i_ok);
  ++column_;
  return *this;
}

BulkInserter& BulkInserter::integer(long long value) {
  next_column(Type::integer);
  ints_[column_].push_back(value);
  inds_[column_].push_back(soci::i_ok);
  ++column_;
  return *this;
}

BulkInserter& BulkInserter::real(double value) {
  next_column(Type::real);
  reals_[column_].push_back(value);
  inds_[column_].push_back(soci::i_ok);
  ++column_;
  return *this;
}

BulkInserter& BulkInserter::null() {
  if (column_ >= columns_.size()) throw std::logic_error("bulk insert into " + table_ + ": too many values");
  switch (columns_[column_].type) {
    case Type::text:
      texts_[column_].emplace_back();
      break;
    case Type::integer:
      ints_[column_].push_back(0);
      break;
    case Type::real:
      reals_[column_].push_back(0);
      break;
  }
  inds_[column_].push_back(soci::i_null);
  ++column_;
  return *this;
}

void BulkInserter::end_row() {
  if (column_ != columns_.size()) {
    throw std::logic_error("bulk insert into " + table_ + ": a row has " + std::to_string(column_) + " of " +
                           std::to_string(columns_.size()) + " values");
  }
  column_ = 0;
  if (++rows_ >= batch_) flush();
}

void BulkInserter::flush() {
  if (column_ != 0) throw std::logic_error("bulk insert into " + table_ + ": flush in the middle of a row");
  if (rows_ == 0) return;
  if (postgresql_) {
    flush_copy();
  } else {
    flush_prepared();
  }
  written_ += rows_;
  rows_ = 0;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    texts_[c].clear();
    ints_[c].clear();
    reals_[c].clear();
    inds_[c].clear();
  }
}

void BulkInserter::flush_prepared() {
  std::string names, placeholders;
  soci::statement st(sql_);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    names += (c ? ", " : "") + columns_[c].name;
    placeholders += (c ? ", :c" : ":c") + std::to_string(c);
    switch (columns_[c].type) {
      case Type::text:
        st.exchange(soci::use(texts_[c], inds_[c]));
        break;
      case Type::integer:
        st.exchange(soci::use(ints_[c], inds_[c]));
        break;
      case Type::real:
        st.exchange(soci::use(reals_[c], inds_[c]));
        break;
    }
  }
  st.alloc();
  st.prepare("INSERT INTO " + table_ + " (" + names + ") VALUES (" + placeholders + ")");
  st.define_and_bind();
  st.execute(true);
}

void BulkInserter::flush_copy() {
  // SOCI's PostgreSQL backend keeps the libpq connection public; the session is in the caller's open
  // transaction, and COPY runs inside it like any other statement.
  PGconn* conn = static_cast<soci::postgresql_session_backend*>(sql_.get_backend())->conn_;
  std::string command = "COPY " + table_ + " (";
  for (std::size_t c = 0; c < columns_.size(); ++c) command += (c ? ", " : "") + columns_[c].name;
  command += ") FROM STDIN";
  PGresult* r = PQexec(conn, command.c_str());
  if (PQresultStatus(r) != PGRES_COPY_IN) {
    std::string message = pg_error(conn, r);
    PQclear(r);
    throw std::runtime_error("bulk insert into " + table_ + " refused: " + message);
  }
  PQclear(r);

  constexpr std::size_t kChunk = 1 << 20;
  std::string buffer;
  buffer.reserve(kChunk + 4096);
  bool sent = true;
  auto send = [&] {
    if (sent && !buffer.empty())
      sent = PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) == 1;
    buffer.clear();
  };
  for (std::size_t row = 0; row < rows_ && sent; ++row) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (c) buffer += '\t';
      if (inds_[c][row] == soci::i_null) {
        buffer += "\\N";
        continue;
      }
      switch (columns_[c].type) {
        case Type::text:
          append_copy_text(buffer, texts_[c][row]);
          break;
        case Type::integer:
          append_number(buffer, ints_[c][row]);
          break;
        case Type::real:
          append_number(buffer, reals_[c][row]);
          break;
      }
    }
    buffer += '\n';
    if (buffer.size() >= kChunk) send();
  }
  send();
  std::string message;
  if (!sent) message = pg_error(conn, nullptr);
  if (PQputCopyEnd(conn, sent ? nullptr : "the client stopped sending") != 1 && message.empty()) {
    message = pg_error(conn, nullptr);
  }
  // Every result of the COPY must be read before the connection takes another command.
  while ((r = PQgetResult(conn)) != nullptr) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && message.empty()) message = pg_error(conn, r);
    PQclear(r);
  }
  if (!sent || !message.empty()) {
    throw std::runtime_error("bulk insert into " + table_ + " failed: " + message);
  }
}

namespace {

template <typename Row>
void for_each_chunk(soci::session& sql, const std::vector<std::string>& codes, const std::string& select,
                    const std::string& column, Row& row, const std::function<void()>& on_row) {
  for (std::size_t start = 0; start < codes.size(); start += kLookupBatch) {
    std::size_t end = std::min(codes.size(), start + kLookupBatch);
    SqlParams params;
    std::string in;
    for (std::size_t i = start; i < end; ++i) in += (i == start ? "" : ", ") + params.text(codes[i]);
    soci::statement st(sql);
    row.bind(st);
    params.bind(st);
    st.alloc();
    st.prepare(select + " WHERE " + column + " IN (" + in + ")");
    st.define_and_bind();
    if (st.execute(true)) {
      do {
        on_row();
      } while (st.fetch());
    }
  }
}

struct CodeInto {
  std::string code;
  void bind(soci::statement& st) { st.exchange(soci::into(code)); }
};

struct IdCodeInto {
  long long id = 0;
  std::string code;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(code));
  }
};

}  // namespace

std::unordered_set<std::string> existing_codes(soci::session& sql, const std::string& table,
                                               const std::string& column,
                                               const std::vector<std::string>& codes) {
  std::unordered_set<std::string> out;
  CodeInto row;
  for_each_chunk(sql, codes, "SELECT " + column + " FROM " + table, column, row,
                 [&] { out.insert(row.code); });
  return out;
}

std::unordered_map<std::string, long long> ids_by_code(soci::session& sql, const std::string& table,
                                                       const std::vector<std::string>& codes) {
  std::unordered_map<std::string, long long> out;
  IdCodeInto row;
  for_each_chunk(sql, codes, "SELECT id, code FROM " + table, "code", row, [&] { out[row.code] = row.id; });
  return out;
}

}  // namespace civic::store
