// HTTP as the sync client needs it, behind a seam: the real transport is
// libcurl (make_curl_transport); tests may use any other.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/result.hpp"
#include "sync/failure.hpp"

namespace published {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::size_t max_response_bytes = 64 * 1024;  // more is refused, without reading it
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  // The value of the first header called `name` (lower case); empty if none.
  std::string header(std::string_view name) const;
};

// Bytes on the wire, both ways, headers included.
struct Traffic {
  std::uint64_t requests = 0;
  std::uint64_t sent = 0;
  std::uint64_t received = 0;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // A response with any status, or a failure to get one: `transient` for
  // timeouts, stalls and lost connections, `refused` for TLS failures,
  // bodies over the cap and redirects to another host.
  virtual Attempt<HttpResponse> send(const HttpRequest& request) = 0;
  virtual Traffic traffic() const = 0;
};

struct CurlOptions {
  std::string pinned_public_key;  // curl's "sha256//<base64>", empty for none
  long connect_timeout_s = 15;
  long total_timeout_s = 600;
  // A transfer slower than this for this long is given up (stalled).
  long low_speed_bytes_per_s = 1024;
  long low_speed_time_s = 30;
  std::string user_agent = "customs-kiosk";
  // When set and true, a transfer under way is abandoned within about 100 ms
  // and no new one starts (the app stopping).
  const std::atomic<bool>* cancel = nullptr;
};

std::unique_ptr<HttpTransport> make_curl_transport(CurlOptions options = {});

// Only https:// in production; file:// and http:// to the loopback address
// for the demo and tests. An Error naming what is wrong otherwise.
content::Status check_server_url(std::string_view url);

}  // namespace published
