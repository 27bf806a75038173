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
  REQUIRE(published::rotate_key(k.dept.repo(), a, b, kT + 30));
  k.dept.set_key(b);
  k.publish_v2();

  const auto report = k.sync();
  REQUIRE_MESSAGE(report.content == published::CycleReport::Content::updated,
                  report.content_message);
  // Version 2 is version 1 re-signed by B (rotate_key), version 3 the change.
  CHECK(report.version == 3);
  CHECK(k.server.requests(published::rotation_path(b.public_key.id)) == 1);
  const Snapshot v3 = snapshot(k.db());
  CHECK(v3.faq_question == kNewQuestion);

  // Version 4 signed by the retired key A: refused.
  k.dept.serve_head(head_signed_by(k.dept, 4, a));
  const auto old_key = k.sync();
  CHECK(old_key.content == published::CycleReport::Content::refused);
  CHECK(old_key.version == 3);
  CHECK(snapshot(k.db()) == v3);
  CHECK(last_error(k.db()).find(a.public_key.id) != std::string::npos);

  // The same head signed by B is accepted: it was the key that was refused.
  k.dept.serve_head(head_signed_by(k.dept, 4, b));
  const auto new_key_again = k.sync();
  CHECK_MESSAGE(new_key_again.content == published::CycleReport::Content::updated,
                new_key_again.content_message);
  CHECK(new_key_again.version == 4);
}

TEST_CASE("key rotation: a chain A to B to C is followed in one sync") {
  KioskAtV1 k;
  const published::SigningKey a = k.dept.key();
  const published::SigningKey b = new_key();
  const published::SigningKey c = new_key();
  REQUIRE(published::rotate_key(k.dept.repo(), a, b, kT + 30));
  k.dept.set_key(b);
  k.publish_v2();
  REQUIRE(published::rotate_key(k.dept.repo(), b, c, kT + 90));
  k.dept.set_key(c);
  change_faq(k.dept.content(), "Câu hỏi sau hai lần đổi khóa?");
  k.dept.publish();

  const auto report = k.sync();
  REQUIRE_MESSAGE(report.content == published::CycleReport::Content::updated,
                  report.content_message);
  CHECK(report.version == 5);  // two rotations, two publishes
  CHECK(k.server.requests(published::rotation_path(b.public_key.id)) == 1);
  CHECK(k.server.requests(published::rotation_path(c.public_key.id)) == 1);
  CHECK(snapshot(k.db()).faq_question == "Câu hỏi sau hai lần đổi khóa?");

  // Both A and B are retired now.
  k.dept.serve_head(head_signed_by(k.dept, 6, b));
  CHECK(k.sync().content == published::CycleReport::Content::refused);
  k.dept.serve_head(head_signed_by(k.dept, 6, a));
  CHECK(k.sync().content == published::CycleReport::Content::refused);
  CHECK(snapshot(k.db()).version == 5);
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

TEST_CASE("key rotation: only the key that signed the head publishes; a planted head is refused") {
  KioskAtV1 k;
  const published::SigningKey a = k.dept.key();
  const published::SigningKey b = new_key();
  const published::SigningKey x = new_key();  // whoever can write the served folder
  // Before a rotation, B may not publish over A's head.
  const auto refused_b = published::publish(k.dept.content(), k.dept.repo(), b, 30, kT + 60);
  REQUIRE_FALSE(refused_b.ok());
  CHECK(refused_b.error().message.find("rotate-key") != std::string::npos);
  // A head planted by X, with a record by X "introducing" the department's
  // key A: the department's next publish refuses it instead of signing on
  // from X's version number.
  published::Head planted = k.dept.head(1);
  planted.version = published::kMaxVersion;
  planted.changes.clear();
  k.dept.serve_head(published::seal_envelope(published::head_json(planted), x));
  test::write_file(k.dept.repo() / published::rotation_path(a.public_key.id),
                   published::seal_rotation(x, a.public_key, kT + 90));
  const auto refused_a = published::publish(k.dept.content(), k.dept.repo(), a, 30, kT + 120);
  REQUIRE_FALSE(refused_a.ok());
  CHECK(refused_a.error().message.find("signed by key " + x.public_key.id) != std::string::npos);
  // And a kiosk does not take X's head either.
  k.expect_refused(k.sync(), "unknown key " + x.public_key.id);
}
