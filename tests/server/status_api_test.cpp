// POST /api/v1/heartbeat and /api/v1/search-misses, and the staff commands
// that read them back.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support.hpp"

using nlohmann::json;
using server_test::run_kiosk_server;
using server_test::RunningServer;

namespace {

json heartbeat(const std::string& kiosk = "hq-lobby-1") {
  return {{"kiosk", kiosk},
          {"app_version", "0.1.0"},
          {"content_version", 12},
          {"last_sync", "2026-11-23T07:55:00Z"},
          {"last_error", ""},
          {"outbox", 3},
          {"free_disk_bytes", 12'500'000'000LL},
          {"uptime_s", 93784},
          {"sent", "2026-11-23T07:59:58Z"}};
}

httplib::Result post(httplib::Client& client, const char* path, const json& body) {
  return client.Post(path, body.dump(), "application/json");
}

json kiosks_json(const RunningServer& server) {
  auto r = run_kiosk_server({"kiosks", "--db", server.db().string(), "--json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

json misses_json(const RunningServer& server, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"misses", "--db", server.db().string(), "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_kiosk_server(args);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("heartbeat: 204, and the latest per kiosk is shown by `kiosks`") {
  RunningServer server(std::time(nullptr));
  auto client = server.client();
  auto r = post(*client, "/api/v1/heartbeat", heartbeat());
  REQUIRE(r);
  CHECK(r->status == 204);
  CHECK(r->body.empty());
  auto newer = heartbeat();
  newer["content_version"] = 13;
  newer["last_error"] = "không kết nối được máy chủ";
  newer["outbox"] = 0;
  REQUIRE(post(*client, "/api/v1/heartbeat", newer)->status == 204);
  REQUIRE(post(*client, "/api/v1/heartbeat", heartbeat("border-gate-2"))->status == 204);

  const auto kiosks = kiosks_json(server);
  REQUIRE(kiosks.size() == 2);
  CHECK(kiosks[0]["kiosk"] == "border-gate-2");
  const auto& hq = kiosks[1];
  CHECK(hq["kiosk"] == "hq-lobby-1");
  CHECK(hq["content_version"] == 13);
  CHECK(hq["last_error"] == "không kết nối được máy chủ");
  CHECK(hq["outbox"] == 0);
  CHECK(hq["app_version"] == "0.1.0");
  CHECK(hq["free_disk_bytes"] == 12'500'000'000LL);
  CHECK(hq["uptime_s"] == 93784);
  CHECK(hq["last_sync"] == "2026-11-23T07:55:00Z");
  CHECK(hq["silent"] == false);

  auto table = run_kiosk_server({"kiosks", "--db", server.db().string()});
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("hq-lobby-1") != std::string::npos);
  CHECK(table.out.find("12.5 GB") != std::string::npos);
  CHECK(table.out.find("1d 02h") != std::string::npos);
  CHECK(table.out.find("không kết nối được máy chủ") != std::string::npos);
  CHECK(table.out.find("silent") == std::string::npos);
}

TEST_CASE("heartbeat: a kiosk not heard from for more than 30 minutes is marked silent") {
  RunningServer server(std::time(nullptr) - 31 * 60);
  auto client = server.client();
  REQUIRE(post(*client, "/api/v1/heartbeat", heartbeat("quiet-one"))->status == 204);
  server.clock().set(std::time(nullptr));
  REQUIRE(post(*client, "/api/v1/heartbeat", heartbeat("busy-one"))->status == 204);
  const auto kiosks = kiosks_json(server);
  REQUIRE(kiosks.size() == 2);
  CHECK(kiosks[0]["kiosk"] == "busy-one");
  CHECK(kiosks[0]["silent"] == false);
  CHECK(kiosks[1]["kiosk"] == "quiet-one");
  CHECK(kiosks[1]["silent"] == true);
  auto table = run_kiosk_server({"kiosks", "--db", server.db().string()});
  CHECK(table.out.find("quiet-one  silent") != std::string::npos);
}

TEST_CASE("heartbeat: each bad field is 400 naming it, and nothing is stored") {
  RunningServer server;
  auto client = server.client();
  const std::vector<std::pair<std::string, json>> cases = {
      {"kiosk", "Lobby"},
      {"app_version", ""},
      {"app_version", "0.1.0 beta"},
      {"content_version", -1},
      {"content_version", "12"},
      {"last_sync", "yesterday"},
      {"last_error", std::string(501, 'e')},
      {"last_error", "line\nbreak"},
      {"outbox", -3},
      {"free_disk_bytes", 1.5},
      {"free_disk_bytes", 18'446'744'073'709'551'615ULL},
      {"uptime_s", nullptr},
      {"sent", ""},
      {"unknown", 1},
  };
  for (const auto& [field, value] : cases) {
    auto body = heartbeat();
    if (value.is_null()) {
      body.erase(field);
    } else {
      body[field] = value;
    }
    CAPTURE(body.dump());
    auto r = post(*client, "/api/v1/heartbeat", body);
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->body.rfind(field + ": ", 0) == 0);
  }
  auto empty_sync = heartbeat();
  empty_sync["last_sync"] = "";
  CHECK(post(*client, "/api/v1/heartbeat", empty_sync)->status == 204);
  CHECK(kiosks_json(server).size() == 1);
}

TEST_CASE("search misses: counts merge by maximum, so a batch sent twice changes nothing") {
  RunningServer server;
  auto client = server.client();
  const json batch = {{"kiosk", "hq-lobby-1"},
                      {"misses",
                       {{{"query", "to khai"}, {"day", "2026-11-23"}, {"count", 3}},
                        {{"query", "hoan thue"}, {"day", "2026-11-23"}, {"count", 1}}}}};
  auto r = post(*client, "/api/v1/search-misses", batch);
  REQUIRE(r);
  CHECK(r->status == 204);
  REQUIRE(post(*client, "/api/v1/search-misses", batch)->status == 204);
  CHECK(misses_json(server) == json::parse(R"([{"query":"to khai","count":3},
                                               {"query":"hoan thue","count":1}])"));

  // A later, larger count replaces; a smaller (older) one does not.
  const json later = {{"kiosk", "hq-lobby-1"},
                      {"misses",
                       {{{"query", "to khai"}, {"day", "2026-11-23"}, {"count", 2}},
                        {{"query", "hoan thue"}, {"day", "2026-11-23"}, {"count", 5}}}}};
  REQUIRE(post(*client, "/api/v1/search-misses", later)->status == 204);
  // Another kiosk and another day add up.
  const json other = {{"kiosk", "border-gate-2"},
                      {"misses", {{{"query", "to khai"}, {"day", "2026-11-22"}, {"count", 4}}}}};
  REQUIRE(post(*client, "/api/v1/search-misses", other)->status == 204);
  CHECK(misses_json(server) == json::parse(R"([{"query":"to khai","count":7},
                                               {"query":"hoan thue","count":5}])"));

  auto table = run_kiosk_server({"misses", "--db", server.db().string()});
  CHECK(table.exit_code == 0);
  CHECK(table.out == "       7  to khai\n       5  hoan thue\n");
}

TEST_CASE("search misses: --days leaves out older days") {
  const std::time_t now = std::time(nullptr);
  RunningServer server(now);
  auto client = server.client();
  // Twenty days ago: within the 31 days the server counts, outside --days 10.
  const auto old_day = kiosk_server::format_utc(now - 20 * 86400).substr(0, 10);
  const json batch = {{"kiosk", "hq-lobby-1"},
                      {"misses",
                       {{{"query", "giay phep"}, {"day", old_day}, {"count", 9}},
                        {{"query", "to khai"},
                         {"day", kiosk_server::format_utc(std::time(nullptr)).substr(0, 10)},
                         {"count", 2}}}}};
  REQUIRE(post(*client, "/api/v1/search-misses", batch)->status == 204);
  CHECK(misses_json(server).size() == 2);
  CHECK(misses_json(server, {"--days", "10"}) == json::parse(R"([{"query":"to khai","count":2}])"));
  auto bad = run_kiosk_server({"misses", "--db", server.db().string(), "--days", "0"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("search misses: bad rows are 400 naming the row and field; nothing is stored") {
  RunningServer server;
  auto client = server.client();
  const json good_row = {{"query", "to khai"}, {"day", "2026-11-23"}, {"count", 3}};
  const std::vector<std::pair<std::string, json>> bad_rows = {
      {"misses[1].query", {{"query", "so 123"}, {"day", "2026-11-23"}, {"count", 1}}},
      {"misses[1].query", {{"query", "ab"}, {"day", "2026-11-23"}, {"count", 1}}},
      {"misses[1].query", {{"query", std::string(65, 'q')}, {"day", "2026-11-23"}, {"count", 1}}},
      {"misses[1].query", {{"query", "tab\there"}, {"day", "2026-11-23"}, {"count", 1}}},
      {"misses[1].day", {{"query", "to khai"}, {"day", "2026-13-01"}, {"count", 1}}},
      {"misses[1].count", {{"query", "to khai"}, {"day", "2026-11-23"}, {"count", 0}}},
      {"misses[1].count", {{"query", "to khai"}, {"day", "2026-11-23"}, {"count", 1'000'001}}},
      {"misses[1]", "to khai"},
  };
  for (const auto& [where, row] : bad_rows) {
    const json body = {{"kiosk", "hq-lobby-1"}, {"misses", {good_row, row}}};
    CAPTURE(body.dump());
    auto r = post(*client, "/api/v1/search-misses", body);
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->body.rfind(where + ": ", 0) == 0);
  }
  json too_many = {{"kiosk", "hq-lobby-1"}, {"misses", json::array()}};
  for (int i = 0; i < 1001; ++i) too_many["misses"].push_back(good_row);
  auto r = post(*client, "/api/v1/search-misses", too_many);
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(r->body.rfind("misses: ", 0) == 0);
  CHECK(misses_json(server).empty());
}
