// `civic serve`: opens the database (refusing an unmigrated or newer schema), serves the HTTP API and the
// web UI until SIGTERM or SIGINT, then lets in-flight requests finish and exits 0.
#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "api/core/routes.h"
#include "cli/commands.h"
#include "cli/storage_options.h"
#include "cli/time_zone_option.h"
#include "domain/core/civil_time.h"
#include "domain/core/clock.h"
#include "domain/core/error.h"
#include "http/server.h"
#include "http/static_files.h"
#include "platform/job_scheduler.h"
#include "platform/system_log.h"
#include "service/core/services.h"
#include "store/core/database.h"
#include "store/core/migrations.h"

namespace civic::cli {

namespace {

struct ServeOptions {
  StorageOptions storage;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_dir = "web/dist";
  std::string openapi_file = "docs/openapi.yaml";
  int workers = 4;
  bool secure_cookies = false;
  size_t max_connections = 0;  // 0: derived from the descriptor limit (http/server.h)
  size_t max_connections_per_client = 0;
  int idle_timeout_seconds = 15;
  std::string time_zone = "Asia/Shanghai";
  bool audit_syslog = false;
  double survey_answers_per_minute = 30;
  double survey_answer_burst = 60;
};

// The OpenAPI document's text if the file exists and is JSON (the JSON subset of YAML); "" otherwise.
std::string load_openapi(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    spdlog::warn("OpenAPI document {} not found; GET /api/openapi.json will answer 404", path);
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  boost::json::parse(text.str(), ec);
  if (ec) {
    spdlog::warn("OpenAPI document {} is not in the JSON subset of YAML ({}); not served", path,
                 ec.message());
    return {};
  }
  return std::move(text).str();
}

void serve(const ServeOptions& options) {
  if (options.port < 0 || options.port > 65535) throw InvalidInput("--port", "port must be 0..65535");
  if (options.workers < 1 || options.workers > 64) throw InvalidInput("--workers", "workers must be 1..64");
  if (options.idle_timeout_seconds < 1 || options.idle_timeout_seconds > 3600) {
    throw InvalidInput("--idle-timeout", "idle timeout must be 1..3600 seconds");
  }
  apply_time_zone(options.time_zone);
  store::DatabaseOptions db_options;
  db_options.pool_size = static_cast<size_t>(options.workers);
  std::unique_ptr<store::Database> db = store::Database::open(options.storage.database_url(), db_options);
  store::check_schema(*db);

  SystemClock clock;
  // Photos and attachments live under the data directory, by content hash (service/file_store.h).
  service::AuthPolicy policy;
  // Failed sign-ins one client address may make per window over all accounts (a test bench signs in many
  // times from one address).
  if (const char* n = std::getenv("CIVIC_MAX_FAILED_LOGINS_PER_ADDRESS"))
    policy.max_failed_logins_per_address = std::atoi(n);
  service::Services services(*db, clock, policy, std::filesystem::path(options.storage.data_dir) / "files");
  // The SSRF guard of push channels (docs/security.md "Push channels"): hosts allowed although they resolve
  // to loopback or private addresses, comma-separated.
  if (const char* hosts = std::getenv("CIVIC_PUSH_ALLOWED_HOSTS")) {
    service::PushPolicy push;
    std::string list = hosts;
    for (size_t start = 0; start <= list.size();) {
      size_t comma = list.find(',', start);
      std::string host = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!host.empty()) push.allowed_hosts.push_back(host);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    services.channels.set_policy(push);
  }
  // The audit log's anchor outside the database: the MAC key and the head file in the data directory, and
  // with --audit-syslog every head to syslog too (docs/security.md).
  service::AuditAnchor anchor = options.storage.audit_anchor();
  if (options.audit_syslog) anchor.system_log = std::make_shared<platform::SystemLog>("civic");
  services.audit.set_anchor(std::move(anchor));
  http::Router router;
  api::ApiOptions api_options;
  api_options.secure_cookies = options.secure_cookies;
  api_options.openapi_json = load_openapi(options.openapi_file);
  api_options.survey_answers_per_minute = options.survey_answers_per_minute;
  api_options.survey_answer_burst = options.survey_answer_burst;
  api::register_routes(router, services, api_options);

  if (!std::filesystem::is_regular_file(std::filesystem::path(options.web_dir) / "index.html")) {
    spdlog::warn(
        "no web UI at {} (index.html missing); only the API is served. Build it with scripts/build-web",
        options.web_dir);
  }
  http::StaticFiles files(options.web_dir);
  router.set_fallback([files](http::Request& request) { return files.serve(request); });

  http::ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = static_cast<unsigned short>(options.port);
  server_options.worker_threads = options.workers;
  server_options.io_threads = 2;
  server_options.max_connections = options.max_connections;
  server_options.max_connections_per_client = options.max_connections_per_client;
  server_options.idle_timeout = std::chrono::seconds(options.idle_timeout_seconds);
  http::Server server(server_options, router);
  server.start();
  spdlog::info(
      "civic {} serving http://{}:{}/ (database {}, web UI {}, time zone {}; at most {} connections, {} per "
      "client)",
      CIVIC_VERSION, options.host, server.port(), db->display_url(), options.web_dir,
      business_time_zone().name, server.caps().total, server.caps().per_client);
  // Scheduled jobs (service/job_scheduler.h), each idempotent and safe with several servers on one database.
  platform::JobScheduler jobs;
  jobs.add("cases.overdue_scan", std::chrono::seconds(60), [&services] { services.cases.scan_overdue(); });
  jobs.add(service::PlanReminders::kJobName, std::chrono::minutes(10),
           [&services] { services.plan_reminders.run(); });
  jobs.add(service::ChannelService::kJobName, std::chrono::seconds(30),
           [&services] { services.channels.deliver_due(); });
  jobs.add(service::BulletinService::kJobName, std::chrono::hours(1),
           [&services] { services.bulletins.run_schedule(); });
  jobs.start();
  server.wait_for_signal();
  jobs.stop();
  spdlog::info("civic stopped");
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand("serve", "Serve the web UI and the HTTP API (启动服务)");
  add_storage_options(*command, options->storage);
  command->add_option("--host", options->host, "Address to listen on")->capture_default_str();
  command->add_option("--port", options->port, "Port to listen on (0: any free port)")->capture_default_str();
  command->add_option("--web", options->web_dir, "Directory of the built web UI")->capture_default_str();
  command->add_option("--openapi", options->openapi_file, "The OpenAPI document served at /api/openapi.json")
      ->capture_default_str();
  command->add_option("--workers", options->workers, "Worker threads and database connections")
      ->capture_default_str();
  command
      ->add_option("--max-connections", options->max_connections,
                   "Open connections at most (0: three quarters of the descriptor limit)")
      ->capture_default_str();
  command
      ->add_option("--max-connections-per-client", options->max_connections_per_client,
                   "Open connections from one client address at most (0: a quarter of --max-connections; "
                   "behind a reverse proxy set it to --max-connections)")
      ->capture_default_str();
  command
      ->add_option("--idle-timeout", options->idle_timeout_seconds,
                   "Seconds a connection may wait without a request before it is closed")
      ->capture_default_str();
  command
      ->add_option("--survey-answers-per-minute", options->survey_answers_per_minute,
                   "Public questionnaire answers a client address may send a minute (token bucket refill)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      ->add_option("--survey-answer-burst", options->survey_answer_burst,
                   "Public questionnaire answers a client address may send at once (token bucket size)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_flag("--secure-cookies", options->secure_cookies,
                    "Mark the session cookie Secure (behind HTTPS)");
  command->add_flag(
      "--audit-syslog", options->audit_syslog,
      "Also send every audit head (seq and hash) to syslog (LOG_AUTHPRIV), to be forwarded to a "
      "log host");
  add_time_zone_option(*command, options->time_zone);
  command->callback([options] { serve(*options); });
}

}  // namespace civic::cli
