#include <doctest/doctest.h>

#include <set>

#include "content/authoring.hpp"
#include "support.hpp"

using content::load_authoring_tree;
using content::parse_authoring_file;

namespace {

const std::string kFaqFront =
    "id = \"faq-x\"\ntype = \"faq\"\nlang = \"vi\"\ncategory = \"cat-a\"\ntitle = \"Hỏi?\"\n";

// The single problem of parsing `text`, as "file:line: reason".
std::string problem_of(std::string_view text) {
  const auto parsed = parse_authoring_file("f.md", text);
  REQUIRE(parsed.problems.size() >= 1);
  return parsed.problems.front().to_string();
}

bool contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("authoring: the demo tree imports whole, bilingual and at the promised size") {
  const auto load = load_authoring_tree(test::demo_tree());
  for (const auto& p : load.problems) MESSAGE(p.to_string());
  REQUIRE(load.problems.empty());
  auto distinct = [](const auto& items, content::Lang lang) {
    std::set<std::string> ids;
    for (const auto& i : items)
      if (i.lang == lang) ids.insert(i.id);
    return ids;
  };
  using content::Lang;
  CHECK(distinct(load.set.categories, Lang::vi).size() >= 8);
  CHECK(distinct(load.set.documents, Lang::vi).size() >= 40);
  CHECK(distinct(load.set.faqs, Lang::vi).size() >= 80);
  CHECK(distinct(load.set.services, Lang::vi).size() >= 5);
  CHECK(distinct(load.set.announcements, Lang::vi).size() >= 3);
  CHECK(distinct(load.set.offices, Lang::vi).size() == 1);
  // Every item is there in both languages.
  CHECK(distinct(load.set.categories, Lang::vi) == distinct(load.set.categories, Lang::en));
  CHECK(distinct(load.set.documents, Lang::vi) == distinct(load.set.documents, Lang::en));
  CHECK(distinct(load.set.faqs, Lang::vi) == distinct(load.set.faqs, Lang::en));
  CHECK(distinct(load.set.services, Lang::vi) == distinct(load.set.services, Lang::en));
}

TEST_CASE("authoring: a valid file gives its item with NFC text and normalised dates") {
  const std::string nfd_title = "Thu\u0309 tu\u0323c";  // "Thủ tục" decomposed
  const auto parsed = parse_authoring_file(
      "d.md",
      "+++\r\nid = \"doc-a\"\r\ntype = \"document\"\r\nlang = \"vi\"\r\n"
      "category = \"cat-a\"\r\ntitle = \"" +
          nfd_title +
          "\"\r\nnumber = \"1/QĐ\"\r\nissuer = \"Cục\"\r\nissued = 2024-02-29\r\n"
          "expires = \"2030-01-01\"\r\n+++\r\n\r\nBody line.\r\n");
  for (const auto& p : parsed.problems) MESSAGE(p.to_string());
  REQUIRE(parsed.item.has_value());
  const auto& d = std::get<content::Document>(parsed.item->value);
  CHECK(d.title == "Thủ tục");
  CHECK(d.issued == "2024-02-29");
  CHECK(d.expires == "2030-01-01");
  CHECK(d.body_markdown == "Body line.");
  CHECK(parsed.item->category_line == 5);
}

TEST_CASE("authoring refused: malformed front matter, with its line") {
  CHECK(problem_of("no fence\n") == "f.md:1: front matter must open with a line holding +++");
  CHECK(problem_of("+++\nid = \"a\"\n") ==
        "f.md:1: front matter is not closed: no second line holding +++");
  CHECK(contains(problem_of("+++\nid = \"faq-x\"\ntitle = = 3\n+++\n"),
                 "f.md:3: front matter is not valid TOML"));
  CHECK(contains(problem_of("+++\n" + kFaqFront + "order = \"x\"\n+++\nA\n"),
                 "f.md:7: unknown field \"order\" for a faq"));
}

TEST_CASE("authoring refused: unknown type and language") {
  CHECK(problem_of("+++\nid = \"x1\"\ntype = \"fqa\"\nlang = \"vi\"\n+++\n") ==
        "f.md:3: unknown type \"fqa\" (expected category, document, faq, service, announcement, "
        "office or glossary)");
  CHECK(problem_of("+++\nid = \"x1\"\ntype = \"faq\"\nlang = \"fr\"\n+++\n") ==
        "f.md:4: unknown lang \"fr\" (expected vi or en)");
  CHECK(contains(problem_of("+++\nid = \"Bad Id\"\ntype = \"faq\"\nlang = \"vi\"\n+++\n"),
                 "f.md:2: id must be"));
}

TEST_CASE("authoring refused: invalid UTF-8, named by line") {
  CHECK(contains(problem_of("+++\n" + kFaqFront + "+++\nline\nbad \xC3\x28 byte\n"),
                 "f.md:9: invalid UTF-8"));
}

TEST_CASE("authoring refused: missing title, bad dates, control characters, empty answer") {
  CHECK(problem_of(
            "+++\nid = \"faq-x\"\ntype = \"faq\"\nlang = \"vi\"\ncategory = \"c1\"\n+++\nA\n") ==
        "f.md:1: missing title (required for a faq)");
  const std::string doc =
      "+++\nid = \"doc-a\"\ntype = \"document\"\nlang = \"vi\"\ncategory = \"c1\"\n"
      "title = \"T\"\nnumber = \"1\"\nissuer = \"I\"\nissued = \"2023-02-29\"\n+++\nB\n";
  CHECK(contains(problem_of(doc), "f.md:9: issued must be a date written YYYY-MM-DD"));
  CHECK(contains(problem_of("+++\n" + kFaqFront + "+++\nA\x01\n"), "control character U+0001"));
  CHECK(problem_of("+++\n" + kFaqFront + "+++\n\n") ==
        "f.md:8: a FAQ needs an answer below the front matter");
}

TEST_CASE("authoring refused: a body over the limit") {
  const std::string body(content::kMaxBodyBytes + 1, 'a');
  CHECK(contains(problem_of("+++\n" + kFaqFront + "+++\n" + body), "f.md:8: the body is"));
  const std::string huge(content::kMaxFileBytes + 1, 'a');
  CHECK(contains(problem_of(huge), "f.md:1: the file is"));
}

TEST_CASE("authoring refused: duplicate id + lang, dangling category, prefix clash") {
  test::TempDir dir;
  test::write_small_tree(dir.path());
  test::write_file(dir / "faq/copy.vi.md",
                   test::authoring("id = \"faq-mien-thue\"\ntype = \"faq\"\nlang = \"vi\"\n"
                                   "category = \"cat-none\"\ntitle = \"Q\"\n",
                                   "A\n"));
  test::write_file(dir / "svc/b.vi.md",
                   test::authoring("id = \"svc-thue\"\ntype = \"service\"\nlang = \"vi\"\n"
                                   "title = \"Thuế\"\nprefix = \"A\"\n",
                                   "Quầy 4.\n"));
  const auto load = load_authoring_tree(dir.path());
  std::vector<std::string> problems;
  for (const auto& p : load.problems) problems.push_back(p.to_string());
  REQUIRE(problems.size() == 3);
  CHECK(problems[0] ==
        "faq/copy.vi.md:1: duplicate id \"faq-mien-thue\" in lang vi: also in faq/allowance.vi.md");
  CHECK(contains(problems[1], "svc/b.vi.md:1: ticket prefix \"A\" is already used by service"));
  CHECK(problems[2] ==
        "faq/copy.vi.md:5: dangling category \"cat-none\": no category with that id in the tree");
}

TEST_CASE("authoring: a tree of only FAQs and their categories is valid; skipped names") {
  test::TempDir dir;
  test::write_file(dir / "c.vi.md", test::authoring("id = \"cat-a\"\ntype = \"category\"\n"
                                                    "lang = \"vi\"\ntitle = \"A\"\n",
                                                    ""));
  test::write_file(dir / "q.vi.md", test::authoring(kFaqFront, "Đáp.\n"));
  test::write_file(dir / "_draft.md", "not front matter at all");
  test::write_file(dir / ".hidden/x.md", "nor this");
  test::write_file(dir / "notes.txt", "ignored");
  const auto load = load_authoring_tree(dir.path());
  for (const auto& p : load.problems) MESSAGE(p.to_string());
  CHECK(load.problems.empty());
  CHECK(load.files == 2);
  CHECK(load.set.faqs.size() == 1);
}

TEST_CASE("authoring: a missing root is refused with a reason") {
  const auto load = load_authoring_tree("/nonexistent/kiosk/tree");
  REQUIRE(load.problems.size() == 1);
  CHECK(load.problems[0].reason == "not a directory");
}
