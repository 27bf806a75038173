// POST /api/v1/feedback: stored once, forever, whatever is replayed.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "kiosk_server/upload_store.hpp"
#include "support.hpp"

using nlohmann::json;
using server_test::RunningServer;

namespace {

const std::string kUuid = "3f2c6a1e-9b7d-4c2a-8e4f-0a1b2c3d4e5f";

json feedback(const std::string& uuid = kUuid) {
  return {{"uuid", uuid},
          {"kiosk", "hq-lobby-1"},
          {"rating", 2},
          {"service", "thu-tuc-hai-quan"},
          {"comment", "Nhân viên hướng dẫn tận tình"},
          {"created", "2026-11-23T07:59:30Z"}};
}

httplib::Result post(httplib::Client& client, const std::string& body,
                     const std::string& key = kUuid) {
  httplib::Headers headers;
  if (!key.empty()) headers.emplace("Idempotency-Key", key);
  return client.Post("/api/v1/feedback", headers, body, "application/json");
}

std::vector<kiosk_server::StoredFeedback> stored(const RunningServer& server) {
  auto store = kiosk_server::UploadStore::open(server.db(), false);
  REQUIRE(store);
  auto rows = store->feedback();
  REQUIRE(rows);
  return *rows;
}

}  // namespace

TEST_CASE("feedback: first upload is 201 and stored with when it was received") {
  RunningServer server;
  auto client = server.client();
  auto r = post(*client, feedback().dump());
  REQUIRE(r);
  CHECK(r->status == 201);
  const auto rows = stored(server);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].feedback.uuid == kUuid);
  CHECK(rows[0].feedback.kiosk == "hq-lobby-1");
  CHECK(rows[0].feedback.rating == 2);
  CHECK(rows[0].feedback.service == "thu-tuc-hai-quan");
  CHECK(rows[0].feedback.comment == "Nhân viên hướng dẫn tận tình");
  CHECK(rows[0].feedback.created == "2026-11-23T07:59:30Z");
  CHECK(rows[0].received == "2026-11-23T08:00:00Z");
}

TEST_CASE("feedback: the same key and body again is 200 and nothing is stored again") {
  RunningServer server;
  auto client = server.client();
  REQUIRE(post(*client, feedback().dump())->status == 201);
  server.clock().set(server_test::kMonday + 3600);
  // Same content, other key order, spacing and escapes: still the same feedback.
  const std::string reordered =
      "{ \"created\":\"2026-11-23T07:59:30Z\", \"comment\":\"Nh\\u00e2n vi\\u00ean "
      "h\\u01b0\\u1edbng"
      " d\\u1eabn t\\u1eadn t\\u00ecnh\", \"service\":\"thu-tuc-hai-quan\", \"rating\":2,"
      " \"kiosk\":\"hq-lobby-1\", \"uuid\":\"" +
      kUuid + "\" }";
  auto r = post(*client, reordered);
  REQUIRE(r);
  CHECK(r->status == 200);
  const auto rows = stored(server);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].received == "2026-11-23T08:00:00Z");
}

TEST_CASE("feedback: a comment in NFD is the same feedback as in NFC") {
  RunningServer server;
  auto client = server.client();
  auto nfc = feedback();
  nfc["comment"] = "Tốt";
  auto nfd = feedback();
  nfd["comment"] = "To\xcc\x82\xcc\x81t";  // o + circumflex + acute
  REQUIRE(post(*client, nfd.dump())->status == 201);
  CHECK(post(*client, nfc.dump())->status == 200);
  CHECK(stored(server)[0].feedback.comment == "Tốt");
}

TEST_CASE("feedback: the same key with a different body is 422 naming the field") {
  RunningServer server;
  auto client = server.client();
  REQUIRE(post(*client, feedback().dump())->status == 201);
  auto changed = feedback();
  changed["rating"] = 4;
  auto r = post(*client, changed.dump());
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(r->body.rfind("rating: ", 0) == 0);
  changed = feedback();
  changed["comment"] = "khác";
  r = post(*client, changed.dump());
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(r->body.rfind("comment: ", 0) == 0);
  const auto rows = stored(server);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].feedback.rating == 2);
}

TEST_CASE("feedback: a uuid that differs from the Idempotency-Key is 400") {
  RunningServer server;
  auto client = server.client();
  auto r = post(*client, feedback().dump(), "0f2c6a1e-9b7d-4c2a-8e4f-0a1b2c3d4e5f");
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(r->body == "uuid: must equal the Idempotency-Key header\n");
  CHECK(stored(server).empty());
}

TEST_CASE("feedback: a missing or malformed Idempotency-Key is 400") {
  RunningServer server;
  auto client = server.client();
  auto r = post(*client, feedback().dump(), "");
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK(r->body.rfind("Idempotency-Key: ", 0) == 0);
  for (const std::string key : {"3F2C6A1E-9B7D-4C2A-8E4F-0A1B2C3D4E5F",  // upper case
                                "3f2c6a1e-9b7d-1c2a-8e4f-0a1b2c3d4e5f",  // version 1
                                "3f2c6a1e-9b7d-4c2a-7e4f-0a1b2c3d4e5f",  // variant
                                "3f2c6a1e9b7d4c2a8e4f0a1b2c3d4e5f", "not-a-uuid"}) {
    CAPTURE(key);
    auto body = feedback(key);
    r = post(*client, body.dump(), key);
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->body.rfind("Idempotency-Key: ", 0) == 0);
  }
  CHECK(stored(server).empty());
}

TEST_CASE("feedback: each bad field is 400 with a one-line reason naming it") {
  RunningServer server;
  auto client = server.client();
  struct Case {
    const char* field;
    json value;  // null: remove the field
  };
  const Case cases[] = {
      {"kiosk", ""},
      {"kiosk", "HQ-Lobby"},
      {"kiosk", std::string(65, 'a')},
      {"kiosk", "hq lobby"},
      {"kiosk", 7},
      {"kiosk", nullptr},
      {"rating", 0},
      {"rating", 5},
      {"rating", "2"},
      {"rating", 2.5},
      {"rating", nullptr},
      {"service", "Thu tuc"},
      {"service", std::string(65, 's')},
      {"service", nullptr},
      {"comment", std::string(1001, 'x')},
      {"comment",
       "a\x01"
       "b"},
      {"comment", 12},
      {"comment", nullptr},
      {"created", "2026-11-23 08:00:00"},
      {"created", "2026-11-23T08:00:00+07:00"},
      {"created", "2026-02-30T08:00:00Z"},
      {"created", "2026-11-23T24:00:00Z"},
      {"created", "2026-11-23T08:00:00.123Z"},
      {"created", nullptr},
      {"uuid", nullptr},
      {"extra", "field"},
  };
  for (const auto& c : cases) {
    auto body = feedback();
    if (c.value.is_null()) {
      body.erase(c.field);
    } else {
      body[c.field] = c.value;
    }
    CAPTURE(body.dump());
    auto r = post(*client, body.dump());
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->body.rfind(std::string(c.field) + ": ", 0) == 0);
    CHECK(r->body.find('\n') == r->body.size() - 1);
  }
  for (const std::string bad : {"", "{", "[]", "\"text\"", "{\"uuid\":\"\xff\"}", "null"}) {
    CAPTURE(bad);
    auto r = post(*client, bad);
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->body.rfind("body: ", 0) == 0);
  }
  CHECK(stored(server).empty());
}

TEST_CASE("feedback: a comment of exactly 1000 bytes is accepted") {
  RunningServer server;
  auto client = server.client();
  auto body = feedback();
  body["comment"] = std::string(997, 'x') + "ố";  // ố is 3 bytes
  REQUIRE(post(*client, body.dump())->status == 201);
  CHECK(stored(server)[0].feedback.comment.size() == 1000);
}

TEST_CASE("feedback: a body over 64 KiB is 413; one of exactly 64 KiB is read") {
  RunningServer server;
  auto client = server.client();
  auto r = post(*client, std::string(64 * 1024 + 1, ' '));
  REQUIRE(r);
  CHECK(r->status == 413);
  std::string padded = feedback().dump();
  padded.append(64 * 1024 - padded.size(), ' ');
  r = post(*client, padded);
  REQUIRE(r);
  CHECK(r->status == 201);
}

TEST_CASE("feedback: a body that is not application/json is 415") {
  RunningServer server;
  auto client = server.client();
  auto r = client->Post("/api/v1/feedback", {{"Idempotency-Key", kUuid}}, feedback().dump(),
                        "text/plain");
  REQUIRE(r);
  CHECK(r->status == 415);
  r = client->Post("/api/v1/feedback", {{"Idempotency-Key", kUuid}}, feedback().dump(),
                   "application/json; charset=utf-8");
  REQUIRE(r);
  CHECK(r->status == 201);
}

TEST_CASE("feedback: wrong methods are 405, unknown API paths 404") {
  RunningServer server;
  auto client = server.client();
  auto r = client->Get("/api/v1/feedback");
  REQUIRE(r);
  CHECK(r->status == 405);
  CHECK(r->get_header_value("Allow") == "POST");
  r = client->Put("/api/v1/feedback", feedback().dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 405);
  r = client->Post("/api/v1/feedbacks", feedback().dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 404);
  r = client->Post("/api/v2/feedback", feedback().dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 404);
}

TEST_CASE("feedback: 50 concurrent replays of one key from 4 threads store exactly one row") {
  RunningServer server;
  const std::string body = feedback().dump();
  std::atomic<int> created{0};
  std::atomic<int> replayed{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto client = server.client();
      const int sends = t < 2 ? 13 : 12;  // 50 in all
      for (int i = 0; i < sends; ++i) {
        auto r = post(*client, body);
        if (r && r->status == 201) {
          ++created;
        } else if (r && r->status == 200) {
          ++replayed;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(created == 1);
  CHECK(replayed == 49);
  CHECK(other == 0);
  CHECK(stored(server).size() == 1);
}

TEST_CASE("feedback: the log never holds the comment") {
  RunningServer server;
  auto client = server.client();
  auto body = feedback();
  body["comment"] = "số điện thoại của tôi";
  REQUIRE(post(*client, body.dump())->status == 201);
  server.stop();
  const auto log = server.log();
  REQUIRE(log.size() == 1);
  CHECK(log[0] == "2026-11-23T08:00:00Z POST /api/v1/feedback 201 " +
                      std::to_string(std::string("{\"uuid\":\"" + kUuid + "\"}").size()));
}
