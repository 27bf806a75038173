// kiosk-server's HTTP side: serves the published repository read-only and
// receives kiosk uploads into an UploadStore. Runs in its own threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "content/result.hpp"
#include "kiosk_server/utc_time.hpp"

namespace kiosk_server {

// What one client may take of the server. Every default is documented in
// docs/server.md ("Limits"); tests lower them to reach them quickly.
struct ServerLimits {
  // The HTTP layer.
  int workers = 4;                       // event-loop threads; none is ever held by an idle client
  int max_connections = 1000;            // in all
  int max_connections_per_address = 32;  // a kiosk needs 1; an office behind NAT a few
  int idle_timeout_s = 5;                // a connection that sends nothing for this long is closed
  std::size_t header_bytes = 32 * 1024;  // request line and headers together (431/414 above)

  // Per client address (token buckets: a burst, then a steady rate).
  int address_burst = 5000;  // requests of any kind
  double address_per_second = 100;
  int upload_burst = 300;  // POSTs under /api/v1/
  double upload_per_second = 10;
  int new_kiosks_per_address_per_day = 16;  // kiosk ids first heard from one address

  // Per kiosk id.
  int max_kiosks = 5000;                     // kiosk ids known to the server, in all
  int feedback_per_kiosk_per_day = 2000;     // new feedback (replays always answered)
  int heartbeat_interval_s = 20;             // at most one heartbeat per kiosk this often
  int miss_queries_per_kiosk_per_day = 500;  // distinct queries; more are not counted
  std::int64_t max_miss_count = 10000;       // a larger cumulative count is kept as this

  // The per-address rates out of the way, for tests and benchmarks that
  // measure something else from one loopback address.
  static ServerLimits without_rates() {
    ServerLimits l;
    l.address_burst = l.upload_burst = 1 << 30;
    l.address_per_second = l.upload_per_second = 1e9;
    return l;
  }
};

// The staff console (docs/console.md), served beside the repository when set.
struct ConsoleSettings {
  std::filesystem::path content;     // the authoring tree: the approved content
  std::filesystem::path key;         // the signing key file (mode 0600, the server's own)
  std::filesystem::path pages;       // the console's HTML, CSS and JavaScript
  bool allow_self_approval = false;  // a publisher may approve their own change
  int expires_days = 30;             // how long each published head is valid
};

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
  ServerLimits limits;
  // Behind nginx every client is 127.0.0.1: when true, a request from a
  // loopback address is counted under its X-Real-IP header (an IP literal)
  // instead, for the per-address rates and quotas, and connections are not
  // limited per address (nginx's limit_conn does it, where it sees them).
  bool trust_proxy = false;
  std::optional<ConsoleSettings> console;
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
