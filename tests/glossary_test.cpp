// Abbreviations and synonyms (content/glossary.hpp), the visitor's search
// with its fallbacks (content/visitor_search.hpp) and the keys as typed.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "content/authoring.hpp"
#include "content/glossary.hpp"
#include "content/store.hpp"
#include "content/text.hpp"
#include "content/visitor_search.hpp"
#include "kiosk/telex.hpp"
#include "support.hpp"

using content::Lang;

namespace {

std::set<std::string> id_set(const content::ContentStore& store, std::string_view q, Lang lang) {
  auto hits = store.search(q, lang, 1000);
  REQUIRE(hits.ok());
  std::set<std::string> out;
  for (const auto& h : *hits) out.insert(std::string(content::to_string(h.type)) + ":" + h.id);
  return out;
}

std::string faq(std::string_view id, std::string_view title, std::string_view body) {
  return test::authoring("id = \"" + std::string(id) +
                             "\"\ntype = \"faq\"\nlang = \"vi\"\ncategory = \"cat-a\"\n"
                             "title = \"" +
                             std::string(title) + "\"\n",
                         body);
}

// A category, and FAQs to tell ranking and whole words apart.
void write_glossary_tree(const std::filesystem::path& root) {
  test::write_file(root / "cat.vi.md",
                   test::authoring("id = \"cat-a\"\ntype = \"category\"\nlang = \"vi\"\n"
                                   "title = \"Hỏi đáp\"\n",
                                   "Câu hỏi.\n"));
  test::write_file(root / "gtgt.vi.md",
                   faq("faq-gtgt-title", "Thuế giá trị gia tăng hàng nhập", "Thuế suất 10%.\n"));
  test::write_file(root / "gtgt-body.vi.md",
                   faq("faq-gtgt-body", "Hoàn thuế", "Hồ sơ hoàn thuế GTGT gồm tờ khai.\n"));
  test::write_file(root / "dna.vi.md",
                   faq("faq-dna", "Mẫu xét nghiệm DNA", "Gửi mẫu DNA qua bưu điện.\n"));
  test::write_file(root / "dn.vi.md",
                   faq("faq-doanh-nghiep", "Đăng ký doanh nghiệp", "Cần mã số thuế.\n"));
  test::write_file(root / "visa.vi.md",
                   faq("faq-visa", "Xin visa tại cửa khẩu", "Hỏi cơ quan xuất nhập cảnh.\n"));
}

}  // namespace

TEST_CASE("glossary: the built-in list holds the customs abbreviations and parses cleanly") {
  const auto parsed = content::parse_glossary(content::builtin_glossary());
  CHECK(parsed.problems.empty());
  std::set<std::string> terms;
  for (const auto& g : parsed.groups) {
    for (const auto& t : g.terms) terms.insert(content::text::fold_for_search(t));
  }
  for (const char* abbreviation : {"XNK", "XK", "NK", "GTGT", "TTĐB", "BVMT", "HQ", "TKHQ", "TK",
                                   "DN", "C/O", "HS", "AEO", "CK", "KCX", "ĐKKD", "MST"}) {
    CAPTURE(abbreviation);
    CHECK(terms.count(content::text::fold_for_search(abbreviation)) == 1);
  }
}

TEST_CASE("glossary: every built-in term finds what the rest of its group finds, on the demo") {
  test::TempDir dir;
  auto store = test::import_tree(test::demo_tree(), dir / "demo.db");
  // Abbreviations whose words the demo content holds: each must find something.
  const std::set<std::string> in_demo = {"XNK",  "XK",   "NK",  "GTGT", "TTĐB", "BVMT", "HQ",
                                         "TKHQ", "TK",   "DN",  "C/O",  "HS",   "AEO",  "CK",
                                         "MST",  "CCHQ", "XNC", "TNTX", "TXTN", "SXXK", "KTSTQ"};
  for (const auto& group : content::parse_glossary(content::builtin_glossary()).groups) {
    for (const Lang lang : {Lang::vi, Lang::en}) {
      const auto first = id_set(store, group.terms.front(), lang);
      for (const auto& term : group.terms) {
        CAPTURE(group.terms.front());
        CAPTURE(term);
        CAPTURE(content::to_string(lang));
        CHECK(id_set(store, term, lang) == first);
      }
      if (lang == Lang::vi && in_demo.count(group.terms.front())) {
        CAPTURE(group.terms.front());
        CHECK_FALSE(first.empty());
      }
    }
  }
  // From the issue: an abbreviation inside a longer query, both ways.
  CHECK(id_set(store, "thue GTGT", Lang::vi) == id_set(store, "thuế giá trị gia tăng", Lang::vi));
  CHECK_FALSE(id_set(store, "thue GTGT", Lang::vi).empty());
  CHECK(id_set(store, "XNK", Lang::vi) == id_set(store, "xuat nhap khau", Lang::vi));
  CHECK_FALSE(id_set(store, "tk hai quan", Lang::vi).empty());
}

TEST_CASE("glossary: abbreviations match whole words only") {
  test::TempDir dir;
  write_glossary_tree(dir / "tree");
  auto store = test::import_tree(dir / "tree", dir / "c.db");
  const auto dn = id_set(store, "dn", Lang::vi);
  CHECK(dn.count("faq:faq-doanh-nghiep") == 1);
  CHECK(dn.count("faq:faq-dna") == 0);  // "dn" is not a prefix of DNA here
  CHECK(id_set(store, "dna", Lang::vi).count("faq:faq-dna") == 1);
}

TEST_CASE("glossary: words as typed rank above the other terms of their group") {
  test::TempDir dir;
  write_glossary_tree(dir / "tree");
  auto store = test::import_tree(dir / "tree", dir / "c.db");
  auto by_abbreviation = store.search("GTGT", Lang::vi);
  REQUIRE(by_abbreviation.ok());
  REQUIRE(by_abbreviation->size() == 2);
  CHECK(by_abbreviation->front().id == "faq-gtgt-body");  // says "GTGT" in its body
  auto by_words = store.search("giá trị gia tăng", Lang::vi);
  REQUIRE(by_words.ok());
  REQUIRE(by_words->size() == 2);
  CHECK(by_words->front().id == "faq-gtgt-title");
}

TEST_CASE("glossary: staff extend the list as content, and a bad line is refused with its line") {
  test::TempDir dir;
  write_glossary_tree(dir / "tree");
  test::write_file(dir / "tree/glossary.vi.md",
                   test::authoring("id = \"glossary-branch\"\ntype = \"glossary\"\nlang = \"vi\"\n"
                                   "title = \"Từ viết tắt của chi cục\"\n",
                                   "# a comment\n\nHNXN = hoàn thuế = hồ sơ hoàn\n"));
  auto store = test::import_tree(dir / "tree", dir / "c.db");
  CHECK(id_set(store, "HNXN", Lang::vi).count("faq:faq-gtgt-body") == 1);
  // The built-in list still applies beside it.
  CHECK(id_set(store, "doanh nghiep", Lang::vi) == id_set(store, "DN", Lang::vi));

  const auto bad = content::parse_authoring_file(
      "g.vi.md", test::authoring("id = \"glossary-x\"\ntype = \"glossary\"\nlang = \"vi\"\n"
                                 "title = \"X\"\n",
                                 "XNK = xuất nhập khẩu\nXNK\n"));
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].to_string().rfind("g.vi.md:8: ", 0) == 0);
}

TEST_CASE("glossary: published, signed and synced with the content, full and incremental") {
  test::TempDir dir;
  write_glossary_tree(dir / "tree");
  const auto glossary_file = dir / "tree/glossary.vi.md";
  auto glossary = [](std::string_view line) {
    return test::authoring(
        "id = \"glossary-branch\"\ntype = \"glossary\"\nlang = \"vi\"\ntitle = \"Viết tắt\"\n",
        line);
  };
  test::write_file(glossary_file, glossary("HNXN = hoàn thuế\n"));
  const std::string repo = (dir / "repo").string(), db = (dir / "kiosk.db").string();
  REQUIRE(test::run_kioskctl({"keygen", "--out", (dir / "keys").string()}).exit_code == 0);
  const std::string key = (dir / "keys/signing.key").string();
  const std::string trust = (dir / "keys/signing.pub").string();
  REQUIRE(test::run_kioskctl({"publish", (dir / "tree").string(), "--repo", repo, "--key", key})
              .exit_code == 0);
  REQUIRE(test::run_kioskctl({"verify", "--repo", repo, "--trust", trust}).exit_code == 0);
  auto sync = [&] {
    const auto r = test::run_kioskctl(
        {"sync", "--once", "--db", db, "--server", "file://" + repo + "/", "--trust", trust});
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
  };
  sync();
  auto search = [&](const std::string& q) {
    const auto r = test::run_kioskctl({"search", q, "--db", db, "--json"});
    REQUIRE(r.exit_code == 0);
    std::set<std::string> ids;
    for (const auto& h : nlohmann::json::parse(r.out)) ids.insert(h.at("id").get<std::string>());
    return ids;
  };
  CHECK(search("HNXN").count("faq-gtgt-body") == 1);
  CHECK(search("HNYY").empty());

  // A changed glossary arrives as one changed object.
  test::write_file(glossary_file, glossary("HNYY = hoàn thuế\n"));
  REQUIRE(test::run_kioskctl({"publish", (dir / "tree").string(), "--repo", repo, "--key", key})
              .exit_code == 0);
  sync();
  CHECK(search("HNYY").count("faq-gtgt-body") == 1);
  CHECK(search("HNXN").empty());
}

TEST_CASE("visitor search: the other language when the visitor's finds nothing") {
  test::TempDir dir;
  auto store = test::import_tree(test::demo_tree(), dir / "demo.db");
  auto found = content::search_for_visitor(store, "duty free", "", Lang::vi, 20);
  REQUIRE(found.ok());
  CHECK(found->source == content::SearchSource::other_language);
  CHECK(found->lang == Lang::en);
  REQUIRE(found->found());
  const auto ids = test::ids_of(found->hits);
  CHECK(std::find(ids.begin(), ids.end(), "faq-dinh-muc-hanh-ly-mien-thue") != ids.end());
  for (const auto& h : found->hits) CHECK(h.lang == Lang::en);

  // What the visitor's language finds stays first.
  auto direct = content::search_for_visitor(store, "duty free", "", Lang::en, 20);
  REQUIRE(direct.ok());
  CHECK(direct->source == content::SearchSource::typed);

  // Nothing in either language: a miss.
  auto nothing = content::search_for_visitor(store, "xyzxyzq", "xyzxyzq", Lang::vi, 20);
  REQUIRE(nothing.ok());
  CHECK_FALSE(nothing->found());
}

TEST_CASE("visitor search: the keys as typed when Telex made another word of them") {
  test::TempDir dir;
  write_glossary_tree(dir / "tree");
  auto store = test::import_tree(dir / "tree", dir / "c.db");
  kiosk::TelexComposer composer;
  composer.press_keys("visa");
  REQUIRE(composer.text() == "vía");
  CHECK(composer.keys() == "visa");
  auto found = content::search_for_visitor(store, composer.text(), composer.keys(), Lang::vi, 20);
  REQUIRE(found.ok());
  CHECK(found->source == content::SearchSource::keys);
  CHECK(test::ids_of(found->hits) == std::vector<std::string>{"faq-visa"});
  // The composed text comes first whenever it finds something.
  auto same = content::search_for_visitor(store, "hoàn thuế", "hoanf thuees", Lang::vi, 20);
  REQUIRE(same.ok());
  CHECK(same->source == content::SearchSource::typed);
}

TEST_CASE("telex: keys() is what was pressed, undone by backspace, without the tone row") {
  kiosk::TelexComposer composer;
  composer.press_keys("nguwowif");
  CHECK(composer.text() == "người");
  CHECK(composer.keys() == "nguwowif");
  composer.backspace();
  CHECK(composer.keys() == "nguwowi");
  composer.press_keys(" ta");
  composer.apply_tone(kiosk::Tone::sac);
  CHECK(composer.text() == "ngươi tá");
  CHECK(composer.keys() == "nguwowi ta");
  composer.clear();
  CHECK(composer.keys().empty());
}

TEST_CASE("kioskctl search: falls back to the other language under a heading") {
  test::TempDir dir;
  const std::string db = (dir / "demo.db").string();
  REQUIRE(test::run_kioskctl({"import", test::demo_tree().string(), "--db", db}).exit_code == 0);
  auto r = test::run_kioskctl({"search", "duty free", "--db", db});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("== Kết quả bằng tiếng Anh ==\n", 0) == 0);
  CHECK(r.out.find("faq-dinh-muc-hanh-ly-mien-thue  [faq, en]") != std::string::npos);
  r = test::run_kioskctl({"search", "duty free", "--db", db, "--json"});
  REQUIRE(r.exit_code == 0);
  const auto hits = nlohmann::json::parse(r.out);
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].at("found_by") == "other_language");
  CHECK(hits[0].at("lang") == "en");
  // In English, Vietnamese-only words fall back the other way.
  r = test::run_kioskctl({"search", "thông quan hàng hóa", "--db", db, "--lang", "en"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("== Results in Vietnamese ==\n", 0) == 0);
  // The keys as typed (--telex composes QUERY as the kiosk's keyboard does).
  r = test::run_kioskctl({"search", "duty free", "--db", db, "--telex"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("[faq, en]") != std::string::npos);
  // Telex makes "website" into "ưebsite", which finds nothing; the keys do.
  r = test::run_kioskctl({"search", "website", "--db", db, "--telex"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("== Kết quả cho các phím đã gõ “website” ==\n", 0) == 0);
  r = test::run_kioskctl({"search", "ưebsite", "--db", db, "--keys", "website", "--json"});
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).at(0).at("found_by") == "keys");
  r = test::run_kioskctl({"search", "xyzxyzq", "--db", db});
  CHECK(r.out == "nothing found\n");
}
