#include "store/channels/channel_repository.h"

#include "store/core/row_fetch.h"

namespace civic::store {

namespace {

const char* kChannelColumns =
    "c.id, c.unit_id, c.kind, c.target, c.secret, c.created_by, c.created_at, c.deleted_at";

struct ChannelBinding {
  ChannelRow r;
  void bind(soci::statement& st) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.unit_id));
    st.exchange(soci::into(r.kind));
    st.exchange(soci::into(r.target));
    st.exchange(soci::into(r.secret));
    st.exchange(soci::into(r.created_by));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.deleted_at));
  }
  ChannelRow take() const { return r; }
};

const char* kDeliveryColumns =
    "d.id, d.channel_id, d.event, d.object_type, d.object_id, d.title, d.body, d.status, d.attempts,"
    " d.next_attempt_at, d.last_error, d.created_at, d.sent_at";

struct DeliveryBinding {
  DeliveryRow r;
  void bind(soci::statement& st) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.channel_id));
    st.exchange(soci::into(r.event));
    st.exchange(soci::into(r.object_type));
    st.exchange(soci::into(r.object_id));
    st.exchange(soci::into(r.title));
    st.exchange(soci::into(r.body));
    st.exchange(soci::into(r.status));
    st.exchange(soci::into(r.attempts));
    st.exchange(soci::into(r.next_attempt_at));
    st.exchange(soci::into(r.last_error));
    st.exchange(soci::into(r.created_at));
    st.exchange(soci::into(r.sent_at));
  }
  DeliveryRow take() const { return r; }
};

struct CountBinding {
  long long n = 0;
  void bind(soci::statement& st) { st.exchange(soci::into(n)); }
  long long take() const { return n; }
};

std::string delivery_where(SqlParams& p, const std::string& scope_path, const std::string& status) {
  std::string w =
      " FROM deliveries d JOIN channels c ON c.id = d.channel_id JOIN units u ON u.id = c.unit_id"
      " WHERE u.path LIKE " +
      p.text(scope_path + "%");
  if (!status.empty()) w += " AND d.status = " + p.text(status);
  return w;
}

}  // namespace

long long ChannelRepository::insert(const ChannelRow& r) {
  sql_ << "INSERT INTO channels (unit_id, kind, target, secret, created_by, created_at)"
          " VALUES (:u, :k, :t, :s, :b, :a)",
      soci::use(r.unit_id), soci::use(r.kind), soci::use(r.target), soci::use(r.secret),
      soci::use(r.created_by), soci::use(r.created_at);
  long long id = 0;
  sql_ << "SELECT MAX(id) FROM channels WHERE unit_id = :u", soci::into(id), soci::use(r.unit_id);
  return id;
}

std::optional<ChannelRow> ChannelRepository::find(long long id) {
  SqlParams p;
  std::string q = std::string("SELECT ") + kChannelColumns + " FROM channels c WHERE c.id = " + p.integer(id);
  return fetch_row<ChannelBinding>(sql_, q, p);
}

std::vector<ChannelRow> ChannelRepository::list(const std::string& scope_path) {
  SqlParams p;
  std::string q =
      std::string("SELECT ") + kChannelColumns +
      " FROM channels c JOIN units u ON u.id = c.unit_id WHERE c.deleted_at = 0 AND u.path LIKE " +
      p.text(scope_path + "%") + " ORDER BY c.id";
  return fetch_rows<ChannelBinding>(sql_, q, p);
}

std::vector<ChannelRow> ChannelRepository::of_unit(long long unit_id) {
  SqlParams p;
  std::string q = std::string("SELECT ") + kChannelColumns +
                  " FROM channels c WHERE c.deleted_at = 0 AND c.unit_id = " + p.integer(unit_id) +
                  " ORDER BY c.id";
  return fetch_rows<ChannelBinding>(sql_, q, p);
}

void ChannelRepository::mark_deleted(long long id, TimeMs at) {
  sql_ << "UPDATE channels SET deleted_at = :a WHERE id = :i", soci::use(at), soci::use(id);
}

void ChannelRepository::insert_delivery(const DeliveryRow& r) {
  sql_ << "INSERT INTO deliveries (channel_id, event, object_type, object_id, title, body, status, attempts,"
          " next_attempt_at, last_error, created_at, sent_at)"
          " VALUES (:c, :e, :ot, :oi, :t, :b, :s, :a, :n, :l, :ca, :sa)",
      soci::use(r.channel_id), soci::use(r.event), soci::use(r.object_type), soci::use(r.object_id),
      soci::use(r.title), soci::use(r.body), soci::use(r.status), soci::use(r.attempts),
      soci::use(r.next_attempt_at), soci::use(r.last_error), soci::use(r.created_at), soci::use(r.sent_at);
}

std::optional<DeliveryRow> ChannelRepository::find_delivery(long long id) {
  SqlParams p;
  std::string q =
      std::string("SELECT ") + kDeliveryColumns + " FROM deliveries d WHERE d.id = " + p.integer(id);
  return fetch_row<DeliveryBinding>(sql_, q, p);
}

long long ChannelRepository::count_deliveries(const std::string& scope_path, const std::string& status) {
  SqlParams p;
  std::string q = "SELECT COUNT(*)" + delivery_where(p, scope_path, status);
  return fetch_row<CountBinding>(sql_, q, p).value_or(0);
}

std::vector<DeliveryRow> ChannelRepository::list_deliveries(const std::string& scope_path,
                                                            const std::string& status, long long limit,
                                                            long long offset) {
  SqlParams p;
  std::string q = std::string("SELECT ") + kDeliveryColumns + delivery_where(p, scope_path, status) +
                  " ORDER BY d.id DESC LIMIT " + p.integer(limit) + " OFFSET " + p.integer(offset);
  return fetch_rows<DeliveryBinding>(sql_, q, p);
}

std::vector<DeliveryRow> ChannelRepository::due(TimeMs now, long long limit) {
  SqlParams p;
  std::string q = std::string("SELECT ") + kDeliveryColumns +
                  " FROM deliveries d WHERE d.status = 'pending' AND d.next_attempt_at <= " + p.integer(now) +
                  " ORDER BY d.next_attempt_at, d.id LIMIT " + p.integer(limit);
  return fetch_rows<DeliveryBinding>(sql_, q, p);
}

bool ChannelRepository::claim(long long id, TimeMs expected, TimeMs lease_until) {
  soci::statement st = (sql_.prepare << "UPDATE deliveries SET next_attempt_at = :l"
                                        " WHERE id = :i AND status = 'pending' AND next_attempt_at = :e",
                        soci::use(lease_until), soci::use(id), soci::use(expected));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void ChannelRepository::update_delivery(const DeliveryRow& r) {
  sql_ << "UPDATE deliveries SET status = :s, attempts = :a, next_attempt_at = :n, last_error = :l,"
          " sent_at = :sa WHERE id = :i",
      soci::use(r.status), soci::use(r.attempts), soci::use(r.next_attempt_at), soci::use(r.last_error),
      soci::use(r.sent_at), soci::use(r.id);
}

}  // namespace civic::store
