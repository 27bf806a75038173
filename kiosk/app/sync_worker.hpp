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
  // What the last cycle did, as facts the staff panel words in the
  // visitor's language; the English lines are the sync library's own (the
  // journal's, and the detail of a refusal or failure).
  struct Status {
    bool running = false;  // a cycle is under way
    int cycles = 0;
    std::string last_finished;  // UTC time of the last cycle's end
    std::string last_result;    // one line in English: what the last cycle did or why it failed
    bool last_ok = false;
    published::CycleReport::Content content = published::CycleReport::Content::failed;
    std::string first_warning;  // in English; empty when the uploads all went well
    int feedback_sent = 0;
    int feedback_waiting = -1;
    int feedback_refused = 0;             // kept in the outbox, tried again later
    std::string feedback_refused_reason;  // the server's, e.g. "HTTP 400: kiosk: ..."
    bool feedback_needs_kiosk_id = false;
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
  // The app is stopping: a transfer under way gives up within a fraction of
  // a second, and no cycle starts after it; the destructor then joins
  // quickly (a SQLite transaction under way is finished, never cut).
  // Thread-safe; may be called from any thread, more than once.
  void cancel();
  bool cancelled() const { return cancel_.load(); }
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
