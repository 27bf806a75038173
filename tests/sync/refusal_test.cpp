// What a kiosk refuses from the server, and that a refusal leaves the
// installed content, its version and its search index as they were, with the
// reason in sync.last_error.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "content/authoring.hpp"
#include "kiosk_fixture.hpp"
#include "sync/item_json.hpp"

using namespace synctest;

namespace {

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("sync refuses a manifest with one byte changed (bad signature)") {
  KioskAtV1 k;
  k.publish_v2();
  std::string bytes = k.dept.envelope(2);
  bytes[bytes.size() - 2] ^= 0x01;  // inside the signed body
  k.dept.serve_head(bytes);
  k.expect_refused(k.sync(), "bad signature");
}

TEST_CASE("sync refuses a manifest without a signature header") {
  KioskAtV1 k;
  k.publish_v2();
  k.dept.serve_head(published::head_json(k.dept.head(2)));
  k.expect_refused(k.sync(), "not signed");
}

TEST_CASE("sync refuses a manifest signed by a key it does not know") {
  KioskAtV1 k;
  Department other;  // the same content, published with another key
  other.publish();
  other.publish();
  FaultServer other_server(other.repo());
  const auto report = sync_once(settings(other_server.url(), k.db(), k.anchor));
  k.expect_refused(report, "unknown key " + other.key().public_key.id);
}

TEST_CASE("sync refuses a version lower than the installed one (rollback)") {
  KioskAtV1 k;
  k.publish_v2();
  REQUIRE(k.sync().content == published::CycleReport::Content::updated);
  const Snapshot v2 = snapshot(k.db());
  REQUIRE(v2.version == 2);
  REQUIRE(v2.faq_question == kNewQuestion);

  k.dept.serve_head(k.dept.envelope(1));  // a replayed, validly signed old head
  const auto report = k.sync();
  CHECK(report.content == published::CycleReport::Content::refused);
  CHECK(report.version == 2);
  CHECK(snapshot(k.db()) == v2);
  CHECK(last_error(k.db()).find("older than the installed 2") != std::string::npos);
}

TEST_CASE("sync refuses the installed version with other content") {
  KioskAtV1 k;
  published::Head head = k.dept.head(1);
  head.expires = published::utc_iso(kT + 40 * kDay);
  k.dept.serve_head(published::seal_envelope(published::head_json(head), k.dept.key()));
  k.expect_refused(k.sync(), "the installed version 1 but other content");
}

TEST_CASE("sync refuses an expired manifest") {
  KioskAtV1 k;
  change_faq(k.dept.content(), kNewQuestion);
  k.dept.publish(/*expires_days=*/1);
  k.expect_refused(k.sync(kT + 3 * kDay), "expired");
}

TEST_CASE("sync refuses an expired manifest even with the clock set back (freeze)") {
  KioskAtV1 k;  // has seen a head published at kT
  // Versions 1 and 2 of the same key, published nine days before kT and
  // expired a day before kT.
  Department old(kT - 9 * kDay);
  old.set_key(k.dept.key());
  old.publish(8);
  change_faq(old.content(), kNewQuestion);
  old.publish(8);
  FaultServer old_server(old.repo());

  const std::time_t set_back = kT - 10 * kDay;
  const auto report = sync_once(settings(old_server.url(), k.db(), k.anchor, set_back));
  k.expect_refused(report, "expired");

  // The same head is fine for a kiosk that has never seen kT: it is the
  // installed head's time that refuses it above, not the head itself.
  test::TempDir fresh;
  const auto control =
      sync_once(settings(old_server.url(), fresh / "kiosk.db", k.anchor, set_back));
  CHECK_MESSAGE(control.content == published::CycleReport::Content::updated,
                control.content_message);
  CHECK(control.version == 2);
}

TEST_CASE("sync refuses an object whose hash is not the pinned one") {
  KioskAtV1 k;
  k.publish_v2();
  const std::string path = faq_object_path(k.dept.content(), kFaq);
  std::string bytes = read_bytes(k.dept.repo() / path);
  REQUIRE(!bytes.empty());
  bytes[bytes.size() / 2] ^= 0x01;
  k.server.set_fault(path, {.body = bytes});
  k.expect_refused(k.sync(), "is not the object the manifest pins");
  CHECK(k.server.requests(path) == 1);
}

TEST_CASE("sync refuses an object longer than the manifest announces") {
  KioskAtV1 k;
  k.publish_v2();
  const std::string path = faq_object_path(k.dept.content(), kFaq);
  const std::string bytes = read_bytes(k.dept.repo() / path);
  k.server.set_fault(path, {.body = bytes + "   "});
  const auto report = k.sync();
  k.expect_refused(report, "bytes expected");
  CHECK(report.content_message.find("more than the " + std::to_string(bytes.size())) !=
        std::string::npos);
}

TEST_CASE("sync refuses an endless object and stops reading it") {
  KioskAtV1 k;
  k.publish_v2();
  const std::string path = faq_object_path(k.dept.content(), kFaq);
  k.server.set_fault(path, {.endless = true});
  const auto report = k.sync();
  k.expect_refused(report, "bytes expected");
  CHECK(report.traffic.received < 1024 * 1024);
}

TEST_CASE("sync falls back to the whole index when a change does not rebuild it") {
  KioskAtV1 k;
  k.publish_v2();
  // Version 2's head, pinning a validly stored change object that changes
  // nothing: applied to version 1 it does not give version 2's index.
  published::Head head = k.dept.head(2);
  REQUIRE(head.changes.size() == 1);
  published::Change empty;
  empty.to = 2;
  const std::string bytes = published::change_json(empty);
  const std::string sha = published::sha256_hex(bytes);
  test::write_file(k.dept.repo() / published::object_path(sha), bytes);
  head.changes[0].object = {sha, bytes.size()};
  k.dept.serve_head(published::seal_envelope(published::head_json(head), k.dept.key()));

  const auto report = k.sync();
  REQUIRE_MESSAGE(report.content == published::CycleReport::Content::updated,
                  report.content_message);
  CHECK(report.version == 2);
  CHECK(report.content_message.find("whole index") != std::string::npos);
  CHECK(k.server.requests(published::object_path(sha)) == 1);
  CHECK(k.server.requests(published::object_path(head.index.sha256)) == 1);
  const Snapshot now = snapshot(k.db());
  CHECK(now.faq_question == kNewQuestion);
  CHECK(now.search_perfume == std::vector<std::string>{kFaq});
}

TEST_CASE("sync refuses a signed head that is not valid JSON") {
  KioskAtV1 k;
  k.dept.serve_head(published::seal_envelope("{\"format\":2,\"version\":", k.dept.key()));
  k.expect_refused(k.sync(), "malformed manifest");
}

TEST_CASE("sync fails, keeping the content, when an object is missing (404)") {
  KioskAtV1 k;
  k.publish_v2();
  const std::string path = faq_object_path(k.dept.content(), kFaq);
  k.server.set_fault(path, {.status = 404, .body = "not found"});
  const auto report = k.sync();
  CHECK(report.content == published::CycleReport::Content::failed);
  CHECK(report.failure == published::Failure::Kind::failed);
  k.expect_kept_v1(report, "HTTP 404");
}

TEST_CASE("sync after a local import: the department's head comes back, its numbers intact") {
  KioskAtV1 k;
  // An import uses the next local number (2) and forgets the manifest.
  test::TempDir tree;
  test::write_small_tree(tree.path());
  {
    auto load = content::load_authoring_tree(tree.path());
    REQUIRE(load.problems.empty());
    auto store = content::ContentStore::open(k.db(), content::OpenMode::read_write);
    REQUIRE(store);
    REQUIRE(store->replace_content(load.set, 2));
  }
  // The department's unchanged version 1 is installed again, not refused.
  const auto again = k.sync();
  CHECK_MESSAGE(again.content == published::CycleReport::Content::updated, again.content_message);
  CHECK(snapshot(k.db()) == k.v1);
  // And its version 2 after that, as if the import had not happened.
  k.publish_v2();
  const auto next = k.sync();
  CHECK_MESSAGE(next.content == published::CycleReport::Content::updated, next.content_message);
  CHECK(snapshot(k.db()).version == 2);
  // An older head is still a rollback, import or not.
  k.dept.serve_head(k.dept.envelope(1));
  const auto old = k.sync();
  CHECK(old.content == published::CycleReport::Content::refused);
  CHECK(old.content_message.find("rollback") != std::string::npos);
  CHECK(snapshot(k.db()).version == 2);
}

TEST_CASE("an update planned against another installed state is refused by the store") {
  KioskAtV1 k;
  k.publish_v2();
  auto store = content::ContentStore::open(k.db(), content::OpenMode::read_write);
  REQUIRE(store);
  content::ContentUpdate update;
  update.version = 2;
  update.expected_manifest_sha256 = std::string(64, '0');  // not what is installed
  const auto s = store->apply_update(update);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("the cache changed") != std::string::npos);
  CHECK(snapshot(k.db()) == k.v1);
}
