// ChannelService: push channels (docs/bulletins.md "Push channels") — a unit's WeCom or DingTalk group robot
// (webhook URL; DingTalk's signing secret) or an e-mail address list over SMTP — and the deliveries made to
// them. The office (manage_channels) adds, lists and removes channels of units in its scope and lists the
// deliveries; secrets are sealed (platform/sealed_box.h) under the key given with set_key and never returned.
// Messages come from unit notices (NotificationService's hook, `on_unit_notice`) of the kinds in
// `pushed_kinds()` — bulletin publication, case and task overdue escalations, reminders — and each becomes
// one pending delivery per active channel of that unit, inside the notice's transaction. `deliver_due` (job
// "channels.deliver") sends the due ones outside any transaction: a send that fails is retried after 1 min,
// 5 min and 30 min (domain/bulletins/delivery_backoff.h), then the delivery is failed. Each claim moves its
// next attempt forward first, so two servers never send one delivery at once.
// SSRF guard: a target whose host resolves to a loopback, private, link-local or unspecified address is
// refused at send time unless the host is in PushPolicy::allowed_hosts (or allow_private is set — tests).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"
#include "store/core/session.h"

namespace civic::service {

struct Channel {
  long long id = 0;
  std::string unit, unit_name, kind, target;  // kind: wecom | dingtalk | smtp
  bool has_secret = false;
  std::string created_by;
  TimeMs created_at = 0;
};

struct NewChannel {
  std::string unit, kind, target, secret;
};

struct Delivery {
  long long id = 0, channel = 0;
  std::string unit, channel_kind, target;
  std::string event, object_type, object_id, title;
  std::string status;  // pending | sent | failed
  int attempts = 0;
  std::optional<TimeMs> next_attempt_at;  // pending only
  std::string last_error;
  TimeMs created_at = 0;
  std::optional<TimeMs> sent_at;
};

// One message for the channels of a unit.
struct PushMessage {
  std::string event, object_type, object_id, title, text;  // text: Markdown-ish plain text
};

struct PushPolicy {
  std::vector<std::string> allowed_hosts;  // hosts allowed even when they resolve to private addresses
  bool allow_private = false;              // every host (tests on loopback)
};

class ChannelService {
 public:
  static constexpr const char* kJobName = "channels.deliver";

  ChannelService(store::Database& db, AuditService& audit, const Clock& clock);

  // The 32-byte key secrets are sealed with (Services: <data dir>/channels.key; else a per-process one).
  void set_key(std::string key) { key_ = std::move(key); }
  void set_policy(PushPolicy policy) { policy_ = std::move(policy); }
  const PushPolicy& policy() const { return policy_; }

  // manage_channels. InvalidInput naming the field (kind, target, secret); NotFound outside scope.
  Channel add(const Principal& who, const NewChannel& input);
  std::vector<Channel> list(const Principal& who);
  void remove(const Principal& who, long long id);
  // manage_channels: deliveries to channels in scope, newest first; status "" any.
  Page<Delivery> deliveries(const Principal& who, const std::string& status, const PageRequest& page);

  // Inside the caller's transaction: one pending delivery per active channel of `unit_id`; returns how many.
  int enqueue(store::Session& sql, long long unit_id, const PushMessage& message);
  // NotificationService's hook: pushes notices of pushed_kinds() (their text from the kind and params).
  void on_unit_notice(store::Session& sql, long long unit_id, std::string_view kind,
                      std::string_view params_json, std::string_view object_type, std::string_view object_id);
  static const std::vector<std::string>& pushed_kinds();

  // Sends every due delivery (at most `limit`); returns how many were sent successfully.
  int deliver_due(long long limit = 100);

 private:
  store::Database& db_;
  AuditService& audit_;
  const Clock& clock_;
  std::string key_;
  PushPolicy policy_;
};

}  // namespace civic::service
