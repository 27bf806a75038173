// What kiosk-server answers, free of any HTTP library: the repository files
// (GET, HEAD) and the upload API under /api/v1/ (POST).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "kiosk_server/upload_store.hpp"
#include "kiosk_server/utc_time.hpp"

namespace kiosk_server {

struct HttpRequest {
  std::string method;  // "GET", "HEAD", "POST", ...
  std::string target;  // as sent, before any percent-decoding, query included
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case

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
         const Clock& clock, Log log)
      : repo_(std::move(repo)),
        store_(store),
        store_mutex_(store_mutex),
        clock_(clock),
        log_(std::move(log)) {}

  // Safe to call from several threads at once.
  HttpReply handle(const HttpRequest& request) const;

 private:
  HttpReply repository_file(const HttpRequest& request, const std::string& path) const;
  HttpReply feedback(const HttpRequest& request) const;
  HttpReply heartbeat(const HttpRequest& request) const;
  HttpReply search_misses(const HttpRequest& request) const;

  std::filesystem::path repo_;
  UploadStore& store_;
  std::mutex& store_mutex_;
  const Clock& clock_;
  Log log_;
};

}  // namespace kiosk_server
