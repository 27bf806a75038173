// kiosk-server's HTTP side: serves the published repository read-only and
// receives kiosk uploads into an UploadStore. Runs in its own threads.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "content/result.hpp"
#include "kiosk_server/utc_time.hpp"

namespace kiosk_server {

struct ServeOptions {
  std::filesystem::path repo;  // a directory made by `kioskctl publish`
  std::filesystem::path db;    // the UploadStore file, created when missing
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port, see Server::port()
  // Where "now" comes from; the system clock when null. Must outlive the Server.
  const Clock* clock = nullptr;
  // One line per request (time, method, path, status, bytes) and one per
  // store failure; never a request body or header. stderr when empty.
  std::function<void(const std::string&)> log;
};

class Server {
 public:
  // Opens the store, binds, and starts answering in background threads.
  // An Error when the repository is not a directory, the store cannot be
  // opened or the address cannot be bound.
  // Ignores SIGPIPE for the whole process (a kiosk that hangs up mid-answer
  // must not end the server).
  static content::Result<std::unique_ptr<Server>> start(ServeOptions options);

  ~Server();  // stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  // False once stopped, or when the listener ended on its own.
  bool running() const;
  // Stops listening, finishes requests in flight and joins the threads.
  // Idempotent.
  void stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk_server
