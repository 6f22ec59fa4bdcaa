#include "platform/job_scheduler.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <utility>

#include "domain/core/error.h"

namespace civic::platform {

JobScheduler::~JobScheduler() {
  stop();
}

void JobScheduler::add(std::string name, std::chrono::milliseconds interval, Job job) {
  if (interval.count() <= 0) throw InvalidInput("interval", "a job interval must be positive");
  std::lock_guard lock(mutex_);
  for (const Entry& e : entries_) {
    if (e.name == name) throw InvalidInput("name", "a job named " + name + " is already registered");
  }
  entries_.push_back(
      Entry{std::move(name), interval, std::move(job), std::chrono::steady_clock::now() + interval, 0});
  wake_.notify_all();
}

void JobScheduler::start() {
  std::lock_guard lock(mutex_);
  if (started_) return;
  started_ = true;
  stopping_ = false;
  auto now = std::chrono::steady_clock::now();
  for (Entry& e : entries_) e.next = now + e.interval;
  thread_ = std::thread([this] { loop(); });
}

void JobScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!started_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  started_ = false;
}

void JobScheduler::run_now(const std::string& name) {
  Job job;
  {
    std::lock_guard lock(mutex_);
    for (const Entry& e : entries_) {
      if (e.name == name) job = e.job;
    }
  }
  if (!job) throw NotFound("no job named " + name);
  job();
}

long long JobScheduler::run_count(const std::string& name) const {
  std::lock_guard lock(mutex_);
  for (const Entry& e : entries_) {
    if (e.name == name) return e.runs;
  }
  return 0;
}

std::vector<JobScheduler::JobStats> JobScheduler::stats() const {
  std::lock_guard lock(mutex_);
  std::vector<JobStats> out;
  for (const Entry& e : entries_) out.push_back({e.name, e.runs, e.failures, e.last_seconds});
  return out;
}

void JobScheduler::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto now = std::chrono::steady_clock::now();
    Entry* due = nullptr;
    auto earliest = std::chrono::steady_clock::time_point::max();
    for (Entry& e : entries_) {
      if (e.next <= now && (due == nullptr || e.next < due->next)) due = &e;
      if (e.next < earliest) earliest = e.next;
    }
    if (due == nullptr) {
      if (earliest == std::chrono::steady_clock::time_point::max()) {
        wake_.wait(lock);
      } else {
        wake_.wait_until(lock, earliest);
      }
      continue;
    }
    std::string name = due->name;
    Job job = due->job;
    due->next = now + due->interval;
    lock.unlock();
    bool failed = false;
    auto began = std::chrono::steady_clock::now();
    try {
      job();
    } catch (const std::exception& e) {
      failed = true;
      spdlog::error("job {} failed: {}", name, e.what());
    } catch (...) {
      failed = true;
      spdlog::error("job {} failed", name);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    lock.lock();
    for (Entry& e : entries_) {
      if (e.name != name) continue;
      ++e.runs;
      e.failures += failed ? 1 : 0;
      e.last_seconds = seconds;
    }
  }
}

}  // namespace civic::platform
