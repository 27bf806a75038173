// A published repository at the root of a server URL, read through an
// HttpTransport: 200 gives the body, 304 "not modified", 408/429/5xx a
// transient failure (with the server's Retry-After), anything else a failure.
#pragma once

#include <string>

#include "sync/http.hpp"
#include "sync/source.hpp"

namespace published {

class HttpSource final : public RepositorySource {
 public:
  // `base_url` is the repository's root; a trailing '/' is added if missing.
  HttpSource(HttpTransport& transport, std::string base_url);
  Attempt<Fetched> get(std::string_view path, std::size_t max_bytes,
                       std::string_view if_none_match) override;

 private:
  HttpTransport& transport_;
  std::string base_;
};

// The URL of `path` under `base_url` (which ends in '/' or gets one).
std::string url_under(const std::string& base_url, std::string_view path);

// What an HTTP status other than 2xx and 304 means for a retry.
Failure failure_of(const HttpResponse& response, const std::string& what);

}  // namespace published
