// What kiosk-server answers, free of any HTTP library: the repository files
// (GET, HEAD) and the upload API under /api/v1/ (POST).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk_server/server.hpp"
#include "kiosk_server/upload_store.hpp"
#include "kiosk_server/utc_time.hpp"
#include "rate_limits.hpp"

namespace kiosk_server {

namespace console {
class Console;
}

struct HttpRequest {
  std::string method;  // "GET", "HEAD", "POST", ...
  std::string target;  // as sent, before any percent-decoding, query included
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string peer;  // the client's address as the socket has it ("127.0.0.1", "::1")

  std::string header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpReply {
  int status = 200;
  std::string content_type;  // empty: none
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class Routes {
 public:
  using Log = std::function<void(const std::string&)>;

  // `store` is used under `store_mutex`; both outlive the Routes. `log` gets
  // one line when the store fails (never what a kiosk sent).
  Routes(std::filesystem::path repo, UploadStore& store, std::mutex& store_mutex,
         const Clock& clock, Log log, const ServerLimits& limits = {}, bool trust_proxy = false);

  // Called once per request when its headers are in and before its body is
  // read: an answer that needs no body (429 over a rate limit, 413 for a
  // declared length too large, 415 for a compressed body), or nullopt to go
  // on. Takes a token from the client address's buckets.
  std::optional<HttpReply> refuse_before_body(const HttpRequest& request);
  // The answer to a body that grew past kMaxBodyBytes while it was read.
  static HttpReply body_too_large(std::size_t limit = kMaxBodyBytes);
  // The largest body `request` may have: the console takes larger ones.
  std::size_t max_body_bytes(const HttpRequest& request) const;

  // Serves the staff console's pages and API through `console` (which
  // outlives the Routes); without one they answer 404.
  void attach_console(console::Console* console) { console_ = console; }

  // Safe to call from several threads at once.
  HttpReply handle(const HttpRequest& request) const;

  // The address the per-address limits count `request` under.
  std::string client_address(const HttpRequest& request) const;

 private:
  using Handler = HttpReply (Routes::*)(const HttpRequest&) const;
  static const std::map<std::string, Handler, std::less<>>& api_paths();

  HttpReply repository_file(const HttpRequest& request, const std::string& path) const;
  HttpReply feedback(const HttpRequest& request) const;
  HttpReply heartbeat(const HttpRequest& request) const;
  HttpReply search_misses(const HttpRequest& request) const;

  // nullopt when `kiosk` may upload; else the answer that refuses it.
  std::optional<HttpReply> admit(const std::string& kiosk, const HttpRequest& request) const;

  std::filesystem::path repo_;
  UploadStore& store_;
  std::mutex& store_mutex_;
  const Clock& clock_;
  Log log_;
  ServerLimits limits_;
  bool trust_proxy_;
  TokenBuckets per_address_;
  TokenBuckets uploads_per_address_;
  mutable TokenBuckets heartbeats_per_kiosk_;
  console::Console* console_ = nullptr;
};

}  // namespace kiosk_server
