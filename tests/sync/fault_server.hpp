// A web server for sync tests, in-process on 127.0.0.1 and a free port: it
// serves a published repository as a static server would (ETag,
// If-None-Match, 405 to POST), and lets a test replace the answer for one
// path with a fault: another status or body, a delay, a body shorter than
// its Content-Length, an endless body, or one byte per second. It counts
// the requests for each path.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace synctest {

struct Fault {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers{};
  std::optional<std::string> body{};   // instead of the file's bytes
  std::chrono::milliseconds delay{0};  // before answering
  // Greater than the body: Content-Length promises this many bytes, the body
  // is sent and the connection closed.
  std::size_t claimed_length = 0;
  bool endless = false;  // a chunked body that never ends
  bool trickle = false;  // a chunked body of one byte per second, never ending
  int times = -1;        // how many requests get the fault; -1: all
};

class FaultServer {
 public:
  // Serves `repo` at the root and again under /mirror/.
  explicit FaultServer(std::filesystem::path repo);
  ~FaultServer();
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;

  int port() const { return port_; }
  std::string url() const;  // "http://127.0.0.1:<port>/"

  // `path` is relative to the root, without a leading '/': "manifest.signed".
  void set_fault(const std::string& path, Fault fault);
  void clear_faults();

  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  // Answers POSTs to `path` (e.g. "api/v1/feedback"); other POSTs get 405.
  void on_post(const std::string& path, Handler handler);

  int requests(const std::string& path) const;
  int total_requests() const;
  // (path, status) of every request answered, in order.
  std::vector<std::pair<std::string, int>> answered() const;
  void reset_counts();

 private:
  void serve_get(const httplib::Request& req, httplib::Response& res);
  void serve_post(const httplib::Request& req, httplib::Response& res);
  bool apply_fault(const std::string& path, httplib::Response& res);
  void note(const std::string& path, int status);
  // Sleeps up to `d`, less when the server stops.
  void pause(std::chrono::milliseconds d) const;

  std::filesystem::path repo_;
  httplib::Server http_;
  std::thread listener_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::map<std::string, Fault> faults_;
  std::map<std::string, Handler> posts_;
  std::map<std::string, int> counts_;
  std::vector<std::pair<std::string, int>> answered_;
};

}  // namespace synctest
