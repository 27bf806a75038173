// The published repository: keys, signed manifests, publish and verify.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "content/authoring.hpp"
#include "support.hpp"
#include "sync/item_json.hpp"
#include "sync/repository.hpp"
#include "sync/signing.hpp"

namespace {

constexpr std::time_t kNow = 1'795'000'000;  // 2026-11-18

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Published {
  test::TempDir dir;
  published::SigningKey key = *published::generate_key();
  content::ContentSet set;
  Published() {
    test::write_small_tree(dir / "tree");
    auto load = content::load_authoring_tree(dir / "tree");
    REQUIRE(load.problems.empty());
    set = load.set;
    REQUIRE(published::publish(set, repo(), key, 30, kNow).ok());
  }
  std::filesystem::path repo() const { return dir / "repo"; }
};

}  // namespace

TEST_CASE("signing: keygen writes a 0600 secret key and a public key that read back") {
  test::TempDir dir;
  auto key = published::generate_key();
  REQUIRE(key.ok());
  REQUIRE(published::write_key_files(*key, dir / "keys").ok());
  struct stat st {};
  REQUIRE(stat((dir / "keys/signing.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto secret = published::read_signing_key(dir / "keys/signing.key");
  auto pub = published::read_public_key(dir / "keys/signing.pub");
  REQUIRE(secret.ok());
  REQUIRE(pub.ok());
  CHECK(pub->id == key->public_key.id);
  CHECK(secret->public_key.bytes == key->public_key.bytes);
  CHECK_FALSE(published::write_key_files(*key, dir / "keys").ok());  // never overwrites
  test::write_file(dir / "bad.pub", "kiosk-public-key-v1\n0000000000000000 AAAA\n");
  CHECK_FALSE(published::read_public_key(dir / "bad.pub").ok());
}

TEST_CASE("signing: an envelope opens only for its key and only with its exact bytes") {
  auto a = *published::generate_key();
  auto b = *published::generate_key();
  const std::string sealed = published::seal_envelope("{\"x\":1}", a);
  auto body = published::open_envelope(sealed, {a.public_key});
  REQUIRE(body.ok());
  CHECK(*body == "{\"x\":1}");
  const auto unknown = published::open_envelope(sealed, {b.public_key});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("unknown key") != std::string::npos);
  std::string tampered = sealed;
  tampered.back() = '2';
  const auto bad = published::open_envelope(tampered, {a.public_key});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("bad signature") != std::string::npos);
  CHECK_FALSE(published::open_envelope(sealed + " ", {a.public_key}).ok());  // more bytes
  CHECK_FALSE(published::open_envelope("", {a.public_key}).ok());
  CHECK_FALSE(published::open_envelope("kiosk-signed-v1\nkey: x\n", {a.public_key}).ok());
  CHECK_FALSE(published::open_envelope(sealed, {a.public_key}, 10).ok());  // over the cap
}

TEST_CASE("publish then verify: the content comes back whole") {
  Published p;
  auto report = published::verify_repository(p.repo(), p.key.public_key, kNow + 86400);
  REQUIRE(report.ok());
  CHECK(report->head.version == 1);
  CHECK(report->set.size() == p.set.size());
  CHECK(report->set.faqs.size() == p.set.faqs.size());
  CHECK(report->set.documents[0].body_markdown == p.set.documents[0].body_markdown);
}

TEST_CASE("publish: versions grow and an unchanged item is not written again") {
  Published p;
  p.set.faqs[0].answer_markdown += "\nMột dòng mới.";
  auto second = published::publish(p.set, p.repo(), p.key, 30, kNow + 60);
  REQUIRE(second.ok());
  CHECK(second->version == 2);
  CHECK(second->new_objects == 1);  // one FAQ changed: one new object
  CHECK(std::filesystem::exists(p.repo() / "manifests/1.signed"));
  CHECK(std::filesystem::exists(p.repo() / "manifests/2.signed"));
  // Another key cannot publish over this repository.
  auto other = *published::generate_key();
  CHECK_FALSE(published::publish(p.set, p.repo(), other, 30, kNow).ok());
}

TEST_CASE("verify refuses: wrong key, tampered manifest, expired, altered or missing object") {
  Published p;
  auto other = *published::generate_key();
  CHECK_FALSE(published::verify_repository(p.repo(), other.public_key, kNow).ok());

  const auto expired = published::verify_repository(p.repo(), p.key.public_key, kNow + 31 * 86400);
  REQUIRE_FALSE(expired.ok());
  CHECK(expired.error().message.find("expired") != std::string::npos);

  const std::string manifest = slurp(p.repo() / "manifest.signed");
  std::string tampered = manifest;
  tampered[tampered.size() / 2] ^= 1;
  test::write_file(p.repo() / "manifest.signed", tampered);
  CHECK_FALSE(published::verify_repository(p.repo(), p.key.public_key, kNow).ok());
  test::write_file(p.repo() / "manifest.signed", manifest);
  REQUIRE(published::verify_repository(p.repo(), p.key.public_key, kNow).ok());

  // Change one object's bytes: its hash no longer matches the signed manifest.
  auto body = published::open_envelope(manifest, {p.key.public_key});
  auto head = published::parse_head(*body);
  REQUIRE(head.ok());
  auto index = published::parse_index(slurp(p.repo() / published::object_path(head->index.sha256)));
  REQUIRE(index.ok());
  const std::string path = published::object_path((*index)[0].sha256);
  const auto object = p.repo() / path;
  const std::string original = slurp(object);
  test::write_file(object, original + " ");
  const auto longer = published::verify_repository(p.repo(), p.key.public_key, kNow);
  REQUIRE_FALSE(longer.ok());
  CHECK(longer.error().message.find(path + " is larger") != std::string::npos);
  std::string flipped = original;
  flipped[flipped.size() / 2] ^= 1;
  test::write_file(object, flipped);
  const auto altered = published::verify_repository(p.repo(), p.key.public_key, kNow);
  REQUIRE_FALSE(altered.ok());
  CHECK(altered.error().message.find(path + " is not the object the manifest pins") !=
        std::string::npos);
  std::filesystem::remove(object);
  CHECK_FALSE(published::verify_repository(p.repo(), p.key.public_key, kNow).ok());
}

TEST_CASE("manifest parsing is strict and never throws") {
  const std::string sha(64, 'a');
  const std::string good_head =
      "{\"format\":2,\"version\":3,\"published\":\"2026-01-01T00:00:00Z\","
      "\"expires\":\"2026-01-02T00:00:00Z\",\"index\":{\"sha256\":\"" +
      sha + "\",\"length\":10},\"objects\":1,\"changes\":[{\"to\":3,\"sha256\":\"" + sha +
      "\",\"length\":5}]}";
  REQUIRE(published::parse_head(good_head).ok());
  auto without = [&](std::string from, const std::string& part, const std::string& with) {
    const auto at = from.find(part);
    REQUIRE(at != std::string::npos);
    return from.replace(at, part.size(), with);
  };
  for (const std::string& bad :
       {std::string(), std::string("[]"), std::string("{}"), std::string("null"),
        std::string("{\"format\":1}"), without(good_head, "\"format\":2", "\"format\":1"),
        without(good_head, "\"version\":3", "\"version\":\"3\""),
        without(good_head, "\"version\":3", "\"version\":0"),
        without(good_head, "2026-01-02T00:00:00Z", "2026-01-02 00:00:00"),
        without(good_head, "\"to\":3", "\"to\":2"),  // changes must start at the version
        without(good_head, "\"length\":10", "\"length\":0"),
        without(good_head, "\"sha256\":\"" + sha, "\"sha256\":\"" + std::string(64, 'A'))}) {
    CAPTURE(bad);
    CHECK_FALSE(published::parse_head(bad).ok());
  }
  const std::string entry_a =
      "{\"id\":\"a\",\"lang\":\"vi\",\"length\":1,\"sha256\":\"" + sha + "\",\"type\":\"faq\"}";
  const std::string entry_b =
      "{\"id\":\"b\",\"lang\":\"vi\",\"length\":1,\"sha256\":\"" + sha + "\",\"type\":\"faq\"}";
  CHECK(
      published::parse_index("{\"format\":2,\"objects\":[" + entry_a + "," + entry_b + "]}").ok());
  // Out of order, or twice: an index has one canonical form.
  CHECK_FALSE(
      published::parse_index("{\"format\":2,\"objects\":[" + entry_b + "," + entry_a + "]}").ok());
  CHECK_FALSE(
      published::parse_index("{\"format\":2,\"objects\":[" + entry_a + "," + entry_a + "]}").ok());
  CHECK_FALSE(published::parse_change("{\"format\":2,\"to\":2,\"upsert\":{},\"remove\":[]}").ok());
  CHECK(
      published::parse_change("{\"format\":2,\"to\":2,\"upsert\":[" + entry_a + "],\"remove\":[]}")
          .ok());
}

TEST_CASE("index: diff and apply_change turn one index into the other, bytes and all") {
  auto entry = [](const char* id, char hash, content::Lang lang = content::Lang::vi) {
    return published::IndexEntry{{content::ItemType::faq, id, lang}, std::string(64, hash), 10};
  };
  std::vector<published::IndexEntry> from{entry("a", '1'), entry("b", '2'), entry("c", '3'),
                                          entry("c", '4', content::Lang::en)};
  std::vector<published::IndexEntry> to{entry("a", '1'), entry("b", '5'), entry("d", '6'),
                                        entry("c", '4', content::Lang::en)};
  published::sort_entries(from);
  published::sort_entries(to);
  const auto change = published::diff(from, to, 7);
  CHECK(change.to == 7);
  REQUIRE(change.upserts.size() == 2);  // b changed, d new
  CHECK(change.upserts[0].key.id == "b");
  CHECK(change.upserts[1].key.id == "d");
  REQUIRE(change.removals.size() == 1);  // c in vi only
  CHECK(change.removals[0].id == "c");
  CHECK(change.removals[0].lang == content::Lang::vi);
  const auto rebuilt = published::apply_change(from, change);
  CHECK(published::index_json(rebuilt) == published::index_json(to));
  auto parsed = published::parse_change(published::change_json(change));
  REQUIRE(parsed.ok());
  CHECK(published::index_json(published::apply_change(from, *parsed)) == published::index_json(to));
}

TEST_CASE("objects: canonical bytes round-trip every type") {
  test::TempDir dir;
  test::write_small_tree(dir.path());
  const auto load = content::load_authoring_tree(dir.path());
  REQUIRE(load.problems.empty());
  content::ContentSet back;
  auto round = [&](const auto& item) {
    const std::string bytes = published::object_bytes(item);
    auto parsed = published::parse_object(bytes);
    REQUIRE(parsed.ok());
    published::add_to_set(std::move(parsed).value(), back);
  };
  for (const auto& i : load.set.categories) round(i);
  for (const auto& i : load.set.documents) round(i);
  for (const auto& i : load.set.faqs) round(i);
  for (const auto& i : load.set.services) round(i);
  for (const auto& i : load.set.announcements) round(i);
  for (const auto& i : load.set.offices) round(i);
  CHECK(back.size() == load.set.size());
  CHECK(published::object_bytes(back.documents[0]) ==
        published::object_bytes(load.set.documents[0]));
  CHECK_FALSE(published::parse_object("{\"type\":\"faq\"}").ok());
  CHECK_FALSE(published::parse_object("not json").ok());
  CHECK_FALSE(
      published::parse_object("{\"type\":\"faq\",\"id\":\"f\",\"lang\":\"vi\",\"title\":3}").ok());
  // A signed object is held to the authoring format's rules all the same.
  const std::string faq = published::object_bytes(load.set.faqs[0]);
  auto with_title = [&](const std::string& title) {
    auto j = faq;
    const auto at = j.find("\"title\":\"") + 9;
    return j.replace(at, j.find('"', at) - at, title);
  };
  CHECK(published::parse_object(with_title("Câu hỏi")).ok());
  for (const std::string& bad : {std::string("C\\u0001u"), std::string(600, 'a'),
                                 std::string("Ca\u0302u")}) {  // control, too long, NFD
    CAPTURE(bad);
    const auto parsed = published::parse_object(with_title(bad));
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message.find("title") != std::string::npos);
  }
}

TEST_CASE("kioskctl keygen, publish, verify from the shell") {
  test::TempDir dir;
  auto r = test::run_kioskctl({"keygen", "--out", (dir / "keys").string()});
  REQUIRE(r.exit_code == 0);
  r = test::run_kioskctl({"publish", test::demo_tree().string(), "--repo", (dir / "repo").string(),
                          "--key", (dir / "keys/signing.key").string(), "--expires-days", "7"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("published version 1") != std::string::npos);
  r = test::run_kioskctl({"verify", "--repo", (dir / "repo").string(), "--trust",
                          (dir / "keys/signing.pub").string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("ok: version 1") != std::string::npos);
  r = test::run_kioskctl({"publish", test::demo_tree().string(), "--repo", (dir / "repo").string(),
                          "--key", (dir / "keys/signing.key").string(), "--expires-days", "0"});
  CHECK(r.exit_code == 2);
  r = test::run_kioskctl({"verify", "--repo", (dir / "nothing").string(), "--trust",
                          (dir / "keys/signing.pub").string()});
  CHECK(r.exit_code == 1);
  CHECK_FALSE(r.err.empty());
}
