// `civic serve`: opens the database (refusing an unmigrated or newer schema), serves the HTTP API and the
// web UI until SIGTERM or SIGINT, then lets in-flight requests finish and exits 0.
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "api/core/metrics_routes.h"
#include "api/core/routes.h"
#include "cli/commands.h"
#include "cli/serve_options.h"
#include "cli/service_config.h"
#include "cli/storage_options.h"
#include "cli/time_zone_option.h"
#include "domain/core/civil_time.h"
#include "domain/core/clock.h"
#include "domain/core/error.h"
#include "http/server.h"
#include "http/static_files.h"
#include "platform/job_scheduler.h"
#include "platform/metrics.h"
#include "platform/system_log.h"
#include "service/channels/delivery_metrics.h"
#include "service/core/services.h"
#include "service/evaluation/scoring_cache_metrics.h"
#include "store/core/database.h"
#include "store/core/migrations.h"
#include "store/core/pool_metrics.h"

namespace civic::cli {

namespace {

// %* of the JSON log pattern: the message as "message":"…" (JSON-escaped), or, when the message is already
// a list of JSON members (the access log's, http/server.h set_access_log_json), those members as they are.
class JsonMessageFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string_view text(msg.payload.data(), msg.payload.size());
    if (text.starts_with("\"request_id\":")) {
      dest.append(text.data(), text.data() + text.size());
      return;
    }
    std::string out = "\"message\":" + boost::json::serialize(boost::json::string(text));
    dest.append(out.data(), out.data() + out.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
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

}  // namespace

void check_serve_options(const ServeOptions& options) {
  if (options.port < 0 || options.port > 65535) throw InvalidInput("--port", "port must be 0..65535");
  if (options.workers < 1 || options.workers > 64) throw InvalidInput("--workers", "workers must be 1..64");
  if (options.idle_timeout_seconds < 1 || options.idle_timeout_seconds > 3600) {
    throw InvalidInput("--idle-timeout", "idle timeout must be 1..3600 seconds");
  }
  auto within = [](const char* option, long long v, long long lo, long long hi) {
    if (v < lo || v > hi) {
      throw InvalidInput(
          option, std::string(option + 2) + " must be " + std::to_string(lo) + ".." + std::to_string(hi));
    }
  };
  within("--max-failed-logins-per-address", options.max_failed_logins_per_address, 1, 100000);
  within("--login-max-failed", options.login_max_failed, 1, 100);
  within("--login-lock-minutes", options.login_lock_minutes, 1, 1440);
  within("--session-idle-minutes", options.session_idle_minutes, 1, 1440);
  within("--session-absolute-hours", options.session_absolute_hours, 1, 168);
  within("--job-overdue-scan-seconds", options.job_overdue_scan_seconds, 1, 86400);
  within("--job-plan-reminders-minutes", options.job_plan_reminders_minutes, 1, 1440);
  within("--job-push-seconds", options.job_push_seconds, 1, 86400);
  within("--job-bulletin-minutes", options.job_bulletin_minutes, 1, 1440);
  if (options.log_format != "text" && options.log_format != "json")
    throw InvalidInput("--log-format", "log format is text or json");
  if (spdlog::level::from_str(options.log_level) == spdlog::level::off && options.log_level != "off")
    throw InvalidInput("--log-level", "log level is debug, info, warn or error");
}

void configure_logging(const std::string& format, const std::string& level) {
  spdlog::set_level(spdlog::level::from_str(level));
  if (format == "json") {
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<JsonMessageFlag>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l",%*})");
    spdlog::set_formatter(std::move(formatter));
    http::set_access_log_json(true);
  } else {
    spdlog::set_pattern("%+");
    http::set_access_log_json(false);
  }
}

namespace {

// Pool, job and process figures at every scrape of /metrics.
void add_process_collectors(platform::Metrics& metrics, const platform::JobScheduler& jobs) {
  using Sample = platform::Metrics::Sample;
  metrics.add_collector([](std::string& out) {
    const store::PoolMetrics& pool = store::pool_metrics();
    auto family = [&out](const char* name, const char* type, const char* help, double v) {
      platform::Metrics::write_family(out, name, type, help, {Sample{{}, v}});
    };
    family("civic_db_pool_connections", "gauge", "Database connections in the pools.",
           static_cast<double>(pool.connections.load()));
    family("civic_db_pool_in_use", "gauge", "Database connections leased now.",
           static_cast<double>(pool.in_use.load()));
    family("civic_db_pool_leases_total", "counter", "Connections leased from the pool.",
           static_cast<double>(pool.leases.load()));
    family("civic_db_pool_wait_seconds_total", "counter", "Time spent waiting for a free connection.",
           static_cast<double>(pool.wait_microseconds.load()) / 1e6);
    family("civic_db_pool_lease_timeouts_total", "counter", "Leases refused after the lease time-out.",
           static_cast<double>(pool.lease_timeouts.load()));
    std::vector<Sample> transactions{{{{"outcome", "commit"}}, static_cast<double>(pool.commits.load())},
                                     {{{"outcome", "rollback"}}, static_cast<double>(pool.rollbacks.load())}};
    platform::Metrics::write_family(out, "civic_db_transactions_total", "counter",
                                    "Database transactions by outcome (a rolled-back write was refused).",
                                    transactions);
    const service::ScoringCacheMetrics& scoring = service::scoring_cache_metrics();
    std::vector<Sample> reads{{{{"result", "hit"}}, static_cast<double>(scoring.hits.load())},
                              {{{"result", "incremental"}}, static_cast<double>(scoring.incremental.load())},
                              {{{"result", "reload"}}, static_cast<double>(scoring.reloads.load())}};
    platform::Metrics::write_family(out, "civic_scoring_cache_reads_total", "counter",
                                    "Scored-period reads by how the cache answered them.", reads);
    family("civic_scoring_reload_seconds_total", "counter", "Time spent loading and scoring whole periods.",
           static_cast<double>(scoring.reload_microseconds.load()) / 1e6);
    const service::DeliveryMetrics& deliveries = service::delivery_metrics();
    std::vector<Sample> attempts{{{{"outcome", "sent"}}, static_cast<double>(deliveries.sent.load())},
                                 {{{"outcome", "retried"}}, static_cast<double>(deliveries.retried.load())},
                                 {{{"outcome", "failed"}}, static_cast<double>(deliveries.failed.load())}};
    platform::Metrics::write_family(out, "civic_push_delivery_attempts_total", "counter",
                                    "Push delivery attempts by outcome.", attempts);
    family("process_resident_memory_bytes", "gauge", "Resident set size.",
           static_cast<double>(platform::process_resident_bytes()));
    family("process_open_fds", "gauge", "Open file descriptors.",
           static_cast<double>(platform::process_open_descriptors()));
  });
  metrics.add_collector([&jobs](std::string& out) {
    std::vector<Sample> runs, failures, last;
    for (const auto& j : jobs.stats()) {
      runs.push_back({{{"job", j.name}}, static_cast<double>(j.runs)});
      failures.push_back({{{"job", j.name}}, static_cast<double>(j.failures)});
      last.push_back({{{"job", j.name}}, j.last_seconds});
    }
    platform::Metrics::write_family(out, "civic_job_runs_total", "counter", "Scheduled job runs.", runs);
    platform::Metrics::write_family(out, "civic_job_failures_total", "counter",
                                    "Scheduled job runs that failed.", failures);
    platform::Metrics::write_family(out, "civic_job_last_duration_seconds", "gauge",
                                    "Duration of each job's last run.", last);
  });
}

void serve(const ServeOptions& options) {
  configure_logging(options.log_format, options.log_level);
  check_serve_options(options);
  apply_time_zone(options.time_zone);
  store::DatabaseOptions db_options;
  db_options.pool_size = static_cast<size_t>(options.workers);
  std::unique_ptr<store::Database> db = store::Database::open(options.storage.database_url(), db_options);
  if (options.migrate_on_start && store::schema_version(*db) > 0 &&
      store::schema_version(*db) < store::latest_schema_version()) {
    auto applied = migrate_with_audit(*db, options.storage);
    spdlog::info("migrated the database {} to schema version {}", db->display_url(), applied.back());
  }
  store::check_schema(*db);

  SystemClock clock;
  // Photos and attachments live under the data directory, by content hash (service/file_store.h).
  service::AuthPolicy policy;
  policy.max_failed_logins_per_address = options.max_failed_logins_per_address;
  policy.max_failed_logins = options.login_max_failed;
  policy.lock_duration_ms = static_cast<TimeMs>(options.login_lock_minutes) * 60'000;
  policy.session_idle_ms = static_cast<TimeMs>(options.session_idle_minutes) * 60'000;
  policy.session_absolute_ms = static_cast<TimeMs>(options.session_absolute_hours) * 3'600'000;
  service::Services services(*db, clock, policy, std::filesystem::path(options.storage.data_dir) / "files");
  // The SSRF guard of push channels (docs/security.md "Push channels"): hosts allowed although they resolve
  // to loopback or private addresses, comma-separated.
  if (!options.push_allowed_hosts.empty()) {
    service::PushPolicy push;
    const std::string& list = options.push_allowed_hosts;
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
  // Measures every routed request; outermost, so registered before the routes' own middleware.
  platform::Metrics metrics;
  api::add_metrics_routes(router, metrics, options.metrics_token);
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
  jobs.add("cases.overdue_scan", std::chrono::seconds(options.job_overdue_scan_seconds),
           [&services] { services.cases.scan_overdue(); });
  jobs.add(service::PlanReminders::kJobName, std::chrono::minutes(options.job_plan_reminders_minutes),
           [&services] { services.plan_reminders.run(); });
  jobs.add(service::ChannelService::kJobName, std::chrono::seconds(options.job_push_seconds),
           [&services] { services.channels.deliver_due(); });
  jobs.add(service::BulletinService::kJobName, std::chrono::minutes(options.job_bulletin_minutes),
           [&services] { services.bulletins.run_schedule(); });
  add_process_collectors(metrics, jobs);
  jobs.start();
  server.wait_for_signal();
  jobs.stop();
  spdlog::info("civic stopped");
}

}  // namespace

void add_serve_options(CLI::App& command, ServeOptions& options) {
  add_storage_options(command, options.storage);
  command.add_option("--config", options.config_file,
                     "Configuration file (TOML, docs/operations.md \"Configuration\"); flags and CIVIC_* "
                     "environment variables override it");
  command.add_option("--host", options.host, "Address to listen on")->capture_default_str();
  command.add_option("--port", options.port, "Port to listen on (0: any free port)")->capture_default_str();
  command.add_option("--web", options.web_dir, "Directory of the built web UI")->capture_default_str();
  command.add_option("--openapi", options.openapi_file, "The OpenAPI document served at /api/openapi.json")
      ->capture_default_str();
  command.add_option("--workers", options.workers, "Worker threads and database connections")
      ->capture_default_str();
  command
      .add_option("--max-connections", options.max_connections,
                  "Open connections at most (0: three quarters of the descriptor limit)")
      ->capture_default_str();
  command
      .add_option("--max-connections-per-client", options.max_connections_per_client,
                  "Open connections from one client address at most (0: a quarter of --max-connections; "
                  "behind a reverse proxy set it to --max-connections)")
      ->capture_default_str();
  command
      .add_option("--idle-timeout", options.idle_timeout_seconds,
                  "Seconds a connection may wait without a request before it is closed")
      ->capture_default_str();
  command
      .add_option("--survey-answers-per-minute", options.survey_answers_per_minute,
                  "Public questionnaire answers a client address may send a minute (token bucket refill)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      .add_option("--survey-answer-burst", options.survey_answer_burst,
                  "Public questionnaire answers a client address may send at once (token bucket size)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      .add_option("--max-failed-logins-per-address", options.max_failed_logins_per_address,
                  "Failed sign-ins one client address may make in 15 minutes over all accounts")
      ->capture_default_str();
  command
      .add_option("--login-max-failed", options.login_max_failed,
                  "Failed sign-ins that lock an account (the security admin may change it within 3..10)")
      ->capture_default_str();
  command
      .add_option("--login-lock-minutes", options.login_lock_minutes, "Minutes a locked account stays locked")
      ->capture_default_str();
  command
      .add_option("--session-idle-minutes", options.session_idle_minutes,
                  "Minutes without a request after which a session ends")
      ->capture_default_str();
  command
      .add_option("--session-absolute-hours", options.session_absolute_hours,
                  "Hours after sign-in after which a session ends however busy")
      ->capture_default_str();
  command
      .add_option("--push-allowed-hosts", options.push_allowed_hosts,
                  "Push targets allowed although they resolve to loopback or private addresses "
                  "(comma-separated host names)")
      ->capture_default_str();
  command.add_option("--metrics-token", options.metrics_token,
                     "Bearer token GET /metrics requires (empty: /metrics is off)");
  command.add_option("--log-format", options.log_format, "Log lines as text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command.add_option("--log-level", options.log_level, "Least level logged: debug, info, warn, error")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();
  command
      .add_option("--job-overdue-scan-seconds", options.job_overdue_scan_seconds,
                  "Seconds between scans for overdue cases")
      ->capture_default_str();
  command
      .add_option("--job-plan-reminders-minutes", options.job_plan_reminders_minutes,
                  "Minutes between work-plan reminder runs")
      ->capture_default_str();
  command
      .add_option("--job-push-seconds", options.job_push_seconds,
                  "Seconds between runs that send due push deliveries")
      ->capture_default_str();
  command
      .add_option("--job-bulletin-minutes", options.job_bulletin_minutes,
                  "Minutes between runs of the bulletin schedule")
      ->capture_default_str();
  command.add_flag("--migrate-on-start", options.migrate_on_start,
                   "Apply missing schema migrations before serving (a package upgrade); an empty database "
                   "still needs civic init");
  command.add_flag("--secure-cookies", options.secure_cookies,
                   "Mark the session cookie Secure (behind HTTPS)");
  command.add_flag("--audit-syslog", options.audit_syslog,
                   "Also send every audit head (seq and hash) to syslog (LOG_AUTHPRIV), to be forwarded to a "
                   "log host");
  add_time_zone_option(command, options.time_zone);
  set_config_environment(command);
}

void add_serve_command(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand("serve", "Serve the web UI and the HTTP API (启动服务)");
  add_serve_options(*command, *options);
  command->callback([options, command] {
    if (!options->config_file.empty()) apply_config_file(*command, options->config_file);
    serve(*options);
  });
}

}  // namespace civic::cli
