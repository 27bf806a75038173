#include <doctest/doctest.h>

#include "content/authoring.hpp"
#include "content/store.hpp"
#include "support.hpp"

using content::Lang;

namespace {
struct SmallStore {
  test::TempDir dir;
  content::ContentStore store;
  SmallStore() : store(make()) {}
  content::ContentStore make() {
    test::write_small_tree(dir / "tree");
    return test::import_tree(dir / "tree", dir / "c.db");
  }
};
}  // namespace

TEST_CASE("read: categories in order with counts, in the chosen language") {
  SmallStore s;
  const auto vi = s.store.categories(Lang::vi);
  REQUIRE(vi.size() == 2);
  CHECK(vi[0].id == "cat-khai-bao");
  CHECK(vi[0].document_count == 3);
  CHECK(vi[1].title == "Hành lý");
  CHECK(vi[1].faq_count == 2);
  const auto en = s.store.categories(Lang::en);
  REQUIRE(en.size() == 2);
  CHECK(en[1].title == "Luggage");
  CHECK(en[1].lang == Lang::en);
  // Only in Vietnamese: shown to English readers with its language marked.
  CHECK(en[0].lang == Lang::vi);
}

TEST_CASE("read: documents of a category, newest first; one document whole") {
  SmallStore s;
  const auto docs = s.store.documents_in("cat-khai-bao", Lang::vi);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "doc-duong-lich");  // 2025
  CHECK(docs[1].number == "628/QĐ-TTg");  // 2024
  const auto d = s.store.document("doc-628", Lang::vi);
  REQUIRE(d.has_value());
  CHECK(d->issuer == "Thủ tướng Chính phủ");
  CHECK(d->issued == "2024-07-10");
  CHECK(d->tags == std::vector<std::string>{"hải quan số", "đề án"});
  CHECK(d->body_markdown.find("**hải quan số**") != std::string::npos);
  CHECK(d->source_url == "https://example.gov.vn/628");
  const auto bien = s.store.document("doc-duong-bien", Lang::vi);
  REQUIRE(bien.has_value());
  CHECK(bien->expired_on("2026-11-23"));
  CHECK_FALSE(d->expired_on("2026-11-23"));
  CHECK_FALSE(s.store.document("doc-nope", Lang::vi).has_value());
  CHECK_FALSE(s.store.document("faq-mien-thue", Lang::vi).has_value());
}

TEST_CASE("read: FAQs with answers; language fallback per item") {
  SmallStore s;
  const auto en = s.store.faqs_with_answers_in("cat-hanh-ly", Lang::en);
  REQUIRE(en.size() == 2);
  CHECK(en[0].question == "What is the duty-free allowance?");
  CHECK(en[1].lang == Lang::vi);  // no English version
  CHECK(s.store.faqs_in("cat-hanh-ly", Lang::vi).size() == 2);
  const auto f = s.store.faq("faq-mien-thue", Lang::vi);
  REQUIRE(f.has_value());
  CHECK(f->answer_markdown.find("1,5 lít") != std::string::npos);
}

TEST_CASE("read: services, office and announcements by local time") {
  SmallStore s;
  const auto services = s.store.services(Lang::en);
  REQUIRE(services.size() == 1);
  CHECK(services[0].prefix == "A");
  const auto office = s.store.office(Lang::vi);
  REQUIRE(office.has_value());
  CHECK(office->hours.size() == 1);
  CHECK(office->address == "1 Đường Cảng");
  CHECK(s.store.announcements_at("2026-11-30T23:59", Lang::vi).empty());
  CHECK(s.store.announcements_at("2026-12-01T00:00", Lang::vi).size() == 1);
  CHECK(s.store.announcements_at("2027-02-28T17:00", Lang::vi).size() == 1);
  CHECK(s.store.announcements_at("2027-02-28T17:01", Lang::vi).empty());
}

TEST_CASE("read: a read-only reader sees content while a writer replaces it") {
  test::TempDir dir;
  test::write_small_tree(dir / "tree");
  auto writer = test::import_tree(dir / "tree", dir / "c.db");
  auto reader = content::ContentStore::open(dir / "c.db", content::OpenMode::read_only);
  REQUIRE(reader.ok());
  CHECK(reader->stats().faqs == 2);
  auto load = content::load_authoring_tree(dir / "tree");
  load.set.faqs.pop_back();
  REQUIRE(writer.replace_content(load.set, 2).ok());
  CHECK(reader->stats().faqs == 1);
  CHECK(reader->stats().content_version == 2);
  CHECK_FALSE(reader->replace_content(load.set, 3).ok());
}

TEST_CASE("write: the installed content version only grows") {
  test::TempDir dir;
  test::write_small_tree(dir / "tree");
  auto store = test::import_tree(dir / "tree", dir / "c.db");  // version 1
  auto load = content::load_authoring_tree(dir / "tree");
  load.set.faqs.pop_back();
  const auto same = store.replace_content(load.set, 1);
  REQUIRE_FALSE(same.ok());
  CHECK(same.error().message == "content version 1 is not newer than the installed 1");
  CHECK(store.stats().faqs == 2);  // nothing changed
  CHECK(store.replace_content(load.set, 2).ok());
  CHECK(store.stats().faqs == 1);
}
