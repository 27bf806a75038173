// The audit log and user management, for admins.
#include "console/console.hpp"
#include "console/console_http.hpp"

namespace kiosk_server::console {

using nlohmann::json;

HttpReply Console::list_audit(const Call& call) {
  const auto get = [&](const char* key) {
    const auto it = call.query.find(key);
    return it == call.query.end() ? std::string() : it->second;
  };
  const auto limit = std::min<long long>(whole_number(get("limit")).value_or(200), 1000);
  const auto before = whole_number(get("before")).value_or(std::numeric_limits<long long>::max());
  auto entries = store_->audit(static_cast<int>(std::max<long long>(limit, 1)), before);
  if (!entries) return error_reply(500, entries.error().message);
  json out = json::array();
  for (const auto& e : *entries) {
    out.push_back({{"id", e.id},
                   {"at", e.at},
                   {"user", e.user},
                   {"address", e.address},
                   {"action", e.action},
                   {"target", e.target},
                   {"detail", e.detail}});
  }
  return json_reply(200, out);
}

HttpReply Console::list_users() {
  auto users = store_->users();
  if (!users) return error_reply(500, users.error().message);
  json out = json::array();
  for (const auto& u : *users) {
    out.push_back(
        {{"name", u.name}, {"role", u.role}, {"disabled", u.disabled}, {"created", u.created}});
  }
  return json_reply(200, out);
}

HttpReply Console::add_user(Call& call) {
  const auto& body = call.body;
  const auto text = [&](const char* key) {
    return body.is_object() && body.contains(key) && body[key].is_string()
               ? body[key].get<std::string>()
               : std::string();
  };
  const auto name = text("name"), role = text("role"), password = text("password");
  std::vector<json> errors;
  if (const auto p = user_name_problem(name); !p.empty())
    errors.push_back({{"field", "name"}, {"message", p}});
  if (!parse_role(role)) {
    errors.push_back(
        {{"field", "role"}, {"message", "the role is viewer, editor, publisher or admin"}});
  }
  if (const auto p = password_problem(password); !p.empty()) {
    errors.push_back({{"field", "password"}, {"message", p}});
  }
  if (!errors.empty()) return json_reply(422, {{"errors", errors}});
  auto existing = store_->find_user(name);
  if (!existing) return error_reply(500, existing.error().message);
  if (*existing) return error_reply(409, "a user with this name exists already");
  auto hash = hash_password(password);
  if (!hash) return error_reply(500, hash.error().message);
  if (auto s = store_->add_user({name, role, *hash, now_text(), false}); !s) {
    return error_reply(500, s.error().message);
  }
  audit(call, "user-add", name, "role " + role);
  return json_reply(201, {{"name", name}, {"role", role}});
}

HttpReply Console::user_action(Call& call, const std::string& name, const std::string& action) {
  auto user = store_->find_user(name);
  if (!user) return error_reply(500, user.error().message);
  if (!*user) return error_reply(404, "no such user");
  if (action == "disable") {
    if (name == call.caller->user.name)
      return error_reply(409, "you cannot disable your own account");
    if (!store_->set_disabled(name, true) || !store_->end_sessions(name)) {
      return error_reply(500, "the user store failed");
    }
    audit(call, "user-disable", name, "");
    return no_content();
  }
  if (action == "password") {
    const auto& body = call.body;
    const std::string password =
        body.is_object() && body.contains("password") && body["password"].is_string()
            ? body["password"].get<std::string>()
            : "";
    if (const auto p = password_problem(password); !p.empty()) {
      return json_reply(422, {{"errors", {{{"field", "password"}, {"message", p}}}}});
    }
    auto hash = hash_password(password);
    if (!hash) return error_reply(500, hash.error().message);
    if (!store_->set_password(name, *hash) || !store_->end_sessions(name)) {
      return error_reply(500, "the user store failed");
    }
    audit(call, "user-password", name, "set by an admin; every session ended");
    return no_content();
  }
  return error_reply(404, "not found");
}

}  // namespace kiosk_server::console
