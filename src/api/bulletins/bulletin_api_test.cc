// Bulletins and push channels over HTTP, end to end on real sockets: a completed round drafts its bulletin,
// the drafter cannot approve it, a second office user does, publishing notifies the units and pushes to a
// WeCom and a DingTalk receiver (a loopback HTTP server started here, checking the JSON and the signature)
// and an SMTP sink (a loopback SMTP server reading the DATA); a receiver answering 500 is retried after
// 1, 5 and 30 minutes of the test clock and then shown failed in /api/deliveries.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <thread>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

namespace json = boost::json;
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using testing::ApiCity;
using testing::Reply;

std::string field_bundle() {
  return R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面",
    "indicators":[{"code":"A1.1","name":"指标","items":[{"code":"A1.1.1","name":"公共场所秩序","max_score":4,
      "method":"field","checks":[{"code":"K1","text":"无乱扔垃圾","deduct":1,"site_types":["主干道"],"photo_required":false}]}]}]}]},
    "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
             {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
    "sites":[{"code":"S1","type":"主干道","unit":"D1-S1"},{"code":"S2","type":"主干道","unit":"D1-S1"},
             {"code":"S9","type":"主干道","unit":"D2-S1"}],
    "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}]})";
}

// A loopback HTTP server answering every request with `status` and recording (target, body).
class WebhookReceiver {
 public:
  explicit WebhookReceiver(int status)
      : status_(status), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { run(); });
  }
  ~WebhookReceiver() {
    stopping_ = true;
    boost::system::error_code ec;
    tcp::socket poke(io_);
    poke.connect(acceptor_.local_endpoint(), ec);
    thread_.join();
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + path;
  }
  std::vector<std::pair<std::string, std::string>> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void run() {
    while (!stopping_) {
      tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) break;
      beast::flat_buffer buffer;
      beast::http::request<beast::http::string_body> req;
      beast::http::read(socket, buffer, req, ec);
      if (ec) continue;
      {
        std::lock_guard lock(mutex_);
        received_.emplace_back(std::string(req.target()), req.body());
      }
      beast::http::response<beast::http::string_body> res{static_cast<beast::http::status>(status_), 11};
      res.set(beast::http::field::content_type, "application/json");
      res.body() = status_ == 200 ? R"({"errcode":0,"errmsg":"ok"})" : R"({"errcode":-1,"errmsg":"down"})";
      res.prepare_payload();
      beast::http::write(socket, res, ec);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    }
  }

  int status_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> received_;
};

// A loopback SMTP server that accepts every message and records the envelope and the DATA.
class SmtpSink {
 public:
  SmtpSink() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { run(); });
  }
  ~SmtpSink() {
    stopping_ = true;
    boost::system::error_code ec;
    tcp::socket poke(io_);
    poke.connect(acceptor_.local_endpoint(), ec);
    thread_.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  struct Mail {
    std::string from;
    std::vector<std::string> to;
    std::string data;
  };
  std::vector<Mail> mails() {
    std::lock_guard lock(mutex_);
    return mails_;
  }

 private:
  void run() {
    while (!stopping_) {
      tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) break;
      try {
        converse(socket);
      } catch (const std::exception&) {
      }
    }
  }
  void converse(tcp::socket& socket) {
    asio::streambuf buffer;
    auto say = [&](const std::string& s) { asio::write(socket, asio::buffer(s + "\r\n")); };
    auto line = [&] {
      asio::read_until(socket, buffer, "\r\n");
      std::istream in(&buffer);
      std::string l;
      std::getline(in, l);
      if (!l.empty() && l.back() == '\r') l.pop_back();
      return l;
    };
    Mail mail;
    say("220 sink ESMTP");
    while (true) {
      std::string l = line();
      if (l.rfind("EHLO", 0) == 0) {
        say("250-sink");
        say("250 8BITMIME");
      } else if (l.rfind("MAIL FROM:", 0) == 0) {
        mail.from = l.substr(10);
        say("250 OK");
      } else if (l.rfind("RCPT TO:", 0) == 0) {
        mail.to.push_back(l.substr(8));
        say("250 OK");
      } else if (l == "DATA") {
        say("354 go on");
        while (true) {
          std::string d = line();
          if (d == ".") break;
          mail.data += d + "\n";
        }
        {
          std::lock_guard lock(mutex_);
          mails_.push_back(mail);
        }
        say("250 queued");
      } else if (l == "QUIT") {
        say("221 bye");
        return;
      } else {
        say("500 what");
      }
    }
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<Mail> mails_;
};

std::string query_value(const std::string& target, const std::string& key) {
  auto q = target.find('?');
  std::string query = q == std::string::npos ? "" : target.substr(q + 1);
  size_t start = 0;
  while (start < query.size()) {
    size_t amp = query.find('&', start);
    std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    if (pair.rfind(key + "=", 0) == 0) return pair.substr(key.size() + 1);
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return "";
}

// DingTalk's signature as its documentation computes it, with OpenSSL (not Civic's code).
std::string dingtalk_sign(const std::string& secret, const std::string& timestamp) {
  std::string data = timestamp + "\n" + secret;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  unsigned char b64[128];
  int n = EVP_EncodeBlock(b64, mac, static_cast<int>(len));
  std::string sign(reinterpret_cast<char*>(b64), static_cast<size_t>(n));
  std::string encoded;
  for (unsigned char c : sign) {
    if (std::isalnum(c)) {
      encoded += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  return encoded;
}

std::string base64_decode(const std::string& text) {
  std::string out(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<size_t>(std::max(n, 0)));
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

class BulletinApi : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
    city_->services().evaluation.import_bundle(service::Principal::cli(),
                                               bundle::read_bundle(field_bundle()));
    city_->services().channels.set_policy({{}, true});  // loopback receivers
    city_->add_person("office2", "D1", Role::office);
  }
  // Round R1 over D1 (S1, S2), both inspected with K1 failing, then completed by `office`.
  void complete_round() {
    ApiCity& c = *city_;
    Reply created = c.as(
        "office", "POST", "/api/rounds",
        R"({"code":"R1","name":"三月督查","period":"2026H1","under":"D1","default_sample_size":2,"seed":"7"})");
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(
        c.as("office", "POST", "/api/rounds/R1/actions/assign", R"({"inspectors":["inspector"]})").status,
        200);
    for (const char* site : {"S1", "S2"}) {
      Reply s =
          c.as("inspector", "POST", "/api/inspections",
               std::string(R"({"client_id":"c-)") + site + R"(","round":"R1","site":")" + site +
                   R"(","inspected_at":"2026-02-28T09:30:00Z","results":[{"check":"K1","failures":2}]})");
      ASSERT_EQ(s.status, 201) << s.body;
    }
    Reply done = c.as("office", "POST", "/api/rounds/R1/actions/complete", "{}");
    ASSERT_EQ(done.status, 200) << done.body;
  }
  std::unique_ptr<ApiCity> city_;
};
CIVIC_INSTANTIATE_BACKENDS(BulletinApi);

TEST_P(BulletinApi, RoundBulletinIsApprovedByAnotherPublishedNotifiedAndPushed) {
  ApiCity& c = *city_;
  WebhookReceiver hooks(200);
  SmtpSink smtp;
  Reply wecom = c.as("office", "POST", "/api/channels",
                     R"({"unit":"D1","kind":"wecom","target":")" + hooks.url("/wecom?key=k1") + R"("})");
  ASSERT_EQ(wecom.status, 201) << wecom.body;
  Reply ding = c.as("office", "POST", "/api/channels",
                    R"({"unit":"D1","kind":"dingtalk","target":")" + hooks.url("/ding?access_token=t1") +
                        R"(","secret":"SECdingtalk-secret"})");
  ASSERT_EQ(ding.status, 201) << ding.body;
  EXPECT_TRUE(ApiCity::parse(ding).at("has_secret").as_bool());
  Reply mail =
      c.as("office", "POST", "/api/channels",
           R"({"unit":"D1","kind":"smtp","target":"smtp://127.0.0.1:)" + std::to_string(smtp.port()) +
               R"(?from=civic@example.org&to=d1@example.org,head@example.org&tls=never"})");
  ASSERT_EQ(mail.status, 201) << mail.body;
  // Secrets are never returned.
  Reply listed = c.as("office", "GET", "/api/channels");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find("SECdingtalk"), std::string::npos);
  EXPECT_EQ(ApiCity::parse(listed).at("total").as_int64(), 3);
  EXPECT_EQ(c.as("office", "POST", "/api/channels", R"({"unit":"D1","kind":"fax","target":"x"})").status,
            400);
  EXPECT_EQ(c.as("unit_officer", "GET", "/api/channels").status, 403);

  complete_round();

  Reply drafts = c.as("office", "GET", "/api/bulletins?state=draft");
  ASSERT_EQ(drafts.status, 200) << drafts.body;
  ASSERT_EQ(ApiCity::parse(drafts).at("total").as_int64(), 1) << drafts.body;
  json::value summary = ApiCity::parse(drafts).at("items").at(0);
  long long id = summary.at("id").as_int64();
  EXPECT_EQ(summary.at("kind"), "round");
  EXPECT_EQ(summary.at("round"), "R1");
  EXPECT_EQ(summary.at("unit"), "D1");
  EXPECT_EQ(summary.at("drafted_by"), "office");
  std::string path = "/api/bulletins/" + std::to_string(id);

  json::value detail = ApiCity::parse(c.as("office", "GET", path));
  std::vector<std::string> keys;
  for (const auto& s : detail.at("sections").as_array()) keys.emplace_back(s.at("key").as_string());
  EXPECT_EQ(keys, service::bulletin_section_keys());
  // The round's weakest item: A1.1.1, lost points at both sites.
  const json::value& weakest = detail.at("sections").at(5);
  ASSERT_EQ(weakest.at("rows").as_array().size(), 1u) << json::serialize(weakest);
  EXPECT_EQ(weakest.at("rows").at(0).at("item"), "A1.1.1");
  EXPECT_LT(weakest.at("rows").at(0).at("rate").to_number<double>(), 0.85);

  // Unit officers do not see drafts.
  EXPECT_EQ(c.as("unit_officer", "GET", path).status, 404);
  EXPECT_EQ(ApiCity::parse(c.as("unit_officer", "GET", "/api/bulletins")).at("total").as_int64(), 0);

  Reply edited = c.as(
      "office", "PUT", path,
      R"({"version":1,"prose":{"opening":"三月督查情况通报如下。","remarks":{"weakest_items":"请立即整改。"}}})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(ApiCity::parse(edited).at("version").as_int64(), 2);
  EXPECT_EQ(c.as("office", "PUT", path, R"({"version":1,"prose":{"opening":"旧"}})").status, 409);

  // Four eyes: the drafter cannot approve.
  Reply own = c.as("office", "POST", path + "/actions/approve", "{}");
  EXPECT_EQ(own.status, 409) << own.body;
  EXPECT_NE(own.body.find("bulletin.four_eyes"), std::string::npos);
  EXPECT_EQ(c.as("office", "POST", path + "/actions/publish", "{}").status, 409);  // not approved yet
  Reply approved = c.as("office2", "POST", path + "/actions/approve", "{}");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(ApiCity::parse(approved).at("approved_by"), "office2");
  Reply published = c.as("office", "POST", path + "/actions/publish", "{}");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(ApiCity::parse(published).at("state"), "published");
  // Archived: no more edits.
  EXPECT_EQ(c.as("office", "PUT", path, R"({"prose":{"opening":"改"}})").status, 409);

  // The unit officer of D1 lists it and was notified.
  json::value theirs = ApiCity::parse(c.as("unit_officer", "GET", "/api/bulletins"));
  ASSERT_EQ(theirs.at("total").as_int64(), 1);
  EXPECT_EQ(theirs.at("items").at(0).at("id").as_int64(), id);
  json::value notes = ApiCity::parse(c.as("unit_officer", "GET", "/api/notifications"));
  bool notified = false;
  for (const auto& n : notes.at("items").as_array()) {
    if (n.at("kind") == "bulletin_published" && n.at("object_id").as_string() == std::to_string(id)) {
      notified = true;
      EXPECT_EQ(n.at("params").at("title"), ApiCity::parse(published).at("title"));
      EXPECT_EQ(n.at("params").at("where"), "一区");
    }
  }
  EXPECT_TRUE(notified) << json::serialize(notes);

  // The document.
  Reply doc = c.as("unit_officer", "GET", path + "/document?format=html");
  ASSERT_EQ(doc.status, 200);
  EXPECT_NE(doc.body.find("三月督查情况通报如下。"), std::string::npos);
  EXPECT_NE(doc.body.find("薄弱环节"), std::string::npos);
  // PDF and DOCX by the report renderers, as attachments (their text is read back by bulletin_golden).
  Reply pdf = c.as("unit_officer", "GET", path + "/document?format=pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_NE(pdf.header("Content-Disposition").find(".pdf"), std::string::npos);
  Reply docx = c.as("unit_officer", "GET", path + "/document?format=docx");
  ASSERT_EQ(docx.status, 200) << docx.body.substr(0, 300);
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  EXPECT_NE(docx.header("Content-Disposition").find(".docx"), std::string::npos);
  Reply odt = c.as("unit_officer", "GET", path + "/document?format=odt");
  EXPECT_EQ(odt.status, 400);
  EXPECT_NE(odt.body.find("bulletin.format.invalid"), std::string::npos) << odt.body;

  // Pushed: one delivery per channel, sent by the job.
  json::value pending = ApiCity::parse(c.as("office", "GET", "/api/deliveries?status=pending"));
  EXPECT_EQ(pending.at("total").as_int64(), 3) << json::serialize(pending);
  EXPECT_EQ(c.services().channels.deliver_due(), 3);
  json::value sent = ApiCity::parse(c.as("office", "GET", "/api/deliveries?status=sent"));
  EXPECT_EQ(sent.at("total").as_int64(), 3) << json::serialize(sent);
  EXPECT_EQ(sent.at("items").at(0).at("event"), "bulletin_published");

  auto received = hooks.received();
  ASSERT_EQ(received.size(), 2u);
  std::string title(ApiCity::parse(published).at("title").as_string());
  bool saw_wecom = false, saw_ding = false;
  for (const auto& [target, body] : received) {
    json::value j = json::parse(body);
    EXPECT_EQ(j.at("msgtype"), "markdown");
    if (target.rfind("/wecom", 0) == 0) {
      saw_wecom = true;
      EXPECT_NE(std::string(j.at("markdown").at("content").as_string()).find(title), std::string::npos);
    } else {
      saw_ding = true;
      EXPECT_EQ(query_value(target, "access_token"), "t1");
      std::string ts = query_value(target, "timestamp");
      ASSERT_FALSE(ts.empty()) << target;
      EXPECT_EQ(std::stoll(ts), c.clock().now_ms());
      EXPECT_EQ(query_value(target, "sign"), dingtalk_sign("SECdingtalk-secret", ts));
      EXPECT_EQ(j.at("markdown").at("title").as_string(), "通报发布：" + title);
    }
  }
  EXPECT_TRUE(saw_wecom);
  EXPECT_TRUE(saw_ding);

  auto mails = smtp.mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].from, "<civic@example.org>");
  EXPECT_EQ(mails[0].to, (std::vector<std::string>{"<d1@example.org>", "<head@example.org>"}));
  const std::string& data = mails[0].data;
  EXPECT_NE(data.find("From: civic@example.org\n"), std::string::npos) << data;
  EXPECT_NE(data.find("To: d1@example.org, head@example.org\n"), std::string::npos);
  EXPECT_NE(data.find("Date: "), std::string::npos);
  EXPECT_NE(data.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  // The subject: RFC 2047 encoded words that decode to the title.
  auto s = data.find("Subject: ");
  ASSERT_NE(s, std::string::npos);
  std::string subject;
  for (size_t at = data.find("=?UTF-8?B?", s); at != std::string::npos && at < data.find("\nMessage-ID", s);
       at = data.find("=?UTF-8?B?", at + 1)) {
    size_t end = data.find("?=", at + 10);
    subject += base64_decode(data.substr(at + 10, end - at - 10));
  }
  EXPECT_EQ(subject, "通报发布：" + title);
  EXPECT_NE(data.find("单位：一区"), std::string::npos) << data;
}

TEST_P(BulletinApi, AFailingReceiverIsRetriedThenShownFailed) {
  ApiCity& c = *city_;
  WebhookReceiver down(500);
  ASSERT_EQ(c.as("office", "POST", "/api/channels",
                 R"({"unit":"D1","kind":"wecom","target":")" + down.url("/hook") + R"("})")
                .status,
            201);
  complete_round();
  json::value drafts = ApiCity::parse(c.as("office", "GET", "/api/bulletins"));
  std::string path = "/api/bulletins/" + std::to_string(drafts.at("items").at(0).at("id").as_int64());
  ASSERT_EQ(c.as("office2", "POST", path + "/actions/approve", "{}").status, 200);
  ASSERT_EQ(c.as("office", "POST", path + "/actions/publish", "{}").status, 200);

  auto the_delivery = [&] {
    json::value page = ApiCity::parse(c.as("office", "GET", "/api/deliveries"));
    EXPECT_EQ(page.at("total").as_int64(), 1);
    return page.at("items").at(0);
  };
  EXPECT_EQ(c.services().channels.deliver_due(), 0);
  json::value d = the_delivery();
  EXPECT_EQ(d.at("status"), "pending");
  EXPECT_EQ(d.at("attempts").as_int64(), 1);
  EXPECT_NE(std::string(d.at("last_error").as_string()).find("HTTP 500"), std::string::npos);
  // Not before its minute is up.
  c.clock().advance_ms(59'000);
  c.services().channels.deliver_due();
  EXPECT_EQ(the_delivery().at("attempts").as_int64(), 1);
  c.clock().advance_ms(1'000);
  c.services().channels.deliver_due();
  EXPECT_EQ(the_delivery().at("attempts").as_int64(), 2);
  c.clock().advance_ms(4 * 60'000);
  c.services().channels.deliver_due();
  EXPECT_EQ(the_delivery().at("attempts").as_int64(), 2);  // five minutes after the second attempt
  c.clock().advance_ms(60'000);
  c.services().channels.deliver_due();
  EXPECT_EQ(the_delivery().at("attempts").as_int64(), 3);
  c.clock().advance_ms(30 * 60'000);
  c.services().channels.deliver_due();
  d = the_delivery();
  EXPECT_EQ(d.at("attempts").as_int64(), 4);
  EXPECT_EQ(d.at("status"), "failed");
  EXPECT_TRUE(d.at("next_attempt_at").is_null());
  EXPECT_EQ(down.received().size(), 4u);
  json::value failed = ApiCity::parse(c.as("office", "GET", "/api/deliveries?status=failed"));
  EXPECT_EQ(failed.at("total").as_int64(), 1);
  c.clock().advance_ms(24 * 3600'000LL);
  c.services().channels.deliver_due();
  EXPECT_EQ(down.received().size(), 4u);  // never again
}

TEST_P(BulletinApi, LoopbackTargetsAreRefusedUnlessAllowed) {
  ApiCity& c = *city_;
  c.services().channels.set_policy({});  // the production default
  WebhookReceiver hooks(200);
  ASSERT_EQ(c.as("office", "POST", "/api/channels",
                 R"({"unit":"D1","kind":"wecom","target":")" + hooks.url("/hook") + R"("})")
                .status,
            201);
  Reply drafted =
      c.as("office", "POST", "/api/bulletins", R"({"kind":"weekly","unit":"D1","period":"2026H1"})");
  ASSERT_EQ(drafted.status, 201) << drafted.body;
  std::string path = "/api/bulletins/" + std::to_string(ApiCity::parse(drafted).at("id").as_int64());
  ASSERT_EQ(c.as("office2", "POST", path + "/actions/approve", "{}").status, 200);
  ASSERT_EQ(c.as("office", "POST", path + "/actions/publish", "{}").status, 200);
  c.services().channels.deliver_due();
  EXPECT_TRUE(hooks.received().empty());
  json::value d = ApiCity::parse(c.as("office", "GET", "/api/deliveries")).at("items").at(0);
  EXPECT_NE(std::string(d.at("last_error").as_string()).find("private address"), std::string::npos);
  c.services().channels.set_policy({{"127.0.0.1"}, false});
  c.clock().advance_ms(60'000);
  EXPECT_EQ(c.services().channels.deliver_due(), 1);
  EXPECT_EQ(hooks.received().size(), 1u);
}

TEST_P(BulletinApi, WeeklyScheduleDraftsOncePerInterval) {
  ApiCity& c = *city_;
  // 2026-03-01 is in 2026H1: both districts are due.
  EXPECT_EQ(c.services().bulletins.run_schedule(), 2);
  EXPECT_EQ(c.services().bulletins.run_schedule(), 0);
  ASSERT_EQ(c.as("office", "PUT", "/api/bulletin-schedules/D1", R"({"every_days":0})").status, 200);
  EXPECT_EQ(c.as("office", "PUT", "/api/bulletin-schedules/D2", R"({"every_days":0})").status,
            404);  // not D1's
  c.clock().advance_ms(7 * 86'400'000LL);
  EXPECT_EQ(c.services().bulletins.run_schedule(), 1);  // D1 is off, D2 is due again
  json::value weekly = ApiCity::parse(c.as("office", "GET", "/api/bulletins?kind=weekly"));
  EXPECT_EQ(weekly.at("total").as_int64(), 1);  // the office at D1 sees D1's only
  EXPECT_EQ(weekly.at("items").at(0).at("drafted_by"), "system");
  EXPECT_EQ(weekly.at("items").at(0).at("unit"), "D1");
  EXPECT_EQ(ApiCity::parse(c.as("office", "GET", "/api/bulletin-schedules/D1")).at("every_days").as_int64(),
            0);
}

}  // namespace
}  // namespace civic::api
