// What a sync costs on the wire: nothing changed is one conditional request;
// a changed FAQ is the head, one change object and that FAQ's object; a
// kiosk far behind takes the whole index.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "kiosk_fixture.hpp"

using namespace synctest;

namespace {

std::string question(int version) { return "Câu hỏi của phiên bản " + std::to_string(version); }

void copy_cache(const std::filesystem::path& from, const std::filesystem::path& to) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::filesystem::path f = from.string() + suffix;
    if (std::filesystem::exists(f)) std::filesystem::copy_file(f, to.string() + suffix);
  }
}

}  // namespace

TEST_CASE("sync efficiency: nothing changed is one 304 and under 1 KB") {
  KioskAtV1 k;
  const auto report = k.sync();
  CHECK(report.content == published::CycleReport::Content::unchanged);
  CHECK(report.traffic.requests == 1);
  MESSAGE("nothing changed: " << report.traffic.sent << " bytes sent, " << report.traffic.received
                              << " received");
  CHECK(report.traffic.sent + report.traffic.received < 1024);
  const std::vector<std::pair<std::string, int>> expected{{"manifest.signed", 304}};
  CHECK(k.server.answered() == expected);
  CHECK(snapshot(k.db()) == k.v1);
}

TEST_CASE("sync efficiency: one FAQ changed fetches the head, one change and one object") {
  KioskAtV1 k;
  k.publish_v2();
  const published::Head head = k.dept.head(2);
  const std::string change = published::object_path(head.changes.at(0).object.sha256);
  const std::string faq = faq_object_path(k.dept.content(), kFaq);

  const auto report = k.sync();
  REQUIRE_MESSAGE(report.content == published::CycleReport::Content::updated,
                  report.content_message);
  CHECK(report.content_message.find("1 changes") != std::string::npos);
  CHECK(report.objects_fetched == 1);
  CHECK(k.server.requests("manifest.signed") == 1);
  CHECK(k.server.requests(change) == 1);
  CHECK(k.server.requests(faq) == 1);
  CHECK(k.server.requests(published::object_path(head.index.sha256)) == 0);
  CHECK(k.server.total_requests() == 3);
  MESSAGE("one FAQ changed: " << report.traffic.received << " bytes received");
  CHECK(report.traffic.sent + report.traffic.received < 16 * 1024);
  const Snapshot now = snapshot(k.db());
  CHECK(now.version == 2);
  CHECK(now.faq_question == kNewQuestion);
  CHECK(now.search_perfume == std::vector<std::string>{kFaq});
}

TEST_CASE("sync efficiency: a kiosk three versions behind catches up through changes") {
  KioskAtV1 k;
  for (int v = 2; v <= 4; ++v) {
    change_faq(k.dept.content(), question(v));
    k.dept.publish();
  }
  const published::Head head = k.dept.head(4);
  REQUIRE(head.changes.size() == 3);

  const auto report = k.sync();
  REQUIRE_MESSAGE(report.content == published::CycleReport::Content::updated,
                  report.content_message);
  CHECK(report.version == 4);
  CHECK(report.content_message.find("3 changes") != std::string::npos);
  for (const auto& c : head.changes) {
    CHECK(k.server.requests(published::object_path(c.object.sha256)) == 1);
  }
  CHECK(k.server.requests(published::object_path(head.index.sha256)) == 0);
  CHECK(report.objects_fetched == 1);  // the FAQ as it is now, not as it was in between
  CHECK(k.server.total_requests() == 1 + 3 + 1);
  CHECK(snapshot(k.db()).faq_question == question(4));
}

TEST_CASE("sync efficiency: 32 versions behind uses changes, 33 takes the whole index") {
  KioskAtV1 k;
  test::TempDir second;  // another kiosk at version 1
  copy_cache(k.db(), second / "kiosk.db");
  for (int v = 2; v <= 33; ++v) {
    change_faq(k.dept.content(), question(v));
    k.dept.publish();
  }
  const auto near = k.sync();
  REQUIRE_MESSAGE(near.content == published::CycleReport::Content::updated, near.content_message);
  CHECK(near.version == 33);
  CHECK(near.content_message.find("32 changes") != std::string::npos);

  change_faq(k.dept.content(), question(34));
  k.dept.publish();
  const published::Head head = k.dept.head(34);
  CHECK(head.changes.size() == published::kMaxChangesInHead);
  k.server.reset_counts();
  const auto far = sync_once(settings(k.server.url(), second / "kiosk.db", k.anchor, kT + 3600));
  REQUIRE_MESSAGE(far.content == published::CycleReport::Content::updated, far.content_message);
  CHECK(far.version == 34);
  CHECK(far.content_message.find("whole index") != std::string::npos);
  CHECK(k.server.requests(published::object_path(head.index.sha256)) == 1);
  for (const auto& c : head.changes) {
    CHECK(k.server.requests(published::object_path(c.object.sha256)) == 0);
  }
  CHECK(snapshot(second / "kiosk.db").faq_question == question(34));
}

TEST_CASE("sync efficiency: a new kiosk takes the whole version in three requests") {
  Department dept;
  dept.publish();
  FaultServer server(dept.repo());
  test::TempDir kiosk;
  const auto report =
      sync_once(settings(server.url(), kiosk / "kiosk.db", dept.key().public_key, kT + 3600));
  REQUIRE_MESSAGE(report.content == published::CycleReport::Content::updated,
                  report.content_message);
  CHECK(report.content_message.find("from the snapshot") != std::string::npos);
  const published::Head head = dept.head(1);
  REQUIRE(head.snapshot.length > 0);
  CHECK(report.objects_fetched == head.objects);
  // Head, index, snapshot: however many items there are.
  CHECK(server.requests("manifest.signed") == 1);
  CHECK(server.requests(published::object_path(head.index.sha256)) == 1);
  CHECK(server.requests(published::object_path(head.snapshot.sha256)) == 1);
  CHECK(server.total_requests() == 3);
  CHECK(snapshot(kiosk / "kiosk.db").version == 1);
}

TEST_CASE("sync: a snapshot that is not the pinned one is refused, nothing installed") {
  Department dept;
  dept.publish();
  const published::Head head = dept.head(1);
  const auto file = dept.repo() / published::object_path(head.snapshot.sha256);
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes[bytes.size() / 2] ^= 1;  // same length, other bytes
  test::write_file(file, bytes);
  FaultServer server(dept.repo());
  test::TempDir kiosk;
  const auto report =
      sync_once(settings(server.url(), kiosk / "kiosk.db", dept.key().public_key, kT + 3600));
  CHECK(report.content == published::CycleReport::Content::refused);
  CHECK(report.content_message.find(published::object_path(head.snapshot.sha256) +
                                    " is not the object the manifest pins") != std::string::npos);
  CHECK(report.version == 0);
}

TEST_CASE("publish: the snapshot before the current one is deleted, older objects kept") {
  Department dept;
  dept.publish();
  const published::Head first = dept.head(1);
  change_faq(dept.content(), kNewQuestion);
  dept.publish();
  const published::Head second = dept.head(2);
  REQUIRE(first.snapshot.sha256 != second.snapshot.sha256);
  CHECK_FALSE(std::filesystem::exists(dept.repo() / published::object_path(first.snapshot.sha256)));
  CHECK(std::filesystem::exists(dept.repo() / published::object_path(second.snapshot.sha256)));
  CHECK(std::filesystem::exists(dept.repo() / published::object_path(first.index.sha256)));
}
