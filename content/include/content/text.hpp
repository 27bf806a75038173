// Unicode text handling shared by the importer, the search index and the query
// builder: validation, NFC, Vietnamese-aware folding and word splitting.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace content::text {

// Byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates
// and code points above U+10FFFF are invalid), or nullopt when `s` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view s);

// REQUIRES: `s` is valid UTF-8.
std::string to_nfc(std::string_view s);

// Lower case, tone and vowel marks removed, đ/Đ mapped to d:
// "Thủ tục Hải quan ĐIỆN TỬ" -> "thu tuc hai quan dien tu".
// Separators are kept as they are. REQUIRES: `s` is valid UTF-8.
std::string fold_for_search(std::string_view s);

// fold_for_search into `out` (replacing its content), for hot loops that
// reuse one buffer.
void fold_into(std::string_view s, std::string& out);

// Simple per-character lower case with marks kept: "ĐƯỜNG" -> "đường".
// NFC input gives NFC output. REQUIRES: `s` is valid UTF-8.
std::string lower(std::string_view s);
void lower_into(std::string_view s, std::string& out);

// A word is a maximal run of letters, digits and combining marks.
struct WordSpan {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
};
// Words of `s` in order. Invalid UTF-8 bytes count as separators.
std::vector<WordSpan> split_words(std::string_view s);

// True when `word` holds a letter or digit, not only combining marks.
bool has_base_character(std::string_view word);

// A compact key for document numbers: folded letters and digits only, leading
// zeros of each digit run dropped, so "08/2015/NĐ-CP", "8/2015/nd-cp" and
// "08 2015 ND CP" all give "82015ndcp".
std::string number_key(std::string_view s);

}  // namespace content::text
