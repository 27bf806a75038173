#include "content/text.hpp"

#include <utf8proc.h>

#include <array>
#include <cstdlib>

namespace content::text {
namespace {

enum class CharClass : unsigned char { separator, word, mark };

struct CharInfo {
  char32_t lower = 0;   // simple lower case
  char32_t folded = 0;  // lower case base letter, marks stripped, đ -> d; 0 for a mark
  CharClass cls = CharClass::separator;
};

CharInfo compute_info(char32_t cp) {
  CharInfo info;
  const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  switch (category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      info.cls = CharClass::word;
      break;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      info.cls = CharClass::mark;
      break;
    default:
      info.cls = CharClass::separator;
  }
  info.lower = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
  if (info.cls == CharClass::mark) {
    info.folded = 0;
    return info;
  }
  // Đ and đ have no decomposition in Unicode; Vietnamese readers treat them as
  // d when typing without marks, so search must too.
  if (info.lower == U'\u0111') {
    info.folded = U'd';
    return info;
  }
  utf8proc_int32_t buf[8];
  int last_boundclass = 0;
  const auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(info.lower), buf, 8,
                                         UTF8PROC_DECOMPOSE, &last_boundclass);
  info.folded = n > 0 ? static_cast<char32_t>(buf[0]) : info.lower;
  return info;
}

// Latin, Greek, Cyrillic, Vietnamese (U+1E00..U+1EFF) and the general
// punctuation block fall in the table; everything above is computed on demand.
constexpr char32_t kTableSize = 0x3000;

const CharInfo& table_info(char32_t cp) {
  static const std::array<CharInfo, kTableSize>* table = [] {
    auto* t = new std::array<CharInfo, kTableSize>();
    for (char32_t c = 0; c < kTableSize; ++c) (*t)[c] = compute_info(c);
    return t;
  }();
  return (*table)[cp];
}

CharInfo info_of(char32_t cp) { return cp < kTableSize ? table_info(cp) : compute_info(cp); }

// Decodes one code point at `s[i]`; returns its length, or 0 for an invalid sequence.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  utf8proc_int32_t c = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &c);
  if (n <= 0) return 0;
  cp = static_cast<char32_t>(c);
  return static_cast<std::size_t>(n);
}

void append_utf8(std::string& out, char32_t cp) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::string map_nfc(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  const int options = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                              static_cast<utf8proc_ssize_t>(s.size()), &out,
                              static_cast<utf8proc_option_t>(options));
  if (n < 0) return std::string(s);
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const auto n = decode(s, i, cp);
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

std::string to_nfc(std::string_view s) {
  bool ascii = true;
  for (const char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(s);
  return map_nfc(s);
}

std::string lower(std::string_view s) {
  std::string out;
  lower_into(s, out);
  return out;
}

void lower_into(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + 32 : byte));
      ++i;
      continue;
    }
    char32_t cp = 0;
    const auto n = decode(s, i, cp);
    if (n == 0) {
      ++i;
      continue;
    }
    append_utf8(out, info_of(cp).lower);
    i += n;
  }
}

std::string fold_for_search(std::string_view s) {
  std::string out;
  fold_into(s, out);
  return out;
}

void fold_into(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + 32 : byte));
      ++i;
      continue;
    }
    char32_t cp = 0;
    const auto n = decode(s, i, cp);
    if (n == 0) {  // not reachable for valid input; drop the byte
      ++i;
      continue;
    }
    const auto info = info_of(cp);
    if (info.cls == CharClass::mark) {
      // dropped
    } else if (info.cls == CharClass::word) {
      append_utf8(out, info.folded);
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
}

std::vector<WordSpan> split_words(std::string_view s) {
  std::vector<WordSpan> words;
  std::size_t i = 0;
  bool in_word = false;
  std::size_t start = 0;
  while (i < s.size()) {
    char32_t cp = 0;
    std::size_t n = 1;
    CharClass cls = CharClass::separator;
    const auto byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      const bool alnum = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                         (byte >= '0' && byte <= '9');
      cls = alnum ? CharClass::word : CharClass::separator;
    } else if ((n = decode(s, i, cp)) == 0) {
      n = 1;
    } else {
      cls = info_of(cp).cls;
    }
    if (cls != CharClass::separator) {
      if (!in_word) start = i;
      in_word = true;
    } else if (in_word) {
      words.push_back({start, i});
      in_word = false;
    }
    i += n;
  }
  if (in_word) words.push_back({start, s.size()});
  return words;
}

bool has_base_character(std::string_view word) {
  std::size_t i = 0;
  while (i < word.size()) {
    if (static_cast<unsigned char>(word[i]) < 0x80) return true;
    char32_t cp = 0;
    const auto n = decode(word, i, cp);
    if (n == 0) return false;
    if (info_of(cp).cls == CharClass::word) return true;
    i += n;
  }
  return false;
}

std::string number_key(std::string_view s) {
  const std::string folded = fold_for_search(s);
  std::string key;
  bool in_digits = false;
  bool leading = false;
  for (const auto& w : split_words(folded)) {
    for (std::size_t i = w.begin; i < w.end; ++i) {
      const char c = folded[i];
      const bool digit = c >= '0' && c <= '9';
      if (digit && !in_digits) leading = true;
      in_digits = digit;
      if (digit && leading && c == '0') continue;
      if (digit) leading = false;
      key.push_back(c);
    }
    in_digits = false;
  }
  return key;
}

}  // namespace content::text
