// Abbreviations and synonyms for search: groups of terms a visitor may type
// for the same thing ("XNK" and "xuất nhập khẩu"). A query holding one term
// of a group finds what any term of the group finds.
//
// The text format, one group per line (docs/authoring-format.md):
//
//   # a comment
//   XNK = xuất nhập khẩu
//   GTGT = giá trị gia tăng = VAT
//
// Blank lines and lines starting with '#' are skipped. Terms are compared
// folded (no marks, đ as d, any case) and whole words only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace content {

inline constexpr std::size_t kMaxGlossaryTermWords = 6;
inline constexpr std::size_t kMaxGlossaryTermBytes = 100;
inline constexpr std::size_t kMaxGlossaryGroupTerms = 16;

struct GlossaryGroup {
  int line = 0;                    // 1-based, in the text parsed
  std::vector<std::string> terms;  // as written, trimmed
};

struct GlossaryParse {
  std::vector<GlossaryGroup> groups;
  struct Problem {
    int line = 0;
    std::string reason;
  };
  std::vector<Problem> problems;  // empty when every line is a valid group
};

// REQUIRES: `text` is valid UTF-8.
GlossaryParse parse_glossary(std::string_view text);

// The list built into the kiosk, in the format above: the abbreviations of
// customs work in Vietnamese and a few in English. Content glossaries add
// to it; a term in both joins the two groups.
std::string_view builtin_glossary();

}  // namespace content
