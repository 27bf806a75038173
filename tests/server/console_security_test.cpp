// The staff console's accounts, sessions and request checks, over real HTTP.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "console/console_store.hpp"
#include "console_support.hpp"
#include "sqlite.hpp"
#include "sync/signing.hpp"

using namespace server_test;
using nlohmann::json;

namespace {

const std::string kItems = "/api/v1/console/items";
const std::string kFaq = "/api/v1/console/items/faq-mien-thue/vi";

}  // namespace

TEST_CASE("console: a log-in answers the user, role and CSRF token with a locked-down cookie") {
  ConsoleServer server;
  StaffClient staff(server);
  const auto reply = staff.login("ed", "ed-password");
  REQUIRE(reply.status == 200);
  CHECK(reply.json["user"] == "ed");
  CHECK(reply.json["role"] == "editor");
  CHECK(reply.json["csrf"].get<std::string>().size() >= 40);
  const auto cookie = reply.header("Set-Cookie");
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);  // plain HTTP here
  CHECK(reply.header("Content-Security-Policy").find("frame-ancestors 'none'") !=
        std::string::npos);
  CHECK(reply.header("Content-Security-Policy").find("unsafe-inline") == std::string::npos);
  CHECK(reply.header("X-Content-Type-Options") == "nosniff");
  CHECK(reply.header("Referrer-Policy") == "no-referrer");

  CHECK(staff.get("/api/v1/console/session").json["user"] == "ed");
  StaffClient stranger(server);
  CHECK(stranger.get(kItems).status == 401);
  CHECK(stranger.login("ed", "wrong-password").status == 401);
  CHECK(stranger.login("nobody", "whatever-password").status == 401);
}

TEST_CASE("console: the session token is stored only as a hash") {
  ConsoleServer server;
  auto staff = server.logged_in("ed");
  const auto token = staff.cookie().substr(staff.cookie().find('=') + 1);
  auto db = content::sql::Db::open(server.db(), SQLITE_OPEN_READONLY);
  REQUIRE(db);
  auto s = content::sql::Stmt::prepare(*db, "SELECT token_hash FROM console_session");
  REQUIRE(s);
  REQUIRE(s->step());
  CHECK(s->text(0) != token);
  CHECK(s->text(0).size() == 64);
}

TEST_CASE("console: twenty wrong passwords are throttled with growing delays, and audited") {
  ConsoleServer server;
  StaffClient attacker(server);
  std::vector<int> statuses;
  std::vector<int> waits;
  for (int i = 0; i < 20; ++i) {
    const auto reply = attacker.login("ed", "not-the-password");
    statuses.push_back(reply.status);
    if (reply.status == 429) waits.push_back(std::stoi(reply.header("Retry-After")));
  }
  CHECK(std::count(statuses.begin(), statuses.end(), 401) == 3);
  CHECK(std::count(statuses.begin(), statuses.end(), 429) == 17);
  // While throttled, even the right password is not checked.
  CHECK(attacker.login("ed", "ed-password").status == 429);
  // Each failure past the third doubles the wait.
  server.clock().set(kMonday + 2);
  CHECK(attacker.login("ed", "still-wrong-pass").status == 401);
  const auto next = attacker.login("ed", "ed-password");
  REQUIRE(next.status == 429);
  CHECK(std::stoi(next.header("Retry-After")) == 2);
  server.clock().set(kMonday + 10);
  CHECK(attacker.login("ed", "ed-password").status == 200);

  auto admin = server.logged_in("admin");
  const auto audit = admin.get("/api/v1/console/audit?limit=100");
  REQUIRE(audit.status == 200);
  int failed = 0, throttled = 0, logins = 0;
  for (const auto& e : audit.json) {
    failed += e["action"] == "login-failed";
    throttled += e["action"] == "login-throttled";
    logins += e["action"] == "login";
    CHECK(e["address"] == "127.0.0.1");
  }
  CHECK(failed == 4);
  CHECK(throttled == 19);
  CHECK(logins == 2);
}

TEST_CASE("console: a state-changing request needs the CSRF token and this server's origin") {
  ConsoleServer server;
  auto staff = server.logged_in("ed");
  const auto body = new_faq("Câu hỏi", "Trả lời.").dump();
  const std::string path = kItems + "/faq-moi/vi";
  CHECK(staff.send("PUT", path, body, {}).status == 403);
  CHECK(staff.send("PUT", path, body, {{"X-CSRF-Token", "guess"}}).status == 403);
  const std::string own = "http://127.0.0.1:" + std::to_string(server.port());
  CHECK(staff
            .send("PUT", path, body,
                  {{"X-CSRF-Token", staff.csrf()}, {"Origin", "https://evil.example"}})
            .status == 403);
  CHECK(staff
            .send("PUT", path, body,
                  {{"X-CSRF-Token", staff.csrf()}, {"Sec-Fetch-Site", "cross-site"}})
            .status == 403);
  CHECK(staff
            .send("POST", "/api/v1/console/session",
                  json{{"user", "ed"}, {"password", "ed-password"}}.dump(),
                  {{"Origin", "https://evil.example"}}, false)
            .status == 403);
  CHECK(staff.get(path).status == 404);  // nothing was saved
  CHECK(
      staff
          .send(
              "PUT", path, body,
              {{"X-CSRF-Token", staff.csrf()}, {"Origin", own}, {"Sec-Fetch-Site", "same-origin"}})
          .status == 200);
  // Another session's token does not do.
  auto other = server.logged_in("ed2");
  CHECK(staff.send("POST", path + "/submit", "", {{"X-CSRF-Token", other.csrf()}}).status == 403);
}

TEST_CASE("console: a viewer reads but gets 403 from everything that changes state") {
  ConsoleServer server;
  auto viewer = server.logged_in("view");
  const auto item = viewer.get(kFaq);
  REQUIRE(item.status == 200);
  auto changed = item.json;
  changed["title"] = "Đổi";
  CHECK(viewer.put(kFaq, changed).status == 403);
  CHECK(viewer.post(kFaq + "/submit").status == 403);
  CHECK(viewer.post(kFaq + "/delete", {{"revision", item.json["revision"]}}).status == 403);
  CHECK(viewer.post("/api/v1/console/publish").status == 403);
  CHECK(viewer.get("/api/v1/console/audit").status == 403);
  CHECK(viewer.get("/api/v1/console/users").status == 403);
  CHECK(viewer
            .post("/api/v1/console/users",
                  {{"name", "x"}, {"role", "admin"}, {"password", "0123456789"}})
            .status == 403);
  auto editor = server.logged_in("ed");
  CHECK(editor.post("/api/v1/console/publish").status == 403);
  CHECK(editor.get("/api/v1/console/users").status == 403);
  CHECK(viewer.get(kItems).status == 200);
}

TEST_CASE("console: sessions end after 30 idle minutes, 12 hours, log-out and a password change") {
  ConsoleServer server;
  auto staff = server.logged_in("ed");
  server.clock().set(kMonday + 29 * 60);
  CHECK(staff.get(kItems).status == 200);
  server.clock().set(kMonday + 29 * 60 + 31 * 60);
  CHECK(staff.get(kItems).status == 401);

  auto busy = server.logged_in("ed");
  for (int minutes = 20; minutes <= 12 * 60 + 20; minutes += 20) {
    server.clock().set(kMonday + 29 * 60 + 31 * 60 + minutes * 60);
    if (busy.get(kItems).status != 200) {
      CHECK(minutes > 11 * 60);
      break;
    }
  }
  CHECK(busy.get(kItems).status == 401);

  auto a = server.logged_in("ed");
  auto b = server.logged_in("ed");
  CHECK(a.del("/api/v1/console/session").status == 204);
  CHECK(b.get(kItems).status == 401);  // log-out ends all of this user's sessions

  auto c = server.logged_in("ed");
  auto d = server.logged_in("ed");
  CHECK(c.post("/api/v1/console/password", {{"current", "ed-password"}, {"password", "short"}})
            .status == 422);
  CHECK(c.post("/api/v1/console/password",
               {{"current", "ed-password"}, {"password", "a-new-password"}})
            .status == 204);
  CHECK(d.get(kItems).status == 401);
  StaffClient again(server);
  CHECK(again.login("ed", "ed-password").status == 401);
  CHECK(again.login("ed", "a-new-password").status == 200);
}

TEST_CASE("console: admins add and disable users; a disabled account cannot log in") {
  ConsoleServer server;
  auto admin = server.logged_in("admin");
  CHECK(admin
            .post("/api/v1/console/users",
                  {{"name", "lan"}, {"role", "editor"}, {"password", "short"}})
            .status == 422);
  CHECK(admin
            .post("/api/v1/console/users",
                  {{"name", "Lan!"}, {"role", "editor"}, {"password", "long-enough-1"}})
            .status == 422);
  CHECK(admin
            .post("/api/v1/console/users",
                  {{"name", "lan"}, {"role", "boss"}, {"password", "long-enough-1"}})
            .status == 422);
  CHECK(admin
            .post("/api/v1/console/users",
                  {{"name", "lan"}, {"role", "editor"}, {"password", "long-enough-1"}})
            .status == 201);
  CHECK(admin
            .post("/api/v1/console/users",
                  {{"name", "lan"}, {"role", "editor"}, {"password", "long-enough-1"}})
            .status == 409);
  StaffClient lan(server);
  REQUIRE(lan.login("lan", "long-enough-1").status == 200);
  CHECK(admin.post("/api/v1/console/users/lan/disable").status == 204);
  CHECK(lan.get(kItems).status == 401);
  CHECK(lan.login("lan", "long-enough-1").status == 401);
  const auto users = admin.get("/api/v1/console/users");
  bool found = false;
  for (const auto& u : users.json) {
    if (u["name"] == "lan") found = u["disabled"] == true;
    CHECK_FALSE(u.contains("password_hash"));
  }
  CHECK(found);
}

TEST_CASE("console: the audit log refuses updates and deletions") {
  ConsoleServer server;
  (void)server.logged_in("ed");
  auto db = content::sql::Db::open(server.db(), SQLITE_OPEN_READWRITE);
  REQUIRE(db);
  CHECK_FALSE(db->exec("UPDATE console_audit SET user = 'someone else'").ok());
  CHECK_FALSE(db->exec("DELETE FROM console_audit").ok());
  auto s = content::sql::Stmt::prepare(*db, "SELECT count(*) FROM console_audit WHERE user = 'ed'");
  REQUIRE(s);
  REQUIRE(s->step());
  CHECK(s->integer(0) == 1);
}

TEST_CASE("console: the server refuses a signing key others can read") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "repo");
  std::filesystem::create_directories(dir.path() / "content");
  auto key = published::generate_key();
  REQUIRE(key);
  REQUIRE(published::write_key_files(*key, dir.path() / "key").ok());
  const auto key_file = (dir.path() / "key" / "signing.key").string();
  ::chmod(key_file.c_str(), 0644);
  const auto run = run_kiosk_server({"serve", "--repo", (dir.path() / "repo").string(), "--db",
                                     (dir.path() / "db").string(), "--content",
                                     (dir.path() / "content").string(), "--key", key_file,
                                     "--listen", "127.0.0.1:0"});
  CHECK(run.exit_code == 1);
  CHECK(run.err.find("chmod 600") != std::string::npos);
}

TEST_CASE("console: kiosk-server user add, list, disable and password") {
  TempDir dir;
  const auto db = (dir.path() / "server.db").string();
  auto add = test::run_program_with_input(
      KIOSK_SERVER_PATH, {"user", "add", "lan", "--role", "editor", "--password-stdin", "--db", db},
      "a-long-password\n");
  CHECK(add.exit_code == 0);
  auto weak = test::run_program_with_input(
      KIOSK_SERVER_PATH, {"user", "add", "hoa", "--role", "admin", "--password-stdin", "--db", db},
      "short\n");
  CHECK(weak.exit_code == 1);
  CHECK(weak.err.find("at least 10 characters") != std::string::npos);
  auto bad_role = test::run_program_with_input(
      KIOSK_SERVER_PATH, {"user", "add", "hoa", "--role", "boss", "--password-stdin", "--db", db},
      "a-long-password\n");
  CHECK(bad_role.exit_code == 2);
  auto list = run_kiosk_server({"user", "list", "--db", db});
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("lan") != std::string::npos);
  CHECK(list.out.find("editor") != std::string::npos);
  CHECK(list.out.find("hoa") == std::string::npos);
  CHECK(run_kiosk_server({"user", "disable", "lan", "--db", db}).exit_code == 0);
  CHECK(run_kiosk_server({"user", "list", "--db", db}).out.find("disabled") != std::string::npos);
  CHECK(test::run_program_with_input(KIOSK_SERVER_PATH,
                                     {"user", "password", "lan", "--password-stdin", "--db", db},
                                     "another-long-one\n")
            .exit_code == 0);
  CHECK(run_kiosk_server({"user", "disable", "nobody", "--db", db}).exit_code == 1);
}
