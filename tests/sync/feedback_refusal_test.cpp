// Feedback the server refuses, and feedback that cannot be sent for want of
// a kiosk id: kept in the outbox, counted with the reason, said once.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>

#include "content/feedback_outbox.hpp"
#include "fault_server.hpp"
#include "sync_support.hpp"

using namespace synctest;

namespace {

int waiting(const std::filesystem::path& db) {
  auto outbox = content::FeedbackOutbox::open(db);
  REQUIRE(outbox);
  return outbox->pending_count();
}

void add_feedback(const std::filesystem::path& db, int n) {
  auto outbox = content::FeedbackOutbox::open(db);
  REQUIRE(outbox);
  for (int i = 0; i < n; ++i) {
    REQUIRE(outbox->add(1 + i % 4, "", "Góp ý số " + std::to_string(i), published::utc_iso(kT)));
  }
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("feedback: refused by the server: kept, counted with its reason, retried after a pause") {
  Department dept(kT);
  dept.publish();
  FaultServer server(dept.repo());
  std::atomic<bool> refuse{true};
  server.on_post("api/v1/feedback", [&](const httplib::Request& req, httplib::Response& res) {
    if (refuse) {
      res.status = 400;
      res.set_content("kiosk: not known to this server\n", "text/plain");
    } else {
      res.status = 201;
      res.set_content("{\"uuid\":\"" + req.get_header_value("Idempotency-Key") + "\"}",
                      "application/json");
    }
  });
  std::mutex heartbeat_mutex;
  std::string heartbeat;
  server.on_post("api/v1/heartbeat", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(heartbeat_mutex);
    heartbeat = req.body;
    res.status = 204;
  });
  test::TempDir kiosk;
  const auto db = kiosk / "kiosk.db";
  add_feedback(db, 2);

  std::time_t clock = kT;
  auto s = settings(server.url(), db, dept.key().public_key, kT);
  s.kiosk_id = "sanh-chinh-1";
  s.now = [&clock] { return clock; };
  auto transport = published::make_curl_transport();
  published::SyncClient client(s, *transport);

  const auto first = client.run_cycle();
  REQUIRE_MESSAGE(first.content_ok(), first.content_message);
  CHECK(server.requests("api/v1/feedback") == 2);
  CHECK(first.feedback_sent == 0);
  CHECK(first.feedback_refused == 2);
  CHECK(first.feedback_waiting == 2);
  CHECK(first.feedback_refused_reason == "HTTP 400: kiosk: not known to this server");
  CHECK(first.warnings.empty());  // said once, in the report's fields, not per item
  CHECK(waiting(db) == 2);
  {
    std::lock_guard lock(heartbeat_mutex);
    const auto sent = nlohmann::json::parse(heartbeat);
    CHECK(sent["outbox"] == 2);
    CHECK(sent["last_error"].get<std::string>().find(
              "feedback refused by the server: 2 kept in the outbox (HTTP 400: kiosk: not known "
              "to this server)") == 0);
  }

  // The next cycle, five minutes later: not offered again yet, still counted.
  clock += 300;
  const auto second = client.run_cycle();
  CHECK(server.requests("api/v1/feedback") == 2);
  CHECK(second.feedback_refused == 2);
  CHECK(second.feedback_waiting == 2);
  CHECK(second.feedback_refused_reason == first.feedback_refused_reason);

  // An hour after the refusal it is offered again, and now taken.
  clock = kT + 3600;
  refuse = false;
  const auto third = client.run_cycle();
  CHECK(server.requests("api/v1/feedback") == 4);
  CHECK(third.feedback_sent == 2);
  CHECK(third.feedback_refused == 0);
  CHECK(third.feedback_refused_reason.empty());
  CHECK(waiting(db) == 0);
  std::lock_guard lock(heartbeat_mutex);
  CHECK(nlohmann::json::parse(heartbeat)["last_error"] == "");
}

TEST_CASE("feedback: kioskctl sync says once per run what was refused, and keeps it") {
  Department dept(std::time(nullptr));
  dept.publish();
  FaultServer server(dept.repo());
  server.on_post("api/v1/feedback", [](const httplib::Request&, httplib::Response& res) {
    res.status = 422;
    res.set_content("rating: differs from the feedback already stored\n", "text/plain");
  });
  server.on_post("api/v1/heartbeat",
                 [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  test::TempDir kiosk;
  const auto db = kiosk / "kiosk.db";
  add_feedback(db, 3);
  const auto synced =
      test::run_kioskctl({"sync", "--once", "--db", db.string(), "--server", server.url(),
                          "--trust", dept.trust_file().string(), "--kiosk-id", "sanh-chinh-1"});
  CHECK_MESSAGE(synced.exit_code == 0, synced.err);
  CHECK(server.requests("api/v1/feedback") == 3);
  CHECK(count_of(synced.err, "3 feedback refused by the server (HTTP 422: rating: differs") == 1);
  CHECK(count_of(synced.err, "warning") == 1);  // one line, not one per item
  CHECK(waiting(db) == 3);
}

TEST_CASE("feedback: kioskctl sync without --kiosk-id says once that nothing was uploaded") {
  Department dept(std::time(nullptr));
  dept.publish();
  FaultServer server(dept.repo());
  test::TempDir kiosk;
  const auto db = kiosk / "kiosk.db";
  add_feedback(db, 3);
  const auto synced = test::run_kioskctl({"sync", "--once", "--db", db.string(), "--server",
                                          server.url(), "--trust", dept.trust_file().string()});
  CHECK_MESSAGE(synced.exit_code == 0, synced.err);
  CHECK(synced.out.find("updated") == 0);
  CHECK(synced.err ==
        "kioskctl sync: feedback not uploaded: no --kiosk-id given; 3 items wait in the outbox\n");
  CHECK(server.requests("api/v1/feedback") == 0);
  CHECK(waiting(db) == 3);
}
