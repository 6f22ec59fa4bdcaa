// The settings of `civic serve`, each an option of the command (flag), an environment variable and a key of
// the configuration file (cli/service_config.h gives the mapping and the precedence).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/storage_options.h"

namespace civic::cli {

struct ServeOptions {
  StorageOptions storage;
  std::string config_file;
  bool migrate_on_start = false;  // apply missing migrations before serving (never to an empty database)
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
  int max_failed_logins_per_address = 10;
  int login_max_failed = 5;
  int login_lock_minutes = 15;
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  std::string push_allowed_hosts;
  std::string metrics_token;
  std::string log_format = "text";
  std::string log_level = "info";
  int job_overdue_scan_seconds = 60;
  int job_plan_reminders_minutes = 10;
  int job_push_seconds = 30;
  int job_bulletin_minutes = 60;
};

// Adds every serve option to `command`, bound to `options`, with its CIVIC_* environment variable.
void add_serve_options(CLI::App& command, ServeOptions& options);

// Refuses settings out of range: InvalidInput naming the option (--port 0..65535, --workers 1..64 …).
void check_serve_options(const ServeOptions& options);

// Logging as the settings say: "text" (spdlog's lines) or "json" (one object per line: time, level,
// message; the access log's request fields as their own keys), at `level`.
void configure_logging(const std::string& format, const std::string& level);

}  // namespace civic::cli
