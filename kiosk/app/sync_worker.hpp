// The kiosk's sync on a worker thread: a cycle every period (with jitter
// and backoff, sync/schedule.hpp) and whenever staff tap "sync now". The UI
// thread never waits for it: it reads a snapshot of the status and learns
// through `on_change` (which must be thread-safe) that something happened.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sync/client.hpp"
#include "sync/http.hpp"

class SyncWorker {
 public:
  struct Status {
    bool running = false;  // a cycle is under way
    int cycles = 0;
    std::string last_finished;  // UTC time of the last cycle's end
    std::string last_result;    // one line: what the last cycle did or why it failed
    bool last_ok = false;
    int feedback_waiting = -1;
    std::int64_t version = 0;
  };

  SyncWorker(published::SyncSettings settings, published::CurlOptions curl, double period_s,
             std::function<void()> on_change);
  ~SyncWorker();  // stops the thread (waits for a running cycle to end)
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  // Runs one cycle on the calling thread, before the worker starts (the
  // demo's first sync, so the first frame has content).
  published::CycleReport run_now();
  void start();
  void sync_now();  // wakes the worker for a cycle at once
  Status status() const;
  // True once after each cycle that installed new content.
  bool take_content_changed() { return content_changed_.exchange(false); }

 private:
  void loop();
  void record(const published::CycleReport& report);

  std::atomic<bool> cancel_{false};  // set first, read by the transport
  published::SyncSettings settings_;
  std::unique_ptr<published::HttpTransport> transport_;
  double period_s_;
  std::function<void()> on_change_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool now_requested_ = false;
  Status status_;
  std::atomic<bool> content_changed_{false};
  std::thread thread_;
};
