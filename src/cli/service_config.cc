#include "cli/service_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/serve_options.h"
#include "domain/core/error.h"

namespace civic::cli {

const std::vector<ConfigKey>& serve_config_keys() {
  static const std::vector<ConfigKey> kKeys = {
      {"server.host", "--host", "CIVIC_HOST", false},
      {"server.port", "--port", "CIVIC_PORT", false},
      {"server.workers", "--workers", "CIVIC_WORKERS", false},
      {"server.max_connections", "--max-connections", "CIVIC_MAX_CONNECTIONS", false},
      {"server.max_connections_per_client", "--max-connections-per-client",
       "CIVIC_MAX_CONNECTIONS_PER_CLIENT", false},
      {"server.idle_timeout_seconds", "--idle-timeout", "CIVIC_IDLE_TIMEOUT", false},
      {"server.secure_cookies", "--secure-cookies", "CIVIC_SECURE_COOKIES", false},
      {"server.time_zone", "--time-zone", "CIVIC_TIME_ZONE", false},
      {"paths.web", "--web", "CIVIC_WEB_DIR", false},
      {"paths.openapi", "--openapi", "CIVIC_OPENAPI", false},
      {"storage.data_dir", "--data", "CIVIC_DATA_DIR", false},
      {"storage.database_url", "--db", "CIVIC_DATABASE_URL", true},
      {"storage.migrate_on_start", "--migrate-on-start", "CIVIC_MIGRATE_ON_START", false},
      {"limits.survey_answers_per_minute", "--survey-answers-per-minute", "CIVIC_SURVEY_ANSWERS_PER_MINUTE",
       false},
      {"limits.survey_answer_burst", "--survey-answer-burst", "CIVIC_SURVEY_ANSWER_BURST", false},
      {"limits.max_failed_logins_per_address", "--max-failed-logins-per-address",
       "CIVIC_MAX_FAILED_LOGINS_PER_ADDRESS", false},
      {"security.login_max_failed", "--login-max-failed", "CIVIC_LOGIN_MAX_FAILED", false},
      {"security.login_lock_minutes", "--login-lock-minutes", "CIVIC_LOGIN_LOCK_MINUTES", false},
      {"security.session_idle_minutes", "--session-idle-minutes", "CIVIC_SESSION_IDLE_MINUTES", false},
      {"security.session_absolute_hours", "--session-absolute-hours", "CIVIC_SESSION_ABSOLUTE_HOURS", false},
      {"audit.syslog", "--audit-syslog", "CIVIC_AUDIT_SYSLOG", false},
      {"push.allowed_hosts", "--push-allowed-hosts", "CIVIC_PUSH_ALLOWED_HOSTS", false},
      {"metrics.token", "--metrics-token", "CIVIC_METRICS_TOKEN", true},
      {"log.format", "--log-format", "CIVIC_LOG_FORMAT", false},
      {"log.level", "--log-level", "CIVIC_LOG_LEVEL", false},
      {"jobs.overdue_scan_seconds", "--job-overdue-scan-seconds", "CIVIC_JOB_OVERDUE_SCAN_SECONDS", false},
      {"jobs.plan_reminders_minutes", "--job-plan-reminders-minutes", "CIVIC_JOB_PLAN_REMINDERS_MINUTES",
       false},
      {"jobs.push_seconds", "--job-push-seconds", "CIVIC_JOB_PUSH_SECONDS", false},
      {"jobs.bulletin_minutes", "--job-bulletin-minutes", "CIVIC_JOB_BULLETIN_MINUTES", false},
  };
  return kKeys;
}

void set_config_environment(CLI::App& command) {
  for (const ConfigKey& k : serve_config_keys()) {
    if (CLI::Option* option = command.get_option_no_throw(k.option)) option->envname(k.env);
  }
  if (CLI::Option* option = command.get_option_no_throw("--config")) option->envname("CIVIC_CONFIG");
}

namespace {

[[noreturn]] void refuse(const std::string& file, const toml::source_region& where, const std::string& what) {
  throw InvalidInput("--config", file + ":" + std::to_string(where.begin.line) + ": " + what);
}

// The option text of a TOML value: strings as they are, numbers and booleans as written, an array of
// strings joined by ','. nullopt for any other type.
std::optional<std::string> option_text(const toml::node& node) {
  if (auto s = node.value<std::string>(); s && node.is_string()) return *s;
  if (node.is_integer()) return std::to_string(*node.value<long long>());
  if (node.is_floating_point()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *node.value<double>());
    return std::string(buf);
  }
  if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
  if (const toml::array* array = node.as_array()) {
    std::string out;
    for (const toml::node& item : *array) {
      if (!item.is_string()) return std::nullopt;
      if (!out.empty()) out += ',';
      out += *item.value<std::string>();
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> apply_config_file(CLI::App& command, const std::string& file) {
  toml::table root;
  try {
    root = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    refuse(file, e.source(), std::string(e.description()));
  }
  std::vector<std::string> applied;
  for (const auto& [table_key, table_node] : root) {
    const toml::table* table = table_node.as_table();
    if (!table) refuse(file, table_key.source(), "'" + std::string(table_key.str()) + "' must be a [table]");
    for (const auto& [key, node] : *table) {
      std::string name = std::string(table_key.str()) + "." + std::string(key.str());
      const auto& keys = serve_config_keys();
      auto known = std::find_if(keys.begin(), keys.end(), [&](const ConfigKey& k) { return name == k.key; });
      if (known == keys.end()) refuse(file, key.source(), "unknown key '" + name + "'");
      std::optional<std::string> text = option_text(node);
      if (!text)
        refuse(file, node.source(), "'" + name + "' must be a string, number, boolean or list of strings");
      CLI::Option* option = command.get_option_no_throw(known->option);
      if (!option || option->count() > 0) continue;  // a flag or the environment said otherwise
      option->add_result(*text);
      try {
        option->run_callback();
      } catch (const CLI::Error& e) {
        refuse(file, node.source(), "'" + name + "': " + e.what());
      }
      applied.push_back(name);
    }
  }
  return applied;
}

std::string effective_settings(const CLI::App& command, const std::vector<std::string>& from_file) {
  std::string out;
  for (const ConfigKey& k : serve_config_keys()) {
    const CLI::Option* option = command.get_option_no_throw(k.option);
    if (!option) continue;
    std::string value, source;
    if (option->count() > 0) {
      for (const std::string& r : option->results()) value += (value.empty() ? "" : ",") + r;
      bool in_file = std::find(from_file.begin(), from_file.end(), k.key) != from_file.end();
      source = in_file ? "file" : std::getenv(k.env) ? "environment " + std::string(k.env) : "flag";
    } else {
      value = option->get_type_size() == 0 ? "false" : option->get_default_str();  // a flag not given
      source = "default";
    }
    if (k.secret && !value.empty()) value = "***";
    out += std::string(k.key) + " = \"" + value + "\"  # " + source + "\n";
  }
  return out;
}

void add_config_command(CLI::App& app) {
  CLI::App* config = app.add_subcommand("config", "Check a configuration file (配置检查)");
  config->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  CLI::App* check = config->add_subcommand(
      "check", "Validate FILE and print the effective settings of civic serve (secrets masked)");
  check->add_option("file", *file, "The TOML file, e.g. /etc/civic/civic.toml")->required();
  check->callback([file] {
    ServeOptions options;
    CLI::App serve("serve");
    add_serve_options(serve, options);
    std::vector<std::string> none;
    serve.parse(none);  // the environment's values
    std::vector<std::string> applied = apply_config_file(serve, *file);
    check_serve_options(options);
    std::cout << "# " << *file << ": valid; the effective settings of civic serve\n"
              << effective_settings(serve, applied);
  });
}

}  // namespace civic::cli
