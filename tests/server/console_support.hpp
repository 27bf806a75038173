// A kiosk-server with its staff console over a small authoring tree, a fresh
// signing key and staff accounts, and a browser-like client that keeps its
// session cookie and CSRF token.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "support.hpp"

namespace server_test {

struct ConsoleReply {
  int status = 0;
  std::string body;
  nlohmann::json json;  // null when the body is not JSON
  httplib::Headers headers;
  std::string header(const std::string& name) const;
};

class ConsoleServer;

// One staff member's browser: the cookie and CSRF token of its log-in.
class StaffClient {
 public:
  StaffClient(const ConsoleServer& server, std::string address = "127.0.0.1");
  ConsoleReply login(const std::string& user, const std::string& password);
  ConsoleReply get(const std::string& path);
  ConsoleReply put(const std::string& path, const nlohmann::json& body);
  ConsoleReply post(const std::string& path, const nlohmann::json& body = nlohmann::json::object());
  ConsoleReply del(const std::string& path);
  // Any request, with exactly the headers given besides the cookie.
  ConsoleReply send(const std::string& method, const std::string& path, const std::string& body,
                    httplib::Headers headers, bool with_cookie = true);
  const std::string& csrf() const { return csrf_; }
  const std::string& cookie() const { return cookie_; }

 private:
  const ConsoleServer& server_;
  std::string cookie_;
  std::string csrf_;
};

class ConsoleServer {
 public:
  // The tree holds a category and an FAQ in both languages; users "ed"
  // (editor), "pub" and "pub2" (publishers), "view" (viewer) and "admin", each
  // with the password NAME + "-password".
  explicit ConsoleServer(bool allow_self_approval = false);
  ~ConsoleServer();

  std::filesystem::path content() const { return dir_ / "content"; }
  std::filesystem::path repo() const { return dir_ / "repo"; }
  std::filesystem::path db() const { return dir_ / "server.db"; }
  std::filesystem::path key_dir() const { return dir_ / "key"; }
  FakeClock& clock() { return clock_; }
  int port() const { return server_->port(); }
  StaffClient logged_in(const std::string& user) const;

 private:
  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<kiosk_server::Server> server_;
};

// The JSON body of a new FAQ in the demo category.
nlohmann::json new_faq(const std::string& title, const std::string& answer);

}  // namespace server_test
