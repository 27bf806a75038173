#include <doctest/doctest.h>

#include <string>

#include "content/text.hpp"

using namespace content::text;

namespace {

// Every Vietnamese vowel, with its base letter and its vowel mark as a
// combining character (empty for none).
struct Vowel {
  const char* base;
  const char* mark;
};
constexpr Vowel kVowels[] = {
    {"a", ""}, {"a", "\u0306"}, {"a", "\u0302"},  // a ă â
    {"e", ""}, {"e", "\u0302"},                   // e ê
    {"i", ""},                                    // i
    {"o", ""}, {"o", "\u0302"}, {"o", "\u031B"},  // o ô ơ
    {"u", ""}, {"u", "\u031B"},                   // u ư
    {"y", ""},                                    // y
};
// No tone, sắc, huyền, hỏi, ngã, nặng.
constexpr const char* kTones[] = {"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"};

std::string upper_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(c - 32);
  return s;
}

}  // namespace

TEST_CASE("fold: every vowel with every tone and vowel mark folds to its base letter") {
  int checked = 0;
  for (const auto& v : kVowels) {
    for (const char* tone : kTones) {
      for (const bool upper : {false, true}) {
        const std::string base = upper ? upper_ascii(v.base) : v.base;
        const std::string decomposed = base + v.mark + tone;
        const std::string composed = to_nfc(decomposed);
        CAPTURE(composed);
        CHECK(fold_for_search(composed) == v.base);
        CHECK(fold_for_search(decomposed) == v.base);  // NFD input folds the same
        ++checked;
      }
    }
  }
  CHECK(checked == 12 * 6 * 2);
}

TEST_CASE("fold: đ and Đ fold to d, which Unicode decomposition alone does not do") {
  CHECK(fold_for_search("đ") == "d");
  CHECK(fold_for_search("Đ") == "d");
  CHECK(fold_for_search("ĐIỆN TỬ") == "dien tu");
  CHECK(fold_for_search("Đường") == "duong");
}

TEST_CASE("fold: whole phrases keep their separators") {
  CHECK(fold_for_search("Thủ tục Hải quan") == "thu tuc hai quan");
  CHECK(fold_for_search("628/QĐ-TTg") == "628/qd-ttg");
  CHECK(fold_for_search("Tiếng Việt — “có dấu”…") == "tieng viet — “co dau”…");
}

TEST_CASE("NFC: decomposed input becomes composed") {
  const std::string nfd = "Vie\u0302\u0323t Nam";
  CHECK(to_nfc(nfd) == "Việt Nam");
  CHECK(to_nfc("plain ascii") == "plain ascii");
}

TEST_CASE("lower keeps marks") {
  CHECK(lower("ĐƯỜNG BIỂN") == "đường biển");
  CHECK(lower("Hải Quan") == "hải quan");
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK_FALSE(first_invalid_utf8("Việt Nam").has_value());
  CHECK(first_invalid_utf8("ab\xFF") == 2u);
  CHECK(first_invalid_utf8("\xC0\x80").has_value());      // overlong NUL
  CHECK(first_invalid_utf8("\xED\xA0\x80").has_value());  // a surrogate
  CHECK(first_invalid_utf8("Vi\xE1\xBB").has_value());    // cut short
}

TEST_CASE("words: letters, digits and marks; everything else separates") {
  const std::string s = "Khai báo, 628/QĐ-TTg; e\u0301!";
  const auto words = split_words(s);
  REQUIRE(words.size() == 6);
  CHECK(s.substr(words[1].begin, words[1].end - words[1].begin) == "báo");
  CHECK(s.substr(words[4].begin, words[4].end - words[4].begin) == "TTg");
  CHECK(s.substr(words[5].begin, words[5].end - words[5].begin) == "e\u0301");
}

TEST_CASE("number keys are the same for every spelling of a document number") {
  CHECK(number_key("628/QĐ-TTg") == "628qdttg");
  CHECK(number_key("628/qd-ttg") == "628qdttg");
  CHECK(number_key("08/2015/NĐ-CP") == "82015ndcp");
  CHECK(number_key("8/2015/nd-cp") == "82015ndcp");
  CHECK(number_key("100/2020") == "1002020");
}
