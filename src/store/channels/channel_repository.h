// ChannelRepository: rows of `channels` (a unit's push channels; the secret column holds ciphertext the
// service made) and `deliveries` (one row per message to one channel, with its attempts) over one session,
// the caller's transaction. No business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct ChannelRow {
  long long id = 0;
  long long unit_id = 0;
  std::string kind;    // wecom | dingtalk | smtp
  std::string target;  // webhook URL, or smtp://host:port/?from=…&to=…
  std::string secret;  // encrypted, "" when none
  std::string created_by;
  TimeMs created_at = 0;
  TimeMs deleted_at = 0;  // 0: active
};

struct DeliveryRow {
  long long id = 0;
  long long channel_id = 0;
  std::string event, object_type, object_id, title, body;
  std::string status;  // pending | sent | failed
  int attempts = 0;
  TimeMs next_attempt_at = 0;
  std::string last_error;
  TimeMs created_at = 0, sent_at = 0;
};

class ChannelRepository {
 public:
  explicit ChannelRepository(soci::session& sql) : sql_(sql) {}

  long long insert(const ChannelRow& row);
  std::optional<ChannelRow> find(long long id);
  // Active channels of units whose path starts with `scope_path`, by id.
  std::vector<ChannelRow> list(const std::string& scope_path);
  // Active channels of one unit.
  std::vector<ChannelRow> of_unit(long long unit_id);
  void mark_deleted(long long id, TimeMs at);

  void insert_delivery(const DeliveryRow& row);
  std::optional<DeliveryRow> find_delivery(long long id);
  // Deliveries to channels of units under `scope_path` (status "" any), newest first.
  long long count_deliveries(const std::string& scope_path, const std::string& status);
  std::vector<DeliveryRow> list_deliveries(const std::string& scope_path, const std::string& status,
                                           long long limit, long long offset);
  // Pending deliveries with next_attempt_at <= now, oldest first, at most `limit`.
  std::vector<DeliveryRow> due(TimeMs now, long long limit);
  // Moves a pending delivery's next_attempt_at from `expected` to `lease_until`; whether it did (so two
  // servers do not both send it).
  bool claim(long long id, TimeMs expected, TimeMs lease_until);
  void update_delivery(const DeliveryRow& row);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
