// What kiosk-server stores from uploads, against hostile or runaway clients:
// terminal escapes and bidi overrides, digits of every script, duplicate
// keys, late heartbeats, spreadsheet formulas in disguise, and floods of
// feedback, kiosk ids, miss counts and heartbeats.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "kiosk_server/csv.hpp"
#include "kiosk_server/upload_store.hpp"
#include "support.hpp"

using nlohmann::json;
using server_test::run_kiosk_server;
using server_test::RunningServer;

namespace {

json feedback(int n, const std::string& kiosk = "hq-lobby-1", const std::string& comment = "") {
  char uuid[40];
  std::snprintf(uuid, sizeof uuid, "3f2c6a1e-9b7d-4c2a-8e4f-%012d", n);
  return {{"uuid", uuid},  {"kiosk", kiosk},     {"rating", 2},
          {"service", ""}, {"comment", comment}, {"created", "2026-11-23T07:59:30Z"}};
}

httplib::Result post_feedback(httplib::Client& client, const json& f) {
  return client.Post("/api/v1/feedback", {{"Idempotency-Key", f["uuid"].get<std::string>()}},
                     f.dump(), "application/json");
}

json heartbeat(const std::string& kiosk, const std::string& sent, int content_version) {
  return {{"kiosk", kiosk},          {"app_version", "0.1.0"}, {"content_version", content_version},
          {"last_sync", ""},         {"last_error", ""},       {"outbox", 0},
          {"free_disk_bytes", 1000}, {"uptime_s", 5},          {"sent", sent}};
}

httplib::Result post(httplib::Client& client, const char* path, const std::string& body) {
  return client.Post(path, body, "application/json");
}

bool has_c1_or_escape(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0x1b) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      return true;
    }
    if (s.compare(i, 3, "\xE2\x80\xAE") == 0) return true;  // U+202E
  }
  return false;
}

}  // namespace

TEST_CASE("uploads: C1 controls and bidi overrides are refused in every text field") {
  RunningServer server;
  auto client = server.client();
  for (const std::string bad : {"\xC2\x9B"
                                "31mred",
                                "\xC2\x85 next line", "abc \xE2\x80\xAE txt.exe",
                                "\xE2\x81\xA6 isolate \xE2\x81\xA9", "\xE2\x80\x8F rlm"}) {
    CAPTURE(bad);
    auto r = post_feedback(*client, feedback(1, "hq-lobby-1", bad));
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->body.rfind("comment:", 0) == 0);
    auto hb = heartbeat("hq-lobby-1", "2026-11-23T07:59:58Z", 1);
    hb["last_error"] = bad;
    CHECK(post(*client, "/api/v1/heartbeat", hb.dump())->status == 400);
    const json misses = {
        {"kiosk", "hq-lobby-1"},
        {"misses", {{{"query", "to khai " + bad}, {"day", "2026-11-23"}, {"count", 1}}}}};
    CHECK(post(*client, "/api/v1/search-misses", misses.dump())->status == 400);
  }
  // Vietnamese and ordinary punctuation still pass.
  auto ok = post_feedback(*client, feedback(2, "hq-lobby-1", "Cảm ơn — rất tốt! “Tận tình”"));
  REQUIRE(ok);
  CHECK(ok->status == 201);
}

TEST_CASE("uploads: every Unicode digit counts as a digit in a search miss") {
  RunningServer server;
  auto client = server.client();
  for (const std::string query : {"mst \xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93",  // fullwidth １２３
                                  "to khai \xD9\xA3\xD9\xA4",                  // Arabic-Indic ٣٤
                                  "so \xDB\xB5\xDB\xB6",                       // Persian ۵۶
                                  "hang \xE0\xA5\xA8",                         // Devanagari २
                                  "phong \xE2\x91\xA0",                        // circled ①
                                  "tang \xC2\xB2"}) {                          // superscript ²
    CAPTURE(query);
    const json misses = {{"kiosk", "hq-lobby-1"},
                         {"misses", {{{"query", query}, {"day", "2026-11-23"}, {"count", 1}}}}};
    auto r = post(*client, "/api/v1/search-misses", misses.dump());
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->body.find("digits") != std::string::npos);
  }
}

TEST_CASE("uploads: a body with the same key twice is refused") {
  RunningServer server;
  auto client = server.client();
  auto f = feedback(3);
  std::string body = f.dump();
  body.insert(1, "\"rating\":4,");  // two ratings: which one did the visitor give?
  auto r = client->Post("/api/v1/feedback", {{"Idempotency-Key", f["uuid"].get<std::string>()}},
                        body, "application/json");
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(r->body == "body: the field rating appears more than once\n");
  const std::string nested =
      R"({"kiosk":"hq-lobby-1","misses":[{"query":"to khai","query":"x y z","day":"2026-11-23","count":1}]})";
  CHECK(post(*client, "/api/v1/search-misses", nested)->status == 400);
}

TEST_CASE("uploads: a heartbeat sent earlier than the stored one does not replace it") {
  RunningServer server;
  auto client = server.client();
  REQUIRE(
      post(*client, "/api/v1/heartbeat", heartbeat("hq-lobby-1", "2026-11-23T08:00:00Z", 7).dump())
          ->status == 204);
  server.clock().set(server_test::kMonday + 60);
  CHECK(
      post(*client, "/api/v1/heartbeat", heartbeat("hq-lobby-1", "2026-11-23T07:00:00Z", 5).dump())
          ->status == 204);
  auto store = kiosk_server::UploadStore::open(server.db(), false);
  REQUIRE(store);
  auto kiosks = store->kiosks();
  REQUIRE(kiosks);
  REQUIRE(kiosks->size() == 1);
  CHECK(kiosks->at(0).heartbeat.content_version == 7);
  CHECK(kiosks->at(0).heartbeat.sent == "2026-11-23T08:00:00Z");
}

TEST_CASE("csv: formulas behind spaces, look-alike signs and invisible characters are guarded") {
  using kiosk_server::csv_cell;
  for (const std::string formula : {" =1+1", "   +1", "\t=1",
                                    "\xEF\xBC\x9D"
                                    "1+1",  // fullwidth ＝
                                    "\xEF\xBC\x8B"
                                    "1",  // fullwidth ＋
                                    "\xEF\xBC\x8D"
                                    "1",  // fullwidth －
                                    "\xEF\xBC\xA0"
                                    "SUM(A1)",  // fullwidth ＠
                                    "\xEF\xB9\xA6"
                                    "1",  // small ﹦
                                    "\xE2\x88\x92"
                                    "1",                 // minus sign
                                    "\xE2\x80\x8B=1+1",  // zero-width space
                                    "\xEF\xBB\xBF=1+1",  // BOM
                                    "\xC2\xA0=1+1",      // no-break space
                                    "\xE2\x80\x8B"
                                    "hidden"}) {  // anything behind an invisible lead
    CAPTURE(formula);
    CHECK(csv_cell(formula).find('\'') <= 1);
  }
  CHECK(csv_cell("  ok") == "  ok");
  CHECK(csv_cell("Cảm ơn") == "Cảm ơn");
  CHECK(csv_cell("=1,2") == "\"'=1,2\"");
}

TEST_CASE("uploads: control characters stored by older servers never reach the terminal raw") {
  RunningServer server;
  {
    auto store = kiosk_server::UploadStore::open(server.db(), false);
    REQUIRE(store);
    kiosk_server::Heartbeat h;
    h.kiosk = "hq-lobby-1";
    h.app_version = "0.1.0";
    h.last_error =
        "\x1b]0;pwned\x07 \xC2\x9B"
        "2J \xE2\x80\xAE"
        "gnp.exe";
    h.sent = "2026-11-23T07:59:58Z";
    REQUIRE(store->put_heartbeat(h, "2026-11-23T08:00:00Z"));
    kiosk_server::MissBatch batch;
    batch.kiosk = "hq-lobby-1";
    batch.misses.push_back({"\x1b[2Jto khai \xC2\x9B", "2026-11-23", 2});
    REQUIRE(store->merge_misses(batch));
  }
  for (const std::vector<std::string> args : {std::vector<std::string>{"kiosks"},
                                              {"kiosks", "--json"},
                                              {"misses"},
                                              {"misses", "--json"}}) {
    auto full = args;
    full.insert(full.end(), {"--db", server.db().string()});
    const auto r = run_kiosk_server(full);
    CAPTURE(full[0]);
    REQUIRE(r.exit_code == 0);
    CHECK_FALSE(has_c1_or_escape(r.out));
    CHECK(r.out.find("\xEF\xBF\xBD") != std::string::npos);
  }
}

TEST_CASE("quotas: one address cannot invent kiosk ids without end") {
  RunningServer server;
  auto client = server.client();
  int stored = 0, refused = 0;
  for (int i = 0; i < 40; ++i) {
    auto r = post_feedback(*client, feedback(100 + i, "invented-" + std::to_string(i)));
    REQUIRE(r);
    stored += r->status == 201;
    if (r->status == 429) {
      ++refused;
      CHECK(r->has_header("Retry-After"));
    }
  }
  CHECK(stored == kiosk_server::ServerLimits{}.new_kiosks_per_address_per_day);
  CHECK(refused == 40 - stored);
  // A kiosk already known is still served, and a day later there is room again.
  CHECK(post_feedback(*client, feedback(200, "invented-0"))->status == 201);
  server.clock().set(server_test::kMonday + 86400 + 60);
  CHECK(post_feedback(*client, feedback(201, "invented-39"))->status == 201);
}

TEST_CASE("quotas: feedback per kiosk per day; a replay is still answered") {
  kiosk_server::ServerLimits limits;
  limits.feedback_per_kiosk_per_day = 5;
  RunningServer server(server_test::kMonday, limits);
  auto client = server.client();
  for (int i = 0; i < 5; ++i) REQUIRE(post_feedback(*client, feedback(i))->status == 201);
  auto over = post_feedback(*client, feedback(5));
  REQUIRE(over);
  CHECK(over->status == 429);
  CHECK(over->has_header("Retry-After"));
  CHECK(post_feedback(*client, feedback(0))->status == 200);  // replay
  server.clock().set(server_test::kMonday + 86400);
  CHECK(post_feedback(*client, feedback(5))->status == 201);
}

TEST_CASE("quotas: miss counts are capped, and so are distinct queries per kiosk and day") {
  kiosk_server::ServerLimits limits;
  limits.miss_queries_per_kiosk_per_day = 3;
  RunningServer server(server_test::kMonday, limits);
  auto client = server.client();
  json rows = json::array();
  for (const char* q : {"to khai", "thue xnk", "hang mau", "visa dien tu", "mien thue"}) {
    rows.push_back({{"query", q}, {"day", "2026-11-23"}, {"count", 1'000'000}});
  }
  REQUIRE(
      post(*client, "/api/v1/search-misses", json{{"kiosk", "hq-lobby-1"}, {"misses", rows}}.dump())
          ->status == 204);
  auto store = kiosk_server::UploadStore::open(server.db(), false);
  REQUIRE(store);
  auto totals = store->miss_totals(std::nullopt);
  REQUIRE(totals);
  CHECK(totals->size() == 3);
  for (const auto& t : *totals) CHECK(t.count == limits.max_miss_count);
}

TEST_CASE("quotas: heartbeats per kiosk and uploads per address are rate limited") {
  kiosk_server::ServerLimits limits;
  limits.upload_burst = 10;
  limits.upload_per_second = 1;
  RunningServer server(server_test::kMonday, limits);
  auto client = server.client();
  int accepted = 0;
  for (int i = 0; i < 6; ++i) {
    accepted += post(*client, "/api/v1/heartbeat",
                     heartbeat("hq-lobby-1", "2026-11-23T07:59:58Z", i).dump())
                    ->status == 204;
  }
  CHECK(accepted == 3);  // a burst of 3, then one per heartbeat_interval_s
  int limited = 0;
  for (int i = 0; i < 10; ++i) {
    auto r = post_feedback(*client, feedback(300 + i));
    REQUIRE(r);
    if (r->status == 429) {
      ++limited;
      CHECK(std::stoi(r->get_header_value("Retry-After")) >= 1);
    }
  }
  CHECK(limited == 6);  // 10 tokens: 6 heartbeats and 4 feedbacks
  server.clock().set(server_test::kMonday + 30);
  CHECK(post_feedback(*client, feedback(400))->status == 201);
}

TEST_CASE("uploads: a heartbeat from a clock far ahead does not freeze the kiosk's row") {
  RunningServer server;
  auto client = server.client();
  REQUIRE(
      post(*client, "/api/v1/heartbeat", heartbeat("hq-lobby-1", "2099-01-01T00:00:00Z", 1).dump())
          ->status == 204);
  server.clock().set(server_test::kMonday + 60);
  REQUIRE(
      post(*client, "/api/v1/heartbeat", heartbeat("hq-lobby-1", "2026-11-23T08:01:00Z", 2).dump())
          ->status == 204);
  auto store = kiosk_server::UploadStore::open(server.db(), false);
  REQUIRE(store);
  auto kiosks = store->kiosks();
  REQUIRE(kiosks);
  REQUIRE(kiosks->size() == 1);
  CHECK(kiosks->at(0).heartbeat.content_version == 2);
  CHECK(kiosks->at(0).received == "2026-11-23T08:01:00Z");
}

TEST_CASE("quotas: search misses on days a kiosk cannot have are not counted") {
  RunningServer server;
  auto client = server.client();
  json rows = json::array();
  for (const char* day : {"2026-11-23", "2026-10-01", "1999-01-01", "2031-05-05"}) {
    rows.push_back({{"query", "to khai"}, {"day", day}, {"count", 2}});
  }
  REQUIRE(
      post(*client, "/api/v1/search-misses", json{{"kiosk", "hq-lobby-1"}, {"misses", rows}}.dump())
          ->status == 204);
  auto store = kiosk_server::UploadStore::open(server.db(), false);
  REQUIRE(store);
  auto totals = store->miss_totals(std::nullopt);
  REQUIRE(totals);
  REQUIRE(totals->size() == 1);
  CHECK(totals->at(0).count == 2);  // only 2026-11-23: the others are outside the last 31 days
}

TEST_CASE("quotas: a 429 reaches a client whose body is still on its way") {
  kiosk_server::ServerLimits limits;
  limits.upload_burst = 1;
  limits.upload_per_second = 0.01;
  RunningServer server(server_test::kMonday, limits);
  auto client = server.client();
  REQUIRE(post_feedback(*client, feedback(500))->status == 201);
  // The next one is refused at its headers; its 20 KB body must not turn the
  // answer into a reset connection.
  const auto f = feedback(501, "hq-lobby-1", std::string(900, 'a'));
  std::string body = f.dump();
  body += std::string(20000 - body.size(), ' ');
  auto r = client->Post("/api/v1/feedback", {{"Idempotency-Key", f["uuid"].get<std::string>()}},
                        body, "application/json");
  REQUIRE(r);
  CHECK(r->status == 429);
  CHECK(r->has_header("Retry-After"));
}
