#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "content/store.hpp"
#include "search_query.hpp"
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
  std::vector<std::string> ids(std::string_view q, Lang lang = Lang::vi) {
    auto hits = store.search(q, lang);
    REQUIRE(hits.ok());
    return test::ids_of(*hits);
  }
};

bool has(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST_CASE("search: folded query finds marked text; đ folds to d") {
  SmallStore s;
  CHECK(has(s.ids("thu tuc dien tu"), "doc-628"));
  CHECK(has(s.ids("dien tu"), "doc-628"));
  CHECK(has(s.ids("HAI QUAN SO"), "doc-628"));
  CHECK(has(s.ids("mien thue"), "faq-mien-thue"));
}

TEST_CASE("search: exact-diacritic matches rank above folded ones") {
  SmallStore s;
  auto ids = s.ids("đường");
  REQUIRE(ids.size() >= 2);
  CHECK(ids[0] == "doc-duong-bien");
  CHECK(has(ids, "doc-duong-lich"));
  ids = s.ids("dương");
  REQUIRE(ids.size() >= 2);
  CHECK(ids[0] == "doc-duong-lich");
}

TEST_CASE("search: NFD input matches NFC content") {
  SmallStore s;
  CHECK(has(s.ids("mie\u0302\u0303n thue\u0302\u0301"), "faq-mien-thue"));
}

TEST_CASE("search: the last word is a prefix, as visitors search while typing") {
  SmallStore s;
  CHECK(has(s.ids("khai ba"), "faq-khai-bao-tien"));
  CHECK(has(s.ids("khai bá"), "faq-khai-bao-tien"));
  CHECK(has(s.ids("ngoai t"), "faq-khai-bao-tien"));
  CHECK_FALSE(has(s.ids("ba khai"), "faq-khai-bao-tien"));  // only the last word
}

TEST_CASE("search: document numbers in any spelling") {
  SmallStore s;
  for (const char* q : {"628", "628/QĐ-TTg", "628/qd-ttg", "628/QD-TTG", "628 qđ ttg", "628/QĐ"}) {
    CAPTURE(q);
    const auto ids = s.ids(q);
    REQUIRE_FALSE(ids.empty());
    CHECK(ids[0] == "doc-628");
  }
  CHECK(s.ids("12/2020")[0] == "doc-duong-bien");
}

TEST_CASE("search: a title hit ranks above a body hit") {
  SmallStore s;
  // "miễn thuế" is in one FAQ's title; "khai báo" in the other's title and body.
  auto ids = s.ids("khai báo");
  REQUIRE_FALSE(ids.empty());
  CHECK(ids[0] == "faq-khai-bao-tien");
  ids = s.ids("hải quan");
  REQUIRE(ids.size() >= 2);
  // Title mentions beat the FAQ that has it in the answer only.
  CHECK(ids.back() != "doc-628");
}

TEST_CASE("search: snippets come from the body with the matched words marked") {
  SmallStore s;
  auto hits = s.store.search("tien mat", Lang::vi);
  REQUIRE(hits.ok());
  REQUIRE_FALSE(hits->empty());
  const auto& snippet = hits->front().snippet;
  CHECK(snippet.find(std::string{content::kSnippetOpen} + "tiền" + content::kSnippetClose) !=
        std::string::npos);
  CHECK(snippet.find("mặt") != std::string::npos);
}

TEST_CASE("search: --lang en searches the English text") {
  SmallStore s;
  CHECK(has(s.ids("allowance", Lang::en), "faq-mien-thue"));
  CHECK(s.ids("allowance", Lang::vi).empty());
  CHECK(s.ids("mien thue", Lang::en).empty());
  // An item only in Vietnamese is searched in Vietnamese for English visitors.
  CHECK(has(s.ids("ngoai te", Lang::en), "faq-khai-bao-tien"));
}

TEST_CASE("search: visitor text is never query syntax") {
  SmallStore s;
  const char* hostile[] = {
      "\"",
      "\"\"\"",
      "*",
      "**",
      "AND",
      "OR OR",
      "NOT",
      "NEAR(",
      "NEAR(a b",
      "(",
      ")",
      "a AND (",
      "title: x",
      "{title}:",
      "^",
      "'; DROP TABLE entry; --",
      "\\",
      "-",
      "+",
      "khai \"báo",
      "x*y",
      "\x01đường",
      "\x02\x03",
      "a OR",
      "",
      "   ",
      "\xFF\xFE",
      "đ\xC3",
      "NEAR(khai báo, 2)",
  };
  for (const char* q : hostile) {
    CAPTURE(q);
    auto hits = s.store.search(q, Lang::vi);
    CHECK(hits.ok());
  }
  CHECK(has(s.ids("khai \"báo"), "faq-khai-bao-tien"));
  CHECK(has(s.ids("(khai) báo*"), "faq-khai-bao-tien"));
  CHECK_FALSE(has(s.ids("khai AND báo"), "faq-khai-bao-tien"));  // AND is a word here
}

TEST_CASE("search: random bytes never raise an error") {
  SmallStore s;
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<int> len(0, 40), byte(0, 255);
  const std::string alphabet = "ab đ\"*()-:^{}ANDORNEAR";
  for (int i = 0; i < 1500; ++i) {
    std::string q;
    const int n = len(rng);
    for (int j = 0; j < n; ++j) {
      q.push_back(i % 2 ? static_cast<char>(byte(rng))
                        : alphabet[static_cast<std::size_t>(byte(rng)) % alphabet.size()]);
    }
    auto hits = s.store.search(q, Lang::vi);
    REQUIRE_MESSAGE(hits.ok(), "query bytes: ", q);
  }
}

TEST_CASE("search: the match expression quotes every word") {
  CHECK(content::build_match_expression("") == "");
  CHECK(content::build_match_expression("()*\"") == "");
  CHECK(content::build_match_expression("khai AND") == "\"khai\" AND \"and\"*");
  const auto e = content::build_match_expression("Đường");
  CHECK(e == "(\"duong\"* OR \"\x01đường\"*)");
  CHECK(content::build_match_expression("628").find("number_key : \"628\"*") != std::string::npos);
}

TEST_CASE("search: the demo content answers what visitors ask") {
  test::TempDir dir;
  auto store = test::import_tree(test::demo_tree(), dir / "demo.db");
  for (const char* q : {"thu tuc hai quan", "dien tu", "chu ky so", "hoan thue", "hanh ly",
                        "kiem tra sau thong quan", "AEO", "qua canh", "VNACCS"}) {
    CAPTURE(q);
    auto hits = store.search(q, Lang::vi);
    REQUIRE(hits.ok());
    CHECK(hits->size() >= 3);
  }
  auto en = store.search("luggage allowance", Lang::en);
  REQUIRE(en.ok());
  CHECK_FALSE(en->empty());
}
