#include "console/console.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "console/console_http.hpp"

namespace kiosk_server::console {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kApiPrefix = "/api/v1/console/";

std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    const auto end = path.find('/');
    out.emplace_back(path.substr(0, end));
    if (end == std::string_view::npos) break;
    path.remove_prefix(end + 1);
  }
  return out;
}

std::string content_type_of(const std::string& name) {
  const auto dot = name.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "json") return "application/json";
  return "";
}

bool page_name_ok(const std::string& name) {
  if (name.empty() || name.size() > 64 || name[0] == '.') return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
      return false;
    }
  }
  return !content_type_of(name).empty();
}

content::Status check_key_file(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return content::Error{"--key: cannot read " + file.string()};
  if (!S_ISREG(st.st_mode)) return content::Error{"--key: " + file.string() + " is not a file"};
  if (st.st_uid != ::geteuid()) {
    return content::Error{"--key: " + file.string() +
                          " belongs to another user; the signing key must be the server's own "
                          "(chown it to the user kiosk-server runs as)"};
  }
  if ((st.st_mode & 077) != 0) {
    return content::Error{"--key: " + file.string() +
                          " can be read or written by others; run chmod 600 " + file.string()};
  }
  return content::Status::Ok();
}

}  // namespace

bool is_console_path(const std::string& path) {
  return path == "/console" || path.rfind("/console/", 0) == 0 || path == "/api/v1/console" ||
         path.rfind(kApiPrefix, 0) == 0;
}

content::Result<std::unique_ptr<Console>> Console::open(const ConsoleSettings& settings,
                                                        const fs::path& repo, const fs::path& db,
                                                        const Clock& clock, bool trust_proxy) {
  std::error_code ec;
  if (!fs::is_directory(settings.content, ec)) {
    return content::Error{"--content: " + settings.content.string() + " is not a directory"};
  }
  if (auto s = check_key_file(settings.key); !s) return s.error();
  auto key = published::read_signing_key(settings.key);
  if (!key) return content::Error{"--key: " + key.error().message};
  auto store = open_sqlite_console_store(db);
  if (!store) return store.error();
  std::unique_ptr<Console> console(
      new Console(settings, repo, std::move(*store), std::move(*key), clock, trust_proxy));
  if (auto s = console->tree_.refresh(true); !s) return s.error();
  if (auto s = console->ensure_baseline(); !s) return s.error();
  return console;
}

Console::Console(ConsoleSettings settings, fs::path repo, std::unique_ptr<ConsoleStore> store,
                 published::SigningKey key, const Clock& clock, bool trust_proxy)
    : settings_(std::move(settings)),
      repo_(std::move(repo)),
      store_(std::move(store)),
      key_(std::move(key)),
      clock_(clock),
      trust_proxy_(trust_proxy),
      tree_(settings_.content) {}

HttpReply Console::handle(const HttpRequest& request, const std::string& address) {
  const auto question = request.target.find('?');
  Call call{request, address, request.target.substr(0, question), {}, {}, std::nullopt, nullptr};
  if (call.path.rfind("/console", 0) == 0) return page(call);
  if (call.path.size() <= kApiPrefix.size()) return error_reply(404, "not found");
  call.parts = segments(std::string_view(call.path).substr(kApiPrefix.size()));
  if (question != std::string::npos) {
    auto query = parse_query(std::string_view(request.target).substr(question + 1));
    if (!query) return error_reply(400, "the query string is not valid");
    call.query = std::move(*query);
  }
  if (request.method == "POST" || request.method == "PUT" || request.method == "DELETE") {
    if (!request.body.empty()) {
      const auto type = request.header("content-type");
      if (type.substr(0, type.find(';')) != "application/json") {
        return error_reply(415, "Content-Type: must be application/json");
      }
      call.body = nlohmann::json::parse(request.body, nullptr, false);
      if (call.body.is_discarded()) return error_reply(400, "the body is not valid JSON");
    }
  }
  std::lock_guard lock(mutex_);
  return api(call);
}

HttpReply Console::page(const Call& call) const {
  if (call.request.method != "GET" && call.request.method != "HEAD") {
    auto reply = error_reply(405, "use GET");
    reply.headers.emplace_back("Allow", "GET, HEAD");
    return reply;
  }
  if (call.path == "/console") {
    HttpReply reply{308, "", "", {{"Location", "/console/"}}};
    return secured(reply);
  }
  std::string name = call.path.substr(std::string_view("/console/").size());
  if (name.empty()) name = "index.html";
  if (!page_name_ok(name)) return error_reply(404, "not found");
  std::ifstream in(settings_.pages / name, std::ios::binary);
  if (!in) return error_reply(404, "not found");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  HttpReply reply{200, content_type_of(name), bytes.str(), {}};
  return secured(reply);
}

HttpReply Console::api(Call& call) {
  const auto& p = call.parts;
  const auto& method = call.request.method;
  const auto n = p.size();
  const auto wrong_method = [](const char* allow) {
    auto reply = error_reply(405, std::string("method not allowed; use ") + allow);
    reply.headers.emplace_back("Allow", allow);
    return reply;
  };

  if (n == 1 && p[0] == "session") {
    if (method == "POST") {
      if (auto refused = check_origin(call)) return *refused;
      return login(call);
    }
    if (method != "GET" && method != "DELETE") return wrong_method("GET, POST, DELETE");
  }
  if (auto refused = authenticate(call)) return *refused;
  const Role role = call.caller->role;
  const auto need = [&](Role least) -> std::optional<HttpReply> {
    if (role >= least) return std::nullopt;
    return error_reply(403, "your role (" + std::string(to_string(role)) + ") may not do this");
  };

  if (n == 1 && p[0] == "session") {
    return method == "GET" ? session_info(call) : logout(call);
  }
  if (n == 1 && p[0] == "password") {
    if (method != "POST") return wrong_method("POST");
    return change_own_password(call);
  }
  if (n == 1 && p[0] == "status") {
    if (method != "GET") return wrong_method("GET");
    return status();
  }
  if (n == 1 && p[0] == "items") {
    if (method != "GET") return wrong_method("GET");
    return list_items(call);
  }
  if (n == 3 && p[0] == "items") {
    if (method == "GET") return get_item(call, p[1], p[2]);
    if (method != "PUT") return wrong_method("GET, PUT");
    if (auto refused = need(Role::editor)) return *refused;
    return put_item(call, p[1], p[2]);
  }
  if (n == 4 && p[0] == "items") {
    if (method != "POST") return wrong_method("POST");
    const auto& action = p[3];
    const bool publishing = action == "approve" || action == "reject";
    if (!publishing && action != "submit" && action != "delete" && action != "discard") {
      return error_reply(404, "not found");
    }
    if (auto refused = need(publishing ? Role::publisher : Role::editor)) return *refused;
    return item_action(call, p[1], p[2], action);
  }
  if (n == 1 && p[0] == "preview") {
    if (method != "POST") return wrong_method("POST");
    return preview(call);
  }
  if (n == 1 && p[0] == "publish") {
    if (method != "POST") return wrong_method("POST");
    if (auto refused = need(Role::publisher)) return *refused;
    return publish(call);
  }
  if (n == 1 && p[0] == "versions") {
    if (method != "GET") return wrong_method("GET");
    return list_versions();
  }
  if (n >= 3 && p[0] == "versions") {
    const auto number = whole_number(p[1]);
    if (!number) return error_reply(404, "no such version");
    if (n == 3 && p[2] == "rollback") {
      if (method != "POST") return wrong_method("POST");
      if (auto refused = need(Role::publisher)) return *refused;
      return rollback(call, *number);
    }
    if (n == 5 && p[2] == "items") {
      if (method != "GET") return wrong_method("GET");
      return version_item(call, *number, p[3], p[4], false);
    }
    if (n == 6 && p[2] == "items" && p[5] == "restore") {
      if (method != "POST") return wrong_method("POST");
      if (auto refused = need(Role::editor)) return *refused;
      return version_item(call, *number, p[3], p[4], true);
    }
  }
  if (n == 1 && p[0] == "audit") {
    if (method != "GET") return wrong_method("GET");
    if (auto refused = need(Role::admin)) return *refused;
    return list_audit(call);
  }
  if (n == 1 && p[0] == "users") {
    if (auto refused = need(Role::admin)) return *refused;
    if (method == "GET") return list_users();
    if (method == "POST") return add_user(call);
    return wrong_method("GET, POST");
  }
  if (n == 3 && p[0] == "users") {
    if (method != "POST") return wrong_method("POST");
    if (auto refused = need(Role::admin)) return *refused;
    return user_action(call, p[1], p[2]);
  }
  return error_reply(404, "not found");
}

void Console::audit(const Call& call, const std::string& action, const std::string& target,
                    const std::string& detail, const std::string& user) {
  AuditEntry entry;
  entry.at = now_text();
  entry.user = !user.empty() ? user : call.caller ? call.caller->user.name : "";
  entry.address = call.address;
  entry.action = action;
  entry.target = target;
  entry.detail = detail;
  (void)store_->append_audit(entry);
}

}  // namespace kiosk_server::console
