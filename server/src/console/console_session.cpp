// Log-in, sessions, CSRF tokens and the origin check.
#include <sodium.h>

#include "console/console.hpp"
#include "console/console_http.hpp"

namespace kiosk_server::console {
namespace {

constexpr std::int64_t kIdleSeconds = 30 * 60;
constexpr std::int64_t kLifetimeSeconds = 12 * 3600;
// last_seen is written at most this often, not on every request.
constexpr std::int64_t kTouchEverySeconds = 30;

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::optional<HttpReply> Console::check_origin(const Call& call) const {
  const auto& r = call.request;
  const auto site = r.header("sec-fetch-site");
  if (!site.empty() && site != "same-origin") {
    return error_reply(403, "refused: the request comes from another site");
  }
  const auto origin = r.header("origin");
  if (origin.empty()) return std::nullopt;  // not a browser: scripts send none
  const bool tls = trust_proxy_ && r.header("x-forwarded-proto") == "https";
  const std::string expected = std::string(tls ? "https://" : "http://") + r.header("host");
  if (origin != expected) return error_reply(403, "refused: Origin does not match this server");
  return std::nullopt;
}

std::optional<HttpReply> Console::authenticate(Call& call) {
  const auto token = cookie_value(call.request.header("cookie"), kCookieName);
  const auto unauthorized = [] { return error_reply(401, "log in first"); };
  if (token.empty() || token.size() > 128) return unauthorized();
  const auto hash = sha256_hex(token);
  auto session = store_->find_session(hash);
  if (!session) return error_reply(500, "the session store failed");
  if (!*session) return unauthorized();
  const std::int64_t now = clock_.now();
  if (now - (*session)->last_seen > kIdleSeconds || now - (*session)->created > kLifetimeSeconds) {
    (void)store_->end_session(hash);
    return error_reply(401, "the session has ended; log in again");
  }
  auto user = store_->find_user((*session)->user);
  if (!user) return error_reply(500, "the user store failed");
  if (!*user || (*user)->disabled) {
    (void)store_->end_session(hash);
    return unauthorized();
  }
  const auto role = parse_role((*user)->role);
  if (!role) return unauthorized();
  call.caller = Caller{**user, *role, **session};
  const auto& method = call.request.method;
  if (method != "GET" && method != "HEAD") {
    if (auto refused = check_origin(call)) return refused;
    if (!same_secret(call.request.header("x-csrf-token"), (*session)->csrf)) {
      return error_reply(403, "refused: the X-CSRF-Token header is missing or wrong");
    }
  }
  if (now - (*session)->last_seen >= kTouchEverySeconds) (void)store_->touch_session(hash, now);
  return std::nullopt;
}

HttpReply Console::login(Call& call) {
  const auto& body = call.body;
  if (!body.is_object() || !body.contains("user") || !body.contains("password") ||
      !body["user"].is_string() || !body["password"].is_string()) {
    return error_reply(400, "send {\"user\": NAME, \"password\": PASSWORD}");
  }
  const auto name = body["user"].get<std::string>();
  const auto password = body["password"].get<std::string>();
  const std::string shown_name = user_name_problem(name).empty() ? name : "(not a user name)";
  const auto now = clock_.now();
  const std::string user_key = "user:" + shown_name;
  const std::string address_key = "address:" + call.address;
  const int wait =
      std::max(account_throttle_.wait(user_key, now), address_throttle_.wait(address_key, now));
  if (wait > 0) {
    audit(call, "login-throttled", shown_name,
          "refused unchecked: retry in " + std::to_string(wait) + " s", shown_name);
    auto reply = error_reply(429, "too many failed log-ins; try again in " + std::to_string(wait) +
                                      (wait == 1 ? " second" : " seconds"));
    reply.headers.emplace_back("Retry-After", std::to_string(wait));
    return reply;
  }
  auto user = store_->find_user(name);
  if (!user) return error_reply(500, "the user store failed");
  const bool good = *user && !(*user)->disabled && password.size() <= kMaxPasswordBytes &&
                    password_matches((*user)->password_hash, password);
  if (!good) {
    account_throttle_.failed(user_key, now);
    address_throttle_.failed(address_key, now);
    audit(call, "login-failed", shown_name,
          !*user              ? "no such user"
          : (*user)->disabled ? "account disabled"
                              : "wrong password",
          shown_name);
    return error_reply(401, "wrong user name or password");
  }
  account_throttle_.succeeded(user_key);
  address_throttle_.succeeded(address_key);
  const auto token = random_token();
  Session session{sha256_hex(token), name, random_token(), static_cast<std::int64_t>(now),
                  static_cast<std::int64_t>(now)};
  if (token.empty() || session.csrf.empty() || !store_->add_session(session)) {
    return error_reply(500, "the session could not be stored");
  }
  audit(call, "login", name, "", name);
  auto reply = json_reply(200, {{"user", name},
                                {"role", (*user)->role},
                                {"csrf", session.csrf},
                                {"key_id", key_.public_key.id}});
  const bool tls = trust_proxy_ && call.request.header("x-forwarded-proto") == "https";
  reply.headers.emplace_back("Set-Cookie", std::string(kCookieName) + "=" + token +
                                               "; Path=/; HttpOnly; SameSite=Strict" +
                                               (tls ? "; Secure" : ""));
  return reply;
}

HttpReply Console::logout(Call& call) {
  const auto& name = call.caller->user.name;
  if (auto s = store_->end_sessions(name); !s) return error_reply(500, "the session store failed");
  audit(call, "logout", name, "");
  auto reply = no_content();
  reply.headers.emplace_back(
      "Set-Cookie", std::string(kCookieName) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return reply;
}

HttpReply Console::session_info(const Call& call) const {
  return json_reply(200, {{"user", call.caller->user.name},
                          {"role", std::string(to_string(call.caller->role))},
                          {"csrf", call.caller->session.csrf},
                          {"key_id", key_.public_key.id}});
}

HttpReply Console::change_own_password(Call& call) {
  const auto& body = call.body;
  if (!body.is_object() || !body.contains("current") || !body.contains("password") ||
      !body["current"].is_string() || !body["password"].is_string()) {
    return error_reply(400, "send {\"current\": PASSWORD, \"password\": NEW_PASSWORD}");
  }
  const auto& user = call.caller->user;
  if (!password_matches(user.password_hash, body["current"].get<std::string>())) {
    audit(call, "user-password", user.name, "refused: the current password was wrong");
    return error_reply(403, "the current password is wrong");
  }
  const auto password = body["password"].get<std::string>();
  if (const auto problem = password_problem(password); !problem.empty()) {
    return json_reply(422, {{"errors", {{{"field", "password"}, {"message", problem}}}}});
  }
  auto hash = hash_password(password);
  if (!hash) return error_reply(500, hash.error().message);
  if (!store_->set_password(user.name, *hash) || !store_->end_sessions(user.name)) {
    return error_reply(500, "the user store failed");
  }
  audit(call, "user-password", user.name, "changed by the user; every session ended");
  return no_content();
}

}  // namespace kiosk_server::console
