#include "sync_worker.hpp"

#include <chrono>
#include <iostream>

#include "sync/repository.hpp"
#include "sync/schedule.hpp"

namespace {

published::CurlOptions with_cancel(published::CurlOptions curl, const std::atomic<bool>* cancel) {
  curl.cancel = cancel;
  return curl;
}

}  // namespace

SyncWorker::SyncWorker(published::SyncSettings settings, published::CurlOptions curl,
                       double period_s, std::function<void()> on_change)
    : settings_(std::move(settings)),
      transport_(published::make_curl_transport(with_cancel(std::move(curl), &cancel_))),
      period_s_(period_s),
      on_change_(std::move(on_change)) {}

SyncWorker::~SyncWorker() {
  cancel();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::cancel() {
  cancel_ = true;  // a transfer under way gives up at once
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
}

namespace {

// A cycle that throws (it should not: errors are values) must not take the
// kiosk down with it: it is a failed cycle like any other.
published::CycleReport guarded_cycle(published::SyncClient& client) {
  try {
    return client.run_cycle();
  } catch (const std::exception& e) {
    published::CycleReport report;
    report.content_message = std::string("sync stopped by an internal error: ") + e.what();
    return report;
  }
}

}  // namespace

published::CycleReport SyncWorker::run_now() {
  published::SyncClient client(settings_, *transport_);
  const auto report = guarded_cycle(client);
  record(report);
  return report;
}

void SyncWorker::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
}

void SyncWorker::sync_now() {
  {
    std::lock_guard lock(mutex_);
    now_requested_ = true;
  }
  wake_.notify_all();
}

SyncWorker::Status SyncWorker::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void SyncWorker::record(const published::CycleReport& report) {
  // The journal gets one line per cycle: never content, never visitor text.
  std::cerr << "customs-kiosk: sync: " << report.content_message << "; feedback sent "
            << report.feedback_sent << ", waiting " << report.feedback_waiting << "\n";
  for (const auto& w : report.warnings) std::cerr << "customs-kiosk: sync: warning: " << w << "\n";
  if (report.feedback_refused > 0) {
    std::cerr << "customs-kiosk: sync: warning: " << report.feedback_refused
              << " feedback refused by the server (" << report.feedback_refused_reason
              << "); kept in the outbox and offered again later\n";
  }
  if (report.feedback_needs_kiosk_id && report.feedback_waiting > 0) {
    std::cerr << "customs-kiosk: sync: feedback not uploaded: no kiosk id configured (kiosk.toml "
                 "[kiosk] id); "
              << report.feedback_waiting << " waiting in the outbox\n";
  }
  {
    std::lock_guard lock(mutex_);
    status_.running = false;
    ++status_.cycles;
    status_.last_finished = published::utc_iso(settings_.now());
    status_.last_ok = report.content_ok();
    status_.last_result = report.content_message;
    if (report.content_ok() && !report.warnings.empty()) {
      status_.last_result += " (" + report.warnings.front() + ")";
    }
    status_.content = report.content;
    status_.first_warning = report.warnings.empty() ? "" : report.warnings.front();
    status_.feedback_sent = report.feedback_sent;
    status_.feedback_waiting = report.feedback_waiting;
    status_.feedback_refused = report.feedback_refused;
    status_.feedback_refused_reason = report.feedback_refused_reason;
    status_.feedback_needs_kiosk_id = report.feedback_needs_kiosk_id;
    status_.version = report.version;
  }
  if (report.content == published::CycleReport::Content::updated) content_changed_ = true;
  if (on_change_) on_change_();
}

void SyncWorker::loop() {
  published::SyncSchedule schedule(
      period_s_,
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  double delay = schedule.first_delay_s();
  published::SyncClient client(settings_, *transport_);
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::duration<double>(delay),
                     [&] { return stop_ || now_requested_; });
      if (stop_) return;
      now_requested_ = false;
      status_.running = true;
    }
    if (on_change_) on_change_();
    const auto report = guarded_cycle(client);
    if (cancel_) return;  // stopping: the cycle was cut short, nothing to report
    record(report);
    delay = schedule.next_delay_s(report);
  }
}
