// JobScheduler: runs named jobs at fixed intervals on one background thread (contract.md "Scheduled jobs").
// A job that throws is logged (spdlog) and runs again at its next interval; `stop` (and the destructor) wakes
// the thread and joins it, waiting for a running job to finish. Jobs must be idempotent and safe when several
// servers share one database: the scheduler gives no cross-process exclusion. `run_now` runs a job on the
// caller's thread (tests, the CLI) and rethrows its failure.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace civic::platform {

class JobScheduler {
 public:
  using Job = std::function<void()>;

  JobScheduler() = default;
  ~JobScheduler();
  JobScheduler(const JobScheduler&) = delete;
  JobScheduler& operator=(const JobScheduler&) = delete;

  // Registers `job` under `name` (unique; InvalidInput otherwise). Before or after start; first run one
  // interval after registration (or after start, whichever is later).
  void add(std::string name, std::chrono::milliseconds interval, Job job);
  // Starts the thread; a second call does nothing.
  void start();
  // Stops and joins; idempotent.
  void stop();
  // Runs the named job once now on this thread; NotFound for an unknown name.
  void run_now(const std::string& name);
  // How many runs of `name` completed (successfully or not) on the scheduler thread.
  long long run_count(const std::string& name) const;

  // Every job's runs on the scheduler thread, the failed ones among them, and the last run's duration.
  struct JobStats {
    std::string name;
    long long runs = 0;
    long long failures = 0;
    double last_seconds = 0;
  };
  std::vector<JobStats> stats() const;

 private:
  struct Entry {
    std::string name;
    std::chrono::milliseconds interval;
    Job job;
    std::chrono::steady_clock::time_point next;
    long long runs = 0;
    long long failures = 0;
    double last_seconds = 0;
  };
  void loop();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Entry> entries_;
  std::thread thread_;
  bool started_ = false;
  bool stopping_ = false;
};

}  // namespace civic::platform
