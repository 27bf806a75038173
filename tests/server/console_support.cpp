#include "console_support.hpp"

#include <map>
#include <stdexcept>

#include "console/accounts.hpp"
#include "console/console_store.hpp"
#include "sync/signing.hpp"

namespace server_test {

using nlohmann::json;

std::string ConsoleReply::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

StaffClient::StaffClient(const ConsoleServer& server, std::string) : server_(server) {}

ConsoleReply StaffClient::send(const std::string& method, const std::string& path,
                               const std::string& body, httplib::Headers headers,
                               bool with_cookie) {
  httplib::Client client("127.0.0.1", server_.port());
  client.set_url_encode(false);
  if (with_cookie && !cookie_.empty()) headers.emplace("Cookie", cookie_);
  httplib::Result result{nullptr, httplib::Error::Unknown};
  if (method == "GET") {
    result = client.Get(path, headers);
  } else if (method == "POST") {
    result = client.Post(path, headers, body, "application/json");
  } else if (method == "PUT") {
    result = client.Put(path, headers, body, "application/json");
  } else if (method == "DELETE") {
    result = client.Delete(path, headers, body, "application/json");
  }
  if (!result) throw std::runtime_error("no answer to " + method + " " + path);
  ConsoleReply reply;
  reply.status = result->status;
  reply.body = result->body;
  reply.headers = result->headers;
  reply.json = json::parse(result->body, nullptr, false);
  if (reply.json.is_discarded()) reply.json = nullptr;
  return reply;
}

ConsoleReply StaffClient::login(const std::string& user, const std::string& password) {
  auto reply = send("POST", "/api/v1/console/session",
                    json{{"user", user}, {"password", password}}.dump(), {}, false);
  if (reply.status == 200) {
    const auto set = reply.header("Set-Cookie");
    cookie_ = set.substr(0, set.find(';'));
    csrf_ = reply.json["csrf"].get<std::string>();
  }
  return reply;
}

ConsoleReply StaffClient::get(const std::string& path) { return send("GET", path, "", {}); }

ConsoleReply StaffClient::put(const std::string& path, const json& body) {
  return send("PUT", path, body.dump(), {{"X-CSRF-Token", csrf_}});
}

ConsoleReply StaffClient::post(const std::string& path, const json& body) {
  return send("POST", path, body.dump(), {{"X-CSRF-Token", csrf_}});
}

ConsoleReply StaffClient::del(const std::string& path) {
  return send("DELETE", path, "", {{"X-CSRF-Token", csrf_}});
}

ConsoleServer::ConsoleServer(bool allow_self_approval) : clock_(kMonday) {
  std::filesystem::create_directories(repo());
  write_file(content() / "categories" / "cat-hanh-ly.vi.md",
             "+++\nid = \"cat-hanh-ly\"\ntype = \"category\"\nlang = \"vi\"\n"
             "title = \"Hành lý\"\n+++\nHành lý của khách xuất nhập cảnh.\n");
  write_file(content() / "categories" / "cat-hanh-ly.en.md",
             "+++\nid = \"cat-hanh-ly\"\ntype = \"category\"\nlang = \"en\"\n"
             "title = \"Luggage\"\n+++\nLuggage of travellers.\n");
  write_file(content() / "faq" / "faq-mien-thue.vi.md",
             "+++\nid = \"faq-mien-thue\"\ntype = \"faq\"\nlang = \"vi\"\n"
             "category = \"cat-hanh-ly\"\ntitle = \"Hành lý miễn thuế gồm những gì?\"\n+++\n"
             "Rượu từ 22 độ trở lên: **1,5 lít**.\n");
  write_file(content() / "faq" / "faq-mien-thue.en.md",
             "+++\nid = \"faq-mien-thue\"\ntype = \"faq\"\nlang = \"en\"\n"
             "category = \"cat-hanh-ly\"\ntitle = \"What is duty-free luggage?\"\n+++\n"
             "Spirits of 22 degrees or more: **1.5 litres**.\n");
  auto key = published::generate_key();
  if (!key || !published::write_key_files(*key, key_dir())) {
    throw std::runtime_error("cannot make a signing key");
  }
  {
    auto store = kiosk_server::console::open_sqlite_console_store(db());
    if (!store) throw std::runtime_error(store.error().message);
    for (const auto& [name, role] : {std::pair{"ed", "editor"}, std::pair{"ed2", "editor"},
                                     std::pair{"pub", "publisher"}, std::pair{"pub2", "publisher"},
                                     std::pair{"view", "viewer"}, std::pair{"admin", "admin"}}) {
      // argon2id is slow on purpose: each password is hashed once per run.
      static std::map<std::string, std::string> hashes;
      if (!hashes.count(name)) {
        auto made = kiosk_server::console::hash_password(std::string(name) + "-password");
        if (!made) throw std::runtime_error("cannot hash a password");
        hashes[name] = *made;
      }
      if (!(*store)->add_user({name, role, hashes[name], "2026-11-23T08:00:00Z", false})) {
        throw std::runtime_error("cannot add a user");
      }
    }
  }
  kiosk_server::ServeOptions options;
  options.repo = repo();
  options.db = db();
  options.clock = &clock_;
  options.limits = kiosk_server::ServerLimits::without_rates();
  options.log = [](const std::string&) {};
  kiosk_server::ConsoleSettings console;
  console.content = content();
  console.key = key_dir() / "signing.key";
  console.pages = std::filesystem::path(KIOSK_SOURCE_DIR) / "server" / "console";
  console.allow_self_approval = allow_self_approval;
  options.console = console;
  auto started = kiosk_server::Server::start(std::move(options));
  if (!started) throw std::runtime_error(started.error().message);
  server_ = std::move(*started);
}

ConsoleServer::~ConsoleServer() { server_->stop(); }

StaffClient ConsoleServer::logged_in(const std::string& user) const {
  StaffClient client(*this);
  const auto reply = client.login(user, user + "-password");
  if (reply.status != 200) throw std::runtime_error("log-in of " + user + " failed: " + reply.body);
  return client;
}

json new_faq(const std::string& title, const std::string& answer) {
  return {{"type", "faq"},
          {"title", title},
          {"category", "cat-hanh-ly"},
          {"body", answer},
          {"revision", ""}};
}

}  // namespace server_test
