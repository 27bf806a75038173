#include "routes.hpp"

#include <arpa/inet.h>

#include "console/console.hpp"
#include "repository_files.hpp"

namespace kiosk_server {
namespace {

HttpReply text_reply(int status, std::string line) {
  return {status, "text/plain; charset=utf-8", std::move(line) + "\n", {}};
}

HttpReply method_not_allowed(const char* allow) {
  auto reply = text_reply(405, std::string("method not allowed; use ") + allow);
  reply.headers.emplace_back("Allow", allow);
  return reply;
}

HttpReply not_found() { return text_reply(404, "not found"); }

// The path part of a request target, or "" when it is not plain: no
// percent-encoding (names in the repository and the API never need it) and
// no fragment.
std::string plain_path(const std::string& target) {
  const auto path = target.substr(0, target.find('?'));
  if (path.empty() || path[0] != '/' || path.find_first_of("%#\\") != std::string::npos) {
    return {};
  }
  return path;
}

bool is_json(const std::string& content_type) {
  const auto type = content_type.substr(0, content_type.find(';'));
  std::string lower;
  for (const char c : type) {
    if (c != ' ' && c != '\t') lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return lower == "application/json";
}

HttpReply too_many(int retry_after_s, const std::string& why) {
  auto reply = text_reply(429, why);
  reply.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  return reply;
}

bool is_ip_literal(const std::string& text) {
  unsigned char buf[16];
  return inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

bool is_loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// Why a POST's framing is refused before its body is read, or "".
std::optional<HttpReply> upload_framing_problem(const HttpRequest& request) {
  // Bodies are never inflated: a few hundred compressed bytes can stand for
  // gigabytes. Kiosks send identity bodies of a few KiB.
  const auto encoding = request.header("content-encoding");
  if (!encoding.empty() && encoding != "identity") {
    return text_reply(415, "Content-Encoding: compressed bodies are not accepted; send identity");
  }
  if (!is_json(request.header("content-type"))) {
    return text_reply(415, "Content-Type: must be application/json");
  }
  const auto length = request.header("content-length");
  if (!length.empty()) {
    if (length.size() > 12 || length.find_first_not_of("0123456789") != std::string::npos ||
        std::stoull(length) > kMaxBodyBytes) {
      return Routes::body_too_large();
    }
  }
  return std::nullopt;
}

}  // namespace

const std::map<std::string, Routes::Handler, std::less<>>& Routes::api_paths() {
  static const std::map<std::string, Handler, std::less<>> kApi = {
      {"/api/v1/feedback", &Routes::feedback},
      {"/api/v1/heartbeat", &Routes::heartbeat},
      {"/api/v1/search-misses", &Routes::search_misses},
  };
  return kApi;
}

Routes::Routes(std::filesystem::path repo, UploadStore& store, std::mutex& store_mutex,
               const Clock& clock, Log log, const ServerLimits& limits, bool trust_proxy)
    : repo_(std::move(repo)),
      store_(store),
      store_mutex_(store_mutex),
      clock_(clock),
      log_(std::move(log)),
      limits_(limits),
      trust_proxy_(trust_proxy),
      per_address_(limits.address_burst, limits.address_per_second),
      uploads_per_address_(limits.upload_burst, limits.upload_per_second),
      heartbeats_per_kiosk_(3, 1.0 / std::max(1, limits.heartbeat_interval_s)) {}

HttpReply Routes::body_too_large(std::size_t limit) {
  return text_reply(413, "body: larger than " + std::to_string(limit) + " bytes");
}

std::size_t Routes::max_body_bytes(const HttpRequest& request) const {
  if (console_ && console::is_console_path(plain_path(request.target))) {
    return console::kMaxConsoleBodyBytes;
  }
  return kMaxBodyBytes;
}

std::string Routes::client_address(const HttpRequest& request) const {
  if (trust_proxy_ && is_loopback(request.peer)) {
    const auto real = request.header("x-real-ip");
    if (is_ip_literal(real)) return real;
  }
  return request.peer;
}

std::optional<HttpReply> Routes::refuse_before_body(const HttpRequest& request) {
  const auto address = client_address(request);
  const auto now = clock_.now();
  if (const int wait = per_address_.take(address, now); wait > 0) {
    return too_many(wait, "too many requests from this address; try again later");
  }
  const std::string path = plain_path(request.target);
  if (console_ && console::is_console_path(path)) {
    const auto encoding = request.header("content-encoding");
    if (!encoding.empty() && encoding != "identity") {
      return text_reply(415, "Content-Encoding: compressed bodies are not accepted; send identity");
    }
    const auto length = request.header("content-length");
    if (!length.empty() &&
        (length.size() > 12 || length.find_first_not_of("0123456789") != std::string::npos ||
         std::stoull(length) > console::kMaxConsoleBodyBytes)) {
      return body_too_large(console::kMaxConsoleBodyBytes);
    }
    return std::nullopt;
  }
  if (api_paths().count(path) == 0 || request.method != "POST") return std::nullopt;
  if (auto problem = upload_framing_problem(request)) return problem;
  if (const int wait = uploads_per_address_.take(address, now); wait > 0) {
    return too_many(wait, "too many uploads from this address; try again later");
  }
  return std::nullopt;
}

std::optional<HttpReply> Routes::admit(const std::string& kiosk, const HttpRequest& request) const {
  const auto received = format_utc(clock_.now());
  auto admission = store_.admit_kiosk(kiosk, client_address(request), received,
                                      limits_.new_kiosks_per_address_per_day, limits_.max_kiosks);
  if (!admission) {
    log_(admission.error().message);
    return text_reply(500, "the upload could not be stored");
  }
  switch (*admission) {
    case KioskAdmission::known:
    case KioskAdmission::admitted:
      return std::nullopt;
    case KioskAdmission::address_quota:
      return too_many(3600, "kiosk: this address has introduced too many new kiosk ids today");
    case KioskAdmission::fleet_full:
      return too_many(3600, "kiosk: the server already knows " +
                                std::to_string(limits_.max_kiosks) + " kiosks");
  }
  return std::nullopt;
}

HttpReply Routes::handle(const HttpRequest& request) const {
  const std::string path = plain_path(request.target);
  if (path.empty()) return not_found();

  if (console::is_console_path(path)) {
    if (!console_) return not_found();
    return console_->handle(request, client_address(request));
  }
  if (const auto it = api_paths().find(path); it != api_paths().end()) {
    if (request.method != "POST") return method_not_allowed("POST");
    if (auto problem = upload_framing_problem(request)) return *problem;
    if (request.body.size() > kMaxBodyBytes) return body_too_large();
    return (this->*(it->second))(request);
  }
  if (repository_file_kind(path)) {
    if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
    return repository_file(request, path);
  }
  return not_found();
}

HttpReply Routes::repository_file(const HttpRequest& request, const std::string& path) const {
  const auto kind = *repository_file_kind(path);
  auto file = read_repository_file(repo_, path);
  if (!file) return not_found();
  HttpReply reply;
  reply.headers.emplace_back("ETag", file->etag);
  reply.headers.emplace_back("Cache-Control", cache_control(kind));
  if (none_match_hits(request.header("if-none-match"), file->etag)) {
    reply.status = 304;
    return reply;
  }
  reply.content_type = "application/octet-stream";
  reply.body = std::move(file->bytes);
  return reply;
}

HttpReply Routes::feedback(const HttpRequest& request) const {
  const std::string key = request.header("idempotency-key");
  if (key.empty()) return text_reply(400, "Idempotency-Key: missing");
  if (!is_uuid_v4(key)) return text_reply(400, "Idempotency-Key: must be a lower-case UUID v4");
  auto parsed = parse_feedback(request.body);
  if (!parsed) return text_reply(400, parsed.error().message);
  if (parsed->uuid != key) return text_reply(400, "uuid: must equal the Idempotency-Key header");

  const auto received = format_utc(clock_.now());
  std::lock_guard lock(store_mutex_);
  if (auto refused = admit(parsed->kiosk, request)) return *refused;
  auto outcome = store_.add_feedback(*parsed, received, limits_.feedback_per_kiosk_per_day);
  if (!outcome) {
    log_(outcome.error().message);
    return text_reply(500, "feedback could not be stored");
  }
  const std::string body = "{\"uuid\":\"" + key + "\"}";
  switch (outcome->kind) {
    case FeedbackOutcome::Kind::stored:
      return {201, "application/json", body, {}};
    case FeedbackOutcome::Kind::replayed:
      return {200, "application/json", body, {}};
    case FeedbackOutcome::Kind::over_quota:
      return too_many(3600, "kiosk: " + std::to_string(limits_.feedback_per_kiosk_per_day) +
                                " feedbacks received today already; the rest are taken tomorrow");
    case FeedbackOutcome::Kind::conflict:
      break;
  }
  return text_reply(422, outcome->differing_field +
                             ": differs from the feedback already stored with this "
                             "Idempotency-Key");
}

HttpReply Routes::heartbeat(const HttpRequest& request) const {
  auto parsed = parse_heartbeat(request.body);
  if (!parsed) return text_reply(400, parsed.error().message);
  if (const int wait = heartbeats_per_kiosk_.take(parsed->kiosk, clock_.now()); wait > 0) {
    return too_many(wait, "kiosk: heartbeats come too often");
  }
  const auto received = format_utc(clock_.now());
  std::lock_guard lock(store_mutex_);
  if (auto refused = admit(parsed->kiosk, request)) return *refused;
  if (auto s = store_.put_heartbeat(*parsed, received); !s) {
    log_(s.error().message);
    return text_reply(500, "heartbeat could not be stored");
  }
  return {204, "", "", {}};
}

HttpReply Routes::search_misses(const HttpRequest& request) const {
  auto parsed = parse_search_misses(request.body);
  if (!parsed) return text_reply(400, parsed.error().message);
  // Kiosks send the last 30 days; other days (a wrong clock, or a client
  // spreading rows over days to escape the per-day quota) are not counted.
  const auto now = clock_.now();
  const auto earliest = format_utc(now - 31 * 86400).substr(0, 10);
  const auto latest = format_utc(now + 86400).substr(0, 10);
  std::erase_if(parsed->misses,
                [&](const MissCount& m) { return m.day < earliest || m.day > latest; });
  std::lock_guard lock(store_mutex_);
  if (auto refused = admit(parsed->kiosk, request)) return *refused;
  auto merged =
      store_.merge_misses(*parsed, limits_.miss_queries_per_kiosk_per_day, limits_.max_miss_count);
  if (!merged) {
    log_(merged.error().message);
    return text_reply(500, "search misses could not be stored");
  }
  return {204, "", "", {}};
}

}  // namespace kiosk_server
