#include "service/channels/channel_service.h"

#include <soci/soci.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "domain/bulletins/delivery_backoff.h"
#include "domain/core/error.h"
#include "platform/push_client.h"
#include "platform/sealed_box.h"
#include "platform/secret.h"
#include "service/channels/delivery_metrics.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "store/channels/channel_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace json = boost::json;

namespace {

// How long a claimed delivery is held by the server sending it before another may retry it.
constexpr TimeMs kClaimLease = 10 * 60'000;

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// smtp://host[:port]?from=…&to=a,b[&tls=auto|always|never][&user=…]
struct SmtpTarget {
  platform::SmtpServer server;
  std::string from;
  std::vector<std::string> to;
};

SmtpTarget parse_smtp(const std::string& target) {
  platform::Url u = platform::parse_url(target);
  if (u.scheme != "smtp") throw platform::PushError("an smtp target is smtp://host[:port]?from=…&to=…");
  SmtpTarget t;
  t.server.host = u.host;
  t.server.port = u.port;
  auto q = u.target.find('?');
  std::string query = q == std::string::npos ? "" : u.target.substr(q + 1);
  size_t start = 0;
  while (start < query.size()) {
    size_t amp = query.find('&', start);
    std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    auto eq = pair.find('=');
    std::string k = pair.substr(0, eq),
                v = eq == std::string::npos ? "" : percent_decode(pair.substr(eq + 1));
    if (k == "from") t.from = v;
    if (k == "user") t.server.user = v;
    if (k == "tls") t.server.tls = v;
    if (k == "to") {
      size_t s = 0;
      while (s <= v.size()) {
        size_t c = v.find(',', s);
        std::string a = v.substr(s, c == std::string::npos ? std::string::npos : c - s);
        if (!a.empty()) t.to.push_back(a);
        if (c == std::string::npos) break;
        s = c + 1;
      }
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  if (t.from.find('@') == std::string::npos) throw platform::PushError("an smtp target needs from=ADDRESS");
  if (t.to.empty()) throw platform::PushError("an smtp target needs to=ADDRESS[,ADDRESS…]");
  if (t.server.tls != "auto" && t.server.tls != "always" && t.server.tls != "never")
    throw platform::PushError("tls is auto, always or never");
  return t;
}

std::string param(const json::object& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

// The message a pushed notice becomes (the group chats read Chinese).
std::optional<PushMessage> notice_message(std::string_view kind, std::string_view params_json,
                                          std::string_view object_type, std::string_view object_id) {
  static const std::vector<std::pair<std::string, std::string>> heads = {
      {"bulletin_published", "通报发布"},     {"case_overdue", "案卷超期"},
      {"case_supervised", "案卷超期督办"},    {"task_overdue", "任务超期"},
      {"task_escalated", "任务超期升级督办"}, {"task_due_soon", "任务即将到期"},
      {"task_reminded", "任务催办"},          {"statistic_reminder", "数据指标催报"},
  };
  auto it = std::find_if(heads.begin(), heads.end(), [&](const auto& h) { return h.first == kind; });
  if (it == heads.end()) return std::nullopt;
  json::object p;
  try {
    json::value v = json::parse(params_json);
    if (v.is_object()) p = v.as_object();
  } catch (const std::exception&) {
  }
  std::string what = param(p, "title");
  if (what.empty()) what = param(p, "period");
  if (what.empty()) what = std::string(object_id);
  std::string where = param(p, "where");
  PushMessage m;
  m.event = std::string(kind);
  m.object_type = std::string(object_type);
  m.object_id = std::string(object_id);
  m.title = it->second + "：" + what;
  m.text =
      (where.empty() ? "" : "单位：" + where + "\n") + "事项：" + what + "\n编号：" + std::string(object_id);
  if (auto due = param(p, "due"); !due.empty()) m.text += "\n期限：" + due;
  if (auto summary = param(p, "summary"); !summary.empty()) m.text += "\n\n" + summary;
  return m;
}

Channel channel_of(store::Session& sql, const store::ChannelRow& r) {
  Channel c;
  c.id = r.id;
  auto unit = store::UnitRepository(sql).find_by_id(r.unit_id);
  c.unit = unit ? unit->code : "";
  c.unit_name = unit ? unit->name : "";
  c.kind = r.kind;
  c.target = r.target;
  c.has_secret = !r.secret.empty();
  c.created_by = r.created_by;
  c.created_at = r.created_at;
  return c;
}

}  // namespace

ChannelService::ChannelService(store::Database& db, AuditService& audit, const Clock& clock)
    : db_(db), audit_(audit), clock_(clock) {
  platform::ensure_sodium();
  key_.resize(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  randombytes_buf(key_.data(), key_.size());
}

const std::vector<std::string>& ChannelService::pushed_kinds() {
  static const std::vector<std::string> kinds = {"bulletin_published", "case_overdue",      "case_supervised",
                                                 "task_overdue",       "task_escalated",    "task_due_soon",
                                                 "task_reminded",      "statistic_reminder"};
  return kinds;
}

Channel ChannelService::add(const Principal& who, const NewChannel& in) {
  audit_.require(who, Permission::manage_channels);
  if (in.kind != "wecom" && in.kind != "dingtalk" && in.kind != "smtp")
    throw InvalidInput("kind", "kind is wecom, dingtalk or smtp", message_key("channel.kind.invalid"));
  if (in.target.empty() || in.target.size() > 1000)
    throw InvalidInput("target", "target is 1..1000 characters", message_key("channel.target.invalid"));
  if (in.secret.size() > 500)
    throw InvalidInput("secret", "secret is at most 500 characters", message_key("channel.secret.invalid"));
  try {
    if (in.kind == "smtp") {
      parse_smtp(in.target);
    } else {
      platform::Url u = platform::parse_url(in.target);
      if (u.scheme != "http" && u.scheme != "https") throw platform::PushError("a webhook is an http(s) URL");
    }
  } catch (const platform::PushError& e) {
    throw InvalidInput("target", e.what(), message_key("channel.target.invalid"));
  }
  return db_.transact([&](soci::session& sql) {
    auto unit = store::UnitRepository(sql).find_by_code(in.unit);
    if (!unit)
      throw InvalidInput("unit", "no unit " + in.unit, message_key("unit.not_found", {{"unit", in.unit}}));
    if (!who.in_scope(*unit))
      throw InvalidInput("unit", "no unit " + in.unit, message_key("unit.not_found", {{"unit", in.unit}}));
    store::ChannelRow row;
    row.unit_id = unit->id;
    row.kind = in.kind;
    row.target = in.target;
    row.secret = in.secret.empty() ? "" : platform::seal(key_, in.secret);
    row.created_by = who.username;
    row.created_at = clock_.now_ms();
    row.id = store::ChannelRepository(sql).insert(row);
    audit_.record(sql, who,
                  {"channel.create", "channel", std::to_string(row.id), "",
                   JsonText()
                       .add("unit", unit->code)
                       .add("kind", in.kind)
                       .add("target", in.target)
                       .add("secret", !in.secret.empty())
                       .str()});
    return channel_of(sql, row);
  });
}

std::vector<Channel> ChannelService::list(const Principal& who) {
  audit_.require(who, Permission::manage_channels);
  auto lease = db_.lease();
  std::vector<Channel> out;
  for (const auto& r : store::ChannelRepository(*lease).list(who.is_cli ? "" : who.unit_path))
    out.push_back(channel_of(*lease, r));
  return out;
}

void ChannelService::remove(const Principal& who, long long id) {
  audit_.require(who, Permission::manage_channels);
  bool out_of_scope = false;
  db_.transact([&](soci::session& sql) {
    store::ChannelRepository repo(sql);
    auto row = repo.find(id);
    if (!row || row->deleted_at != 0)
      throw NotFound("no channel " + std::to_string(id), message_key("channel.not_found"));
    auto unit = store::UnitRepository(sql).find_by_id(row->unit_id);
    if (!unit || !who.in_scope(*unit)) {
      out_of_scope = true;
      return;
    }
    repo.mark_deleted(id, clock_.now_ms());
    audit_.record(
        sql, who,
        {"channel.delete", "channel", std::to_string(id),
         JsonText().add("unit", unit->code).add("kind", row->kind).add("target", row->target).str(), ""});
  });
  if (out_of_scope) audit_.deny_out_of_scope(who, "channel", std::to_string(id));
}

Page<Delivery> ChannelService::deliveries(const Principal& who, const std::string& status,
                                          const PageRequest& page) {
  audit_.require(who, Permission::manage_channels);
  page.validate();
  if (!status.empty() && status != "pending" && status != "sent" && status != "failed")
    throw InvalidInput("status", "status is pending, sent or failed", message_key("delivery.status.invalid"));
  auto lease = db_.lease();
  store::ChannelRepository repo(*lease);
  std::string scope = who.is_cli ? "" : who.unit_path;
  Page<Delivery> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = repo.count_deliveries(scope, status);
  for (const auto& d : repo.list_deliveries(scope, status, page.page_size, page.offset())) {
    Delivery v;
    v.id = d.id;
    v.channel = d.channel_id;
    if (auto c = repo.find(d.channel_id)) {
      Channel ch = channel_of(*lease, *c);
      v.unit = ch.unit;
      v.channel_kind = ch.kind;
      v.target = ch.target;
    }
    v.event = d.event;
    v.object_type = d.object_type;
    v.object_id = d.object_id;
    v.title = d.title;
    v.status = d.status;
    v.attempts = d.attempts;
    if (d.status == "pending") v.next_attempt_at = d.next_attempt_at;
    v.last_error = d.last_error;
    v.created_at = d.created_at;
    if (d.sent_at) v.sent_at = d.sent_at;
    out.items.push_back(std::move(v));
  }
  return out;
}

int ChannelService::enqueue(store::Session& sql, long long unit_id, const PushMessage& m) {
  store::ChannelRepository repo(sql);
  int n = 0;
  for (const auto& c : repo.of_unit(unit_id)) {
    store::DeliveryRow d;
    d.channel_id = c.id;
    d.event = m.event;
    d.object_type = m.object_type;
    d.object_id = m.object_id;
    d.title = m.title;
    d.body = m.text;
    d.status = "pending";
    d.next_attempt_at = clock_.now_ms();
    d.created_at = clock_.now_ms();
    repo.insert_delivery(d);
    ++n;
  }
  return n;
}

void ChannelService::on_unit_notice(store::Session& sql, long long unit_id, std::string_view kind,
                                    std::string_view params_json, std::string_view object_type,
                                    std::string_view object_id) {
  if (auto m = notice_message(kind, params_json, object_type, object_id)) enqueue(sql, unit_id, *m);
}

namespace {

// Sends one message to one channel; throws PushError with the reason.
void send_to(const store::ChannelRow& c, const std::string& secret, const PushPolicy& policy,
             const std::string& title, const std::string& text, TimeMs now) {
  auto guard = [&](const std::string& host, const std::string& port) {
    if (policy.allow_private) return;
    if (std::find(policy.allowed_hosts.begin(), policy.allowed_hosts.end(), host) !=
        policy.allowed_hosts.end())
      return;
    auto priv = platform::private_addresses(host, port);
    if (!priv.empty())
      throw platform::PushError("refused: " + host + " resolves to the private address " + priv.front() +
                                " (add the host to push.allowed_hosts, docs/security.md)");
  };
  if (c.kind == "smtp") {
    SmtpTarget t = parse_smtp(c.target);
    guard(t.server.host, t.server.port);
    t.server.password = secret;
    platform::send_mail(t.server, {t.from, t.to, title, text, now});
    return;
  }
  platform::Url u = platform::parse_url(c.target);
  guard(u.host, u.port);
  std::string url = c.target;
  json::object body;
  if (c.kind == "wecom") {
    // WeCom group robot: {"msgtype":"markdown","markdown":{"content":…}}.
    body = {{"msgtype", "markdown"}, {"markdown", {{"content", "## " + title + "\n" + text}}}};
  } else {
    // DingTalk custom robot; with a secret the URL carries timestamp and sign = base64(HMAC-SHA256(secret,
    // timestamp + "\n" + secret)), URL-encoded.
    body = {{"msgtype", "markdown"},
            {"markdown", {{"title", title}, {"text", "### " + title + "\n\n" + text}}}};
    if (!secret.empty()) {
      std::string ts = std::to_string(now);
      std::string sign = platform::base64(platform::hmac_sha256_raw(secret, ts + "\n" + secret));
      url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("timestamp=") + ts +
             "&sign=" + percent_encode(sign);
    }
  }
  auto reply = platform::post_json(url, json::serialize(body));
  // Both robots answer 200 with {"errcode":0,…}; another errcode is a failure.
  try {
    json::value v = json::parse(reply.body);
    if (v.is_object() && v.as_object().contains("errcode") && v.at("errcode").is_int64() &&
        v.at("errcode").as_int64() != 0) {
      throw platform::PushError("errcode " + std::to_string(v.at("errcode").as_int64()) + ": " +
                                param(v.as_object(), "errmsg"));
    }
  } catch (const platform::PushError&) {
    throw;
  } catch (const std::exception&) {
  }
}

}  // namespace

int ChannelService::deliver_due(long long limit) {
  std::vector<store::DeliveryRow> due;
  {
    auto lease = db_.lease();
    due = store::ChannelRepository(*lease).due(clock_.now_ms(), limit);
  }
  int sent = 0;
  for (auto d : due) {
    TimeMs now = clock_.now_ms();
    std::optional<store::ChannelRow> channel;
    bool claimed = db_.transact([&](soci::session& sql) {
      store::ChannelRepository repo(sql);
      if (!repo.claim(d.id, d.next_attempt_at, now + kClaimLease)) return false;
      channel = repo.find(d.channel_id);
      return true;
    });
    if (!claimed) continue;
    std::string error;
    try {
      if (!channel || channel->deleted_at != 0) throw platform::PushError("the channel was removed");
      std::string secret = channel->secret.empty() ? "" : platform::open_sealed(key_, channel->secret);
      send_to(*channel, secret, policy_, d.title, d.body, now);
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "failed";
    }
    d.attempts += 1;
    if (error.empty()) {
      d.status = "sent";
      d.sent_at = clock_.now_ms();
      d.last_error = "";
      ++sent;
      delivery_metrics().sent.fetch_add(1, std::memory_order_relaxed);
    } else {
      d.last_error = error.substr(0, 500);
      auto delay = channel && channel->deleted_at == 0 ? delivery_retry_delay(d.attempts) : std::nullopt;
      if (delay) {
        d.next_attempt_at = now + *delay;
        delivery_metrics().retried.fetch_add(1, std::memory_order_relaxed);
      } else {
        d.status = "failed";
        delivery_metrics().failed.fetch_add(1, std::memory_order_relaxed);
      }
      spdlog::warn("delivery {} ({}) attempt {} failed: {}", d.id, d.event, d.attempts, d.last_error);
    }
    db_.transact([&](soci::session& sql) { store::ChannelRepository(sql).update_delivery(d); });
  }
  return sent;
}

}  // namespace civic::service
