#include "routes.hpp"

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

}  // namespace

HttpReply Routes::handle(const HttpRequest& request) const {
  const std::string path = plain_path(request.target);
  if (path.empty()) return not_found();

  using Handler = HttpReply (Routes::*)(const HttpRequest&) const;
  static const std::map<std::string, Handler, std::less<>> kApi = {
      {"/api/v1/feedback", &Routes::feedback},
      {"/api/v1/heartbeat", &Routes::heartbeat},
      {"/api/v1/search-misses", &Routes::search_misses},
  };
  if (const auto it = kApi.find(path); it != kApi.end()) {
    if (request.method != "POST") return method_not_allowed("POST");
    if (!is_json(request.header("content-type"))) {
      return text_reply(415, "Content-Type: must be application/json");
    }
    if (request.body.size() > kMaxBodyBytes) {
      return text_reply(413, "body: larger than " + std::to_string(kMaxBodyBytes) + " bytes");
    }
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
  auto outcome = store_.add_feedback(*parsed, received);
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
  const auto received = format_utc(clock_.now());
  std::lock_guard lock(store_mutex_);
  if (auto s = store_.put_heartbeat(*parsed, received); !s) {
    log_(s.error().message);
    return text_reply(500, "heartbeat could not be stored");
  }
  return {204, "", "", {}};
}

HttpReply Routes::search_misses(const HttpRequest& request) const {
  auto parsed = parse_search_misses(request.body);
  if (!parsed) return text_reply(400, parsed.error().message);
  std::lock_guard lock(store_mutex_);
  if (auto s = store_.merge_misses(*parsed); !s) {
    log_(s.error().message);
    return text_reply(500, "search misses could not be stored");
  }
  return {204, "", "", {}};
}

}  // namespace kiosk_server
