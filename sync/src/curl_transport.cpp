#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "sync/http.hpp"

namespace published {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

// What a server sent, fit for a message: printable ASCII, anything else as
// %XX, at most `max` bytes of input. Messages go to logs, the staff panel and
// heartbeats, none of which may carry a server's raw bytes.
std::string printable(std::string_view text, std::size_t max = 200) {
  std::string out;
  static const char* kHex = "0123456789ABCDEF";
  for (const unsigned char c : text.substr(0, max)) {
    if (c >= 0x20 && c < 0x7f && c != '%') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct UrlParts {
  std::string scheme, host, port;
};

// Parses `url`, or `relative` against it when given.
content::Result<UrlParts> parse_url(std::string_view url, std::string_view relative = {},
                                    std::string* resolved = nullptr) {
  CURLU* h = curl_url();
  if (!h) return content::Error{"out of memory"};
  const std::string base(url);
  CURLUcode rc = curl_url_set(h, CURLUPART_URL, base.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (rc == CURLUE_OK && !relative.empty()) {
    const std::string rel(relative);
    rc = curl_url_set(h, CURLUPART_URL, rel.c_str(), CURLU_NON_SUPPORT_SCHEME);
  }
  if (rc != CURLUE_OK) {
    curl_url_cleanup(h);
    return content::Error{"not a valid URL"};
  }
  UrlParts parts;
  auto get = [&](CURLUPart part, std::string& into, unsigned flags) {
    char* value = nullptr;
    if (curl_url_get(h, part, &value, flags) == CURLUE_OK && value) {
      into = value;
      curl_free(value);
    }
  };
  get(CURLUPART_SCHEME, parts.scheme, 0);
  get(CURLUPART_HOST, parts.host, 0);
  get(CURLUPART_PORT, parts.port, CURLU_DEFAULT_PORT);
  if (resolved) get(CURLUPART_URL, *resolved, 0);
  curl_url_cleanup(h);
  parts.scheme = lower(parts.scheme);
  parts.host = lower(parts.host);
  return parts;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "[::1]" || host == "localhost";
}

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(CurlOptions options) : options_(std::move(options)) {
    global_init();
    curl_ = curl_easy_init();
  }
  ~CurlTransport() override {
    if (multi_) curl_multi_cleanup(multi_);
    if (curl_) curl_easy_cleanup(curl_);
  }

  Attempt<HttpResponse> send(const HttpRequest& request) override {
    std::string url = request.url;
    for (int hop = 0; hop < 4; ++hop) {
      auto response = send_once(request, url);
      if (!response) return response.error();
      if (response->status < 300 || response->status >= 400 || response->status == 304) {
        return response;
      }
      // Redirects are followed by hand, and only on the same server.
      const std::string location = response->header("location");
      if (location.empty()) return response;
      std::string next;
      auto from = parse_url(url);
      auto to = parse_url(url, location, &next);
      if (!from || !to || to->scheme != from->scheme || to->host != from->host ||
          to->port != from->port) {
        return refused("the server redirected to another address (" + printable(location) +
                       "); redirects off the server are refused");
      }
      url = next;
    }
    return failed("too many redirects from " + request.url);
  }

  Traffic traffic() const override { return traffic_; }

 private:
  struct Sink {
    std::string* body;
    std::size_t max;
    bool over = false;
    const std::atomic<bool>* cancel = nullptr;
    bool cancelled = false;
  };

  // Bytes as they arrive on the wire, before decompression: a compressed
  // body that never ends (or decodes to nothing) is cut off here, and so is
  // any transfer when the app stops.
  static int on_progress(void* user, curl_off_t, curl_off_t dlnow, curl_off_t, curl_off_t) {
    auto* sink = static_cast<Sink*>(user);
    if (sink->cancel && sink->cancel->load()) {
      sink->cancelled = true;
      return 1;
    }
    const auto raw_cap = static_cast<curl_off_t>(sink->max + sink->max / 8 + 64 * 1024);
    if (dlnow > raw_cap) {
      sink->over = true;
      return 1;
    }
    return 0;
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::size_t bytes = size * n;
    if (sink->body->size() + bytes > sink->max) {
      sink->over = true;
      return 0;  // aborts the transfer
    }
    sink->body->append(data, bytes);
    return bytes;
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
    const std::string_view line(data, size * n);
    const auto colon = line.find(':');
    if (line.rfind("HTTP/", 0) == 0) {
      headers->clear();  // a new response (after 100 Continue)
    } else if (colon != std::string_view::npos && headers->size() < 100) {
      headers->emplace_back(lower(std::string(line.substr(0, colon))),
                            trim(line.substr(colon + 1)));
    }
    return size * n;
  }

  // curl_easy_perform, with the cancel flag looked at every 100 ms whatever
  // the transfer does: libcurl calls the progress callback only about once a
  // second while a connection is idle or still being made, and an app asked
  // to stop has 2 s in all.
  CURLcode perform(Sink& sink) {
    if (!multi_) multi_ = curl_multi_init();
    if (!multi_ || curl_multi_add_handle(multi_, curl_) != CURLM_OK) return CURLE_FAILED_INIT;
    CURLcode result = CURLE_OK;
    while (true) {
      int running = 0;
      if (curl_multi_perform(multi_, &running) != CURLM_OK) {
        result = CURLE_FAILED_INIT;
        break;
      }
      bool done = false;
      int queued = 0;
      while (CURLMsg* m = curl_multi_info_read(multi_, &queued)) {
        if (m->msg == CURLMSG_DONE) {
          result = m->data.result;
          done = true;
        }
      }
      if (done || running == 0) break;
      if (sink.cancel && sink.cancel->load()) {
        sink.cancelled = true;
        result = CURLE_ABORTED_BY_CALLBACK;
        break;
      }
      curl_multi_poll(multi_, nullptr, 0, 100, nullptr);
    }
    curl_multi_remove_handle(multi_, curl_);
    return result;
  }

  Attempt<HttpResponse> send_once(const HttpRequest& request, const std::string& url) {
    if (!curl_) return failed("libcurl failed to start");
    if (options_.cancel && options_.cancel->load()) {
      return failed(request.method + " " + url + ": cancelled");
    }
    if (auto s = check_server_url(url); !s) return refused(s.error().message);
    curl_easy_reset(curl_);
    HttpResponse response;
    Sink sink{&response.body, request.max_response_bytes};
    sink.cancel = options_.cancel;
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "https,http,file");
    curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl_, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.pinned_public_key.empty()) {
      curl_easy_setopt(curl_, CURLOPT_PINNEDPUBLICKEY, options_.pinned_public_key.c_str());
    }
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_s);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, options_.total_timeout_s);
    curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes_per_s);
    curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_TIME, options_.low_speed_time_s);
    curl_easy_setopt(curl_, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(request.max_response_bytes));
    curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");  // gzip and friends, decoded
    curl_easy_setopt(curl_, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &CurlTransport::on_body);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl_, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl_, CURLOPT_XFERINFOFUNCTION, &CurlTransport::on_progress);
    curl_easy_setopt(curl_, CURLOPT_XFERINFODATA, &sink);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &CurlTransport::on_header);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &response.headers);
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
      headers = curl_slist_append(headers, (name + ": " + value).c_str());
    }
    if (request.method == "POST") {
      headers = curl_slist_append(headers, "Expect:");
      curl_easy_setopt(curl_, CURLOPT_POST, 1L);
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    } else if (request.method == "HEAD") {
      curl_easy_setopt(curl_, CURLOPT_NOBODY, 1L);
    }
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    const CURLcode rc = perform(sink);
    curl_slist_free_all(headers);

    curl_off_t down = 0, header_bytes = 0, request_bytes = 0, up = 0;
    long code = 0;
    curl_easy_getinfo(curl_, CURLINFO_SIZE_DOWNLOAD_T, &down);
    curl_easy_getinfo(curl_, CURLINFO_HEADER_SIZE, &header_bytes);
    curl_easy_getinfo(curl_, CURLINFO_REQUEST_SIZE, &request_bytes);
    curl_easy_getinfo(curl_, CURLINFO_SIZE_UPLOAD_T, &up);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &code);
    ++traffic_.requests;
    traffic_.received += static_cast<std::uint64_t>(down + header_bytes);
    traffic_.sent += static_cast<std::uint64_t>(request_bytes + up);

    const std::string what = request.method + " " + url;
    if (rc != CURLE_OK) {
      const std::string detail = error[0] ? error : curl_easy_strerror(rc);
      if (sink.cancelled) return failed(what + ": cancelled");
      switch (rc) {
        case CURLE_ABORTED_BY_CALLBACK:
          return refused(what + ": more than the " + std::to_string(request.max_response_bytes) +
                         " bytes expected");
        case CURLE_WRITE_ERROR:
        case CURLE_FILESIZE_EXCEEDED:
          if (sink.over || rc == CURLE_FILESIZE_EXCEEDED) {
            return refused(what + ": more than the " + std::to_string(request.max_response_bytes) +
                           " bytes expected");
          }
          return failed(what + ": " + detail);
        case CURLE_OPERATION_TIMEDOUT:
          return transient(what + ": timed out or stalled (" + detail + ")");
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
          return transient(what + ": " + detail);
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_CACERT_BADFILE:
          return refused(what + ": the server's identity was not verified (" + detail + ")");
        case CURLE_FILE_COULDNT_READ_FILE:
          response.status = 404;  // a file:// repository without that file
          response.body.clear();
          return response;
        default:
          return failed(what + ": " + detail);
      }
    }
    response.status = code == 0 ? 200 : static_cast<int>(code);  // file:// has no status
    return response;
  }

  CurlOptions options_;
  CURL* curl_ = nullptr;
  CURLM* multi_ = nullptr;  // one connection cache for every request
  Traffic traffic_;
};

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

content::Status check_server_url(std::string_view url) {
  auto parts = parse_url(url);
  if (!parts) return content::Error{"\"" + std::string(url.substr(0, 200)) + "\" is not a URL"};
  if (parts->scheme == "https" || parts->scheme == "file") return {};
  if (parts->scheme == "http" && is_loopback(parts->host)) return {};
  if (parts->scheme == "http") {
    return content::Error{"http:// is allowed only to this computer (127.0.0.1); use https://"};
  }
  return content::Error{"the server URL must start with https://"};
}

std::unique_ptr<HttpTransport> make_curl_transport(CurlOptions options) {
  return std::make_unique<CurlTransport>(std::move(options));
}

}  // namespace published
