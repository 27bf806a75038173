// Fixtures for kiosk-server tests: a temporary directory, a server running
// in-process on a free port with a clock the test sets, and running the
// kiosk-server binary.
#pragma once

#include <httplib.h>

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "../support.hpp"
#include "kiosk_server/server.hpp"
#include "kiosk_server/utc_time.hpp"

namespace server_test {

using test::TempDir;
using test::write_file;

class FakeClock final : public kiosk_server::Clock {
 public:
  explicit FakeClock(std::time_t now) : now_(now) {}
  std::time_t now() const override { return now_; }
  void set(std::time_t now) { now_ = now; }

 private:
  std::atomic<std::time_t> now_;
};

// 2026-11-23T08:00:00Z
inline constexpr std::time_t kMonday = 1795420800;

// kiosk-server on 127.0.0.1, a free port, over `repo` (an empty directory
// unless the test fills it) and `db`, both in its own TempDir.
class RunningServer {
 public:
  explicit RunningServer(std::time_t now = kMonday, kiosk_server::ServerLimits limits = {});
  ~RunningServer();

  std::filesystem::path repo() const { return dir_ / "repo"; }
  std::filesystem::path db() const { return dir_ / "uploads.db"; }
  FakeClock& clock() { return clock_; }
  int port() const { return server_->port(); }
  // A client that sends paths exactly as given.
  std::unique_ptr<httplib::Client> client() const;
  std::vector<std::string> log() const;
  // Stops the server and waits for requests in flight, and their log lines.
  void stop() { server_->stop(); }

 private:
  TempDir dir_;
  FakeClock clock_;
  mutable std::mutex log_mutex_;
  std::vector<std::string> log_;
  std::unique_ptr<kiosk_server::Server> server_;
};

// The kiosk-server binary serving `repo` into `db` on a free port of
// 127.0.0.1, for what only a separate process shows: its peak memory, and
// how it stops on a signal. Killed when destroyed.
class ServerProcess {
 public:
  ServerProcess(const std::filesystem::path& repo, const std::filesystem::path& db);
  ~ServerProcess();
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // The process's peak resident memory so far (VmHWM), in bytes.
  std::size_t peak_rss_bytes() const;
  // Sends `signal` and waits up to `limit` for the exit: the exit status, or
  // -1 when it had not exited by then (it is then killed).
  int stop_with(int signal, std::chrono::milliseconds limit, std::chrono::milliseconds* took);

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

using test::RunResult;
RunResult run_kiosk_server(const std::vector<std::string>& args);

}  // namespace server_test
