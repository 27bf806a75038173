// Feedback from the kiosk's outbox to kiosk-server: exactly once, whatever
// the server or the connection does.
#include <doctest/doctest.h>

#include <atomic>
#include <ctime>
#include <thread>

#include "content/feedback_outbox.hpp"
#include "fault_server.hpp"
#include "sync_support.hpp"
#include "upload_server.hpp"

using namespace synctest;

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

int waiting(const std::filesystem::path& db) {
  auto outbox = content::FeedbackOutbox::open(db);
  REQUIRE(outbox);
  return outbox->pending_count();
}

std::vector<std::string> sync_args(const std::filesystem::path& db, const std::string& url,
                                   const Department& dept) {
  return {"sync",       "--once",      "--db",    db.string(),
          "--server",   url,           "--trust", dept.trust_file().string(),
          "--kiosk-id", "sanh-chinh-1"};
}

// How the answer to the first feedback upload is lost after the server
// stored it.
enum class LostAnswer { never_sent, cut_off };

void answer_lost_after_commit(LostAnswer how) {
  const std::time_t now = std::time(nullptr);
  Department dept(now);
  dept.publish();
  UploadServer upload(dept.repo());
  FaultServer front(dept.repo());
  std::atomic<bool> first{true};
  std::vector<int> statuses;  // what kiosk-server answered, in order
  std::mutex statuses_mutex;
  front.on_post("api/v1/feedback", [&](const httplib::Request& req, httplib::Response& res) {
    httplib::Client client("127.0.0.1", upload.port());
    httplib::Headers headers{{"Idempotency-Key", req.get_header_value("Idempotency-Key")}};
    auto answer = client.Post("/api/v1/feedback", headers, req.body, "application/json");
    if (!answer) {  // no assertion here: this is a server thread
      res.status = 502;
      return;
    }
    {
      std::lock_guard lock(statuses_mutex);
      statuses.push_back(answer->status);
    }
    if (first.exchange(false)) {
      if (how == LostAnswer::never_sent) {
        // Longer than the kiosk waits: it sees no answer at all.
        std::this_thread::sleep_for(std::chrono::milliseconds(1800));
      } else {
        // Headers, then the connection closes before the body.
        res.status = answer->status;
        res.set_content_provider(
            answer->body.size() + 10, "application/json",
            [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
        return;
      }
    }
    res.status = answer->status;
    res.set_content(answer->body, "application/json");
  });

  test::TempDir kiosk;
  const auto db = kiosk / "kiosk.db";
  std::string uuid;
  {
    auto outbox = content::FeedbackOutbox::open(db);
    REQUIRE(outbox);
    auto added = outbox->add(1, "", "Cán bộ hướng dẫn tận tình", published::utc_iso(now));
    REQUIRE(added);
    uuid = *added;
  }
  auto s = settings(front.url(), db, dept.key().public_key, now);
  s.kiosk_id = "sanh-chinh-1";

  published::CurlOptions impatient;
  impatient.total_timeout_s = 1;
  const auto lost = sync_once(s, impatient);
  CHECK(lost.content_ok());
  CHECK(lost.feedback_sent == 0);
  CHECK(lost.feedback_waiting == 1);
  bool warned = false;
  for (const auto& w : lost.warnings) warned |= w.find("feedback upload") != std::string::npos;
  CHECK(warned);
  REQUIRE(upload.feedback().size() == 1);  // stored, though the kiosk never heard so
  CHECK(waiting(db) == 1);

  const auto again = sync_once(s);
  CHECK(again.feedback_sent == 1);
  CHECK(again.feedback_waiting == 0);
  CHECK(waiting(db) == 0);
  const auto rows = upload.feedback();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].feedback.uuid == uuid);
  std::lock_guard lock(statuses_mutex);
  CHECK(statuses == std::vector<int>{201, 200});  // stored, then recognised as a replay
}

}  // namespace

TEST_CASE("feedback: kioskctl feedback add, then sync: stored once and gone from the outbox") {
  Department dept(std::time(nullptr));
  dept.publish();
  UploadServer upload(dept.repo());
  test::TempDir kiosk;
  const auto db = kiosk / "kiosk.db";

  const auto added = test::run_kioskctl(
      {"feedback", "add", "--db", db.string(), "--rating", "2", "--comment", "Chờ hơi lâu"});
  REQUIRE_MESSAGE(added.exit_code == 0, added.err);
  const std::string uuid = trimmed(added.out);
  CHECK(waiting(db) == 1);

  const auto synced = test::run_kioskctl(sync_args(db, upload.url(), dept));
  REQUIRE_MESSAGE(synced.exit_code == 0, synced.err);
  CHECK(synced.out.find("feedback sent 1, waiting 0") != std::string::npos);
  CHECK(waiting(db) == 0);
  auto rows = upload.feedback();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].feedback.uuid == uuid);
  CHECK(rows[0].feedback.rating == 2);
  CHECK(rows[0].feedback.comment == "Chờ hơi lâu");
  CHECK(rows[0].feedback.kiosk == "sanh-chinh-1");

  const auto again = test::run_kioskctl(sync_args(db, upload.url(), dept));
  REQUIRE_MESSAGE(again.exit_code == 0, again.err);
  CHECK(again.out.find("feedback sent 0, waiting 0") != std::string::npos);
  CHECK(upload.feedback().size() == 1);
}

TEST_CASE("feedback: a static server (405) still syncs content and keeps the feedback") {
  Department dept(std::time(nullptr));
  dept.publish();
  FaultServer static_server(dept.repo());
  test::TempDir kiosk;
  const auto db = kiosk / "kiosk.db";
  REQUIRE(test::run_kioskctl({"feedback", "add", "--db", db.string(), "--rating", "1"}).exit_code ==
          0);

  const auto synced = test::run_kioskctl(sync_args(db, static_server.url(), dept));
  CHECK_MESSAGE(synced.exit_code == 0, synced.err);
  CHECK(synced.out.find("updated") == 0);
  CHECK(synced.err.find("warning: feedback upload") != std::string::npos);
  CHECK(synced.err.find("405") != std::string::npos);
  CHECK(static_server.requests("api/v1/feedback") == 1);
  CHECK(waiting(db) == 1);
  CHECK(snapshot(db).version == 1);
}

TEST_CASE("feedback: stored, answer never arrives: resent, 200 for the replay, one row") {
  answer_lost_after_commit(LostAnswer::never_sent);
}

TEST_CASE("feedback: stored, connection cut mid-answer: resent, 200 for the replay, one row") {
  answer_lost_after_commit(LostAnswer::cut_off);
}
