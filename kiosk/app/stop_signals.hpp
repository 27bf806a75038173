// SIGTERM and SIGINT as a request to stop the kiosk: `kill`, `systemctl stop`,
// a package upgrade and Ctrl-C in a terminal end it cleanly, full screen or
// not. SDL's own handlers would turn them into SDL_QUIT, which a full-screen
// kiosk ignores (closing a window is not a way for a visitor to end it), so
// the app tells SDL to leave signals alone (SDL_HINT_NO_SIGNAL_HANDLERS) and
// takes them here.
//
// Both signals are blocked in every thread and read from a signalfd by a
// watcher thread of their own, which records the signal and calls the hook
// the app installed (cancel the sync transfer, wake the event loop). Nothing
// runs inside a signal handler.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace lifecycle {

class StopSignals {
 public:
  // Blocks SIGTERM and SIGINT and starts watching them. A signal ignored by
  // the parent (a shell's background job) is taken all the same.
  // REQUIRES: constructed in main() before any other thread starts: threads
  // inherit the blocked set, and one without it would take the default
  // action and end the process uncleanly.
  StopSignals();
  // Stops watching; the signals stay blocked (and are then left pending).
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // An error message when watching could not start (the app then runs
  // without it); empty otherwise.
  const std::string& error() const { return error_; }
  // The signal that asked to stop (SIGTERM or SIGINT), or 0 while none has.
  int received() const { return received_.load(); }
  bool requested() const { return received() != 0; }
  // "SIGTERM", "SIGINT", or "" while none has arrived.
  std::string name() const;

  // `hook` runs on the watcher thread when the first signal arrives, or at
  // once on the calling thread when one already has; it must be thread-safe,
  // quick and safe to run twice. An empty hook removes it: once set_hook returns, the previous
  // hook is not running and never runs again.
  void set_hook(std::function<void()> hook);

 private:
  void watch();

  std::atomic<int> received_{0};
  std::mutex mutex_;  // guards hook_ and its calls
  std::function<void()> hook_;
  int signal_fd_ = -1;
  int wake_fd_ = -1;  // an eventfd: written by the destructor to end watch()
  std::string error_;
  std::thread thread_;
};

}  // namespace lifecycle
