// What the real transport (libcurl over loopback HTTP) makes of a server
// that fails, redirects, stalls or hangs up, and of URLs it must not use.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "kiosk_fixture.hpp"

using namespace synctest;

namespace {

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("sync: 500, 503 and 429 are transient, with the server's Retry-After") {
  struct Case {
    int status;
    std::string retry_after;
    int expected;
  };
  for (const Case& c : {Case{503, "120", 120}, Case{429, "30", 30}, Case{500, "", -1}}) {
    CAPTURE(c.status);
    KioskAtV1 k;
    k.publish_v2();
    Fault fault{.status = c.status, .body = "busy\n"};
    if (!c.retry_after.empty()) fault.headers = {{"Retry-After", c.retry_after}};
    k.server.set_fault("manifest.signed", fault);
    const auto report = k.sync();
    CHECK(report.content == published::CycleReport::Content::failed);
    CHECK(report.failure == published::Failure::Kind::transient);
    CHECK(report.retry_after_s == c.expected);
    k.expect_kept_v1(report, "HTTP " + std::to_string(c.status));
  }
}

TEST_CASE("sync refuses a redirect to another host") {
  KioskAtV1 k;
  k.publish_v2();
  // localhost is this very server, but another name: not followed.
  k.server.set_fault(
      "manifest.signed",
      {.status = 302,
       .headers = {{"Location",
                    "http://localhost:" + std::to_string(k.server.port()) + "/manifest.signed"}}});
  k.expect_refused(k.sync(), "redirect");
  CHECK(k.server.requests("manifest.signed") == 1);
}

TEST_CASE("sync follows a redirect on the same host") {
  KioskAtV1 k;
  k.publish_v2();
  k.server.set_fault("manifest.signed",
                     {.status = 302, .headers = {{"Location", "/mirror/manifest.signed"}}});
  const auto report = k.sync();
  REQUIRE_MESSAGE(report.content == published::CycleReport::Content::updated,
                  report.content_message);
  CHECK(report.version == 2);
  CHECK(k.server.requests("manifest.signed") == 1);
  CHECK(k.server.requests("mirror/manifest.signed") == 1);
  CHECK(snapshot(k.db()).faq_question == kNewQuestion);
}

TEST_CASE("sync gives up a stalled transfer as transient (low-speed limit)") {
  KioskAtV1 k;
  k.publish_v2();
  const std::string path = faq_object_path(k.dept.content(), kFaq);
  k.server.set_fault(path, {.trickle = true});
  published::CurlOptions options;
  options.low_speed_time_s = 2;
  options.total_timeout_s = 120;
  const auto report = k.sync(kT + 3600, options);
  CHECK(report.content == published::CycleReport::Content::failed);
  CHECK(report.failure == published::Failure::Kind::transient);
  // The low-speed limit ended it, not the total timeout.
  CHECK_MESSAGE(report.content_message.find("too slow") != std::string::npos,
                report.content_message);
  k.expect_kept_v1(report, "stalled");
}

TEST_CASE("sync gives up at once when cancelled, even while the server says nothing") {
  // The app stopping on SIGTERM: the worker's transfer must end well within
  // the 2 s the app has, though libcurl's progress callback runs only about
  // once a second on a silent connection.
  KioskAtV1 k;
  k.publish_v2();
  k.server.set_fault("manifest.signed", {.delay = std::chrono::seconds(30)});
  std::atomic<bool> cancel{false};
  published::CurlOptions options;
  options.cancel = &cancel;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel = true;
  });
  const auto start = std::chrono::steady_clock::now();
  const auto report = k.sync(kT + 3600, options);
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stopper.join();
  CHECK(report.content == published::CycleReport::Content::failed);
  CHECK_MESSAGE(report.content_message.find("cancelled") != std::string::npos,
                report.content_message);
  CHECK(took < 1.5);  // the delay is 30 s; cancelled 0.3 s in
  k.expect_kept_v1(report, "cancelled");
}

TEST_CASE("sync fails without harm on a body shorter than its Content-Length") {
  KioskAtV1 k;
  k.publish_v2();
  const std::string path = faq_object_path(k.dept.content(), kFaq);
  const std::string bytes = read_bytes(k.dept.repo() / path);
  k.server.set_fault(path,
                     {.body = bytes.substr(0, bytes.size() / 2), .claimed_length = bytes.size()});
  const auto report = k.sync();
  CHECK(report.content == published::CycleReport::Content::failed);
  CHECK(report.failure == published::Failure::Kind::transient);
  k.expect_kept_v1(report, path);
}

TEST_CASE("sync refuses a plain-http server URL that is not this computer") {
  KioskAtV1 k;
  k.publish_v2();
  auto s = settings("http://example.com/", k.db(), k.anchor, kT + 3600);
  const auto report = sync_once(s);
  CHECK(report.traffic.requests == 0);
  CHECK(k.server.total_requests() == 0);
  k.expect_refused(report, "https://");
  CHECK(!published::check_server_url("http://example.com/"));
  CHECK(!published::check_server_url("ftp://127.0.0.1/"));
  CHECK(published::check_server_url("https://example.com/"));
  CHECK(published::check_server_url("http://127.0.0.1:8080/"));
}

TEST_CASE("sync installs and updates from a file:// repository") {
  Department dept;
  dept.publish();
  test::TempDir kiosk;
  const std::string url = "file://" + dept.repo().string();
  auto first = sync_once(settings(url, kiosk / "kiosk.db", dept.key().public_key));
  REQUIRE_MESSAGE(first.content == published::CycleReport::Content::updated, first.content_message);
  CHECK(snapshot(kiosk / "kiosk.db").faq_question == kFaqQuestion);

  change_faq(dept.content(), kNewQuestion);
  dept.publish();
  auto second = sync_once(settings(url, kiosk / "kiosk.db", dept.key().public_key));
  REQUIRE_MESSAGE(second.content == published::CycleReport::Content::updated,
                  second.content_message);
  CHECK(second.version == 2);
  CHECK(second.content_message.find("1 changes") != std::string::npos);
  CHECK(snapshot(kiosk / "kiosk.db").faq_question == kNewQuestion);
}
