// Key rotation as a kiosk meets it: a new key introduced by the old one is
// learned in passing, the old one is then refused, and a record not signed
// by a trusted key introduces nothing.
#include <doctest/doctest.h>

#include "kiosk_fixture.hpp"
#include "sync/key_rotation.hpp"

using namespace synctest;

namespace {

// Version `version` with the content of the head before it, signed by `key`.
std::string head_signed_by(const Department& dept, std::int64_t version,
                           const published::SigningKey& key) {
  published::Head head = dept.head(version - 1);
  head.version = version;
  head.changes.clear();
  head.published = published::utc_iso(dept.last_published() + 60);
  return published::seal_envelope(published::head_json(head), key);
}

}  // namespace

TEST_CASE("key rotation: a kiosk accepts the new key, then refuses the old one") {
  KioskAtV1 k;
  const published::SigningKey a = k.dept.key();
  const published::SigningKey b = new_key();
  REQUIRE(published::rotate_key(k.dept.repo(), a, b.public_key, kT + 30));
  k.dept.set_key(b);
  k.publish_v2();

  const auto report = k.sync();
  REQUIRE_MESSAGE(report.content == published::CycleReport::Content::updated,
                  report.content_message);
  CHECK(report.version == 2);
  CHECK(k.server.requests(published::rotation_path(b.public_key.id)) == 1);
  const Snapshot v2 = snapshot(k.db());
  CHECK(v2.faq_question == kNewQuestion);

  // Version 3 signed by the retired key A: refused.
  k.dept.serve_head(head_signed_by(k.dept, 3, a));
  const auto old_key = k.sync();
  CHECK(old_key.content == published::CycleReport::Content::refused);
  CHECK(old_key.version == 2);
  CHECK(snapshot(k.db()) == v2);
  CHECK(last_error(k.db()).find(a.public_key.id) != std::string::npos);

  // The same head signed by B is accepted: it was the key that was refused.
  k.dept.serve_head(head_signed_by(k.dept, 3, b));
  const auto new_key_again = k.sync();
  CHECK_MESSAGE(new_key_again.content == published::CycleReport::Content::updated,
                new_key_again.content_message);
  CHECK(new_key_again.version == 3);
}

TEST_CASE("key rotation: a chain A to B to C is followed in one sync") {
  KioskAtV1 k;
  const published::SigningKey a = k.dept.key();
  const published::SigningKey b = new_key();
  const published::SigningKey c = new_key();
  REQUIRE(published::rotate_key(k.dept.repo(), a, b.public_key, kT + 30));
  k.dept.set_key(b);
  k.publish_v2();
  REQUIRE(published::rotate_key(k.dept.repo(), b, c.public_key, kT + 150));
  k.dept.set_key(c);
  change_faq(k.dept.content(), "Câu hỏi sau hai lần đổi khóa?");
  k.dept.publish();

  const auto report = k.sync();
  REQUIRE_MESSAGE(report.content == published::CycleReport::Content::updated,
                  report.content_message);
  CHECK(report.version == 3);
  CHECK(k.server.requests(published::rotation_path(b.public_key.id)) == 1);
  CHECK(k.server.requests(published::rotation_path(c.public_key.id)) == 1);
  CHECK(snapshot(k.db()).faq_question == "Câu hỏi sau hai lần đổi khóa?");

  // Both A and B are retired now.
  k.dept.serve_head(head_signed_by(k.dept, 4, b));
  CHECK(k.sync().content == published::CycleReport::Content::refused);
  k.dept.serve_head(head_signed_by(k.dept, 4, a));
  CHECK(k.sync().content == published::CycleReport::Content::refused);
  CHECK(snapshot(k.db()).version == 3);
}

TEST_CASE("key rotation: a record signed by an unknown key is refused") {
  KioskAtV1 k;
  k.publish_v2();
  const published::SigningKey x = new_key();  // not the department's
  const published::SigningKey m = new_key();
  // Version 2 re-signed by M, which a record signed by X introduces.
  const std::string v2_by_m = published::seal_envelope(published::head_json(k.dept.head(2)), m);
  k.dept.serve_head(v2_by_m);
  std::string record = published::seal_rotation(x, m.public_key, kT + 90);
  test::write_file(k.dept.repo() / published::rotation_path(m.public_key.id), record);

  SUBCASE("the record names its real signer") {
    k.expect_refused(k.sync(), "unknown key " + x.public_key.id);
  }
  SUBCASE("the record claims to come from the department's key") {
    const std::string from = "key: " + x.public_key.id;
    record.replace(record.find(from), from.size(), "key: " + k.anchor.id);
    test::write_file(k.dept.repo() / published::rotation_path(m.public_key.id), record);
    k.expect_refused(k.sync(), "bad signature");
  }
}
