#include "sync/http_source.hpp"

#include <curl/curl.h>

#include <charconv>
#include <ctime>

namespace published {
namespace {

// Retry-After in seconds, or as an HTTP date; -1 when absent or unreadable.
int retry_after_of(const HttpResponse& response) {
  const std::string value = response.header("retry-after");
  if (value.empty()) return -1;
  int seconds = -1;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size() && seconds >= 0) return seconds;
  const std::time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return -1;
  const std::time_t now = std::time(nullptr);
  return when > now ? static_cast<int>(std::min<std::time_t>(when - now, 86400)) : 0;
}

}  // namespace

std::string url_under(const std::string& base_url, std::string_view path) {
  std::string url = base_url;
  if (url.empty() || url.back() != '/') url.push_back('/');
  url += path;
  return url;
}

Failure failure_of(const HttpResponse& response, const std::string& what) {
  const int s = response.status;
  const std::string status = what + ": the server answered HTTP " + std::to_string(s);
  if (s == 408 || s == 429 || (s >= 500 && s <= 599)) {
    Failure f{Failure::Kind::transient, status};
    f.retry_after_s = retry_after_of(response);
    return f;
  }
  return failed(status);
}

HttpSource::HttpSource(HttpTransport& transport, std::string base_url)
    : transport_(transport), base_(std::move(base_url)) {
  if (base_.empty() || base_.back() != '/') base_.push_back('/');
}

Attempt<Fetched> HttpSource::get(std::string_view path, std::size_t max_bytes,
                                 std::string_view if_none_match) {
  HttpRequest request;
  request.url = url_under(base_, path);
  request.max_response_bytes = max_bytes;
  if (!if_none_match.empty()) request.headers.emplace_back("If-None-Match", if_none_match);
  auto response = transport_.send(request);
  if (!response) return response.error();
  Fetched out;
  if (response->status == 304) {
    out.not_modified = true;
    return out;
  }
  if (response->status != 200) return failure_of(*response, std::string(path));
  out.body = std::move(response->body);
  out.etag = response->header("etag");
  return out;
}

}  // namespace published
