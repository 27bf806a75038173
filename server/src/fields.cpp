#include "fields.hpp"

#include <utf8proc.h>

#include "content/text.hpp"

namespace kiosk_server::fields {
namespace {

// Calls `f(code_point)` for each code point of valid UTF-8 `text` until it
// returns true; true when one did.
template <typename F>
bool any_code_point(std::string_view text, F f) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return true;  // not UTF-8: the caller checked, so never here
    if (f(cp)) return true;
    p += n;
    left -= n;
  }
  return false;
}

}  // namespace

bool is_slug(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  for (const char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool is_version(std::string_view text) {
  if (text.empty() || text.size() > 32) return false;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '+' || c == '~' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_bidi_control(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

bool is_c1_control(char32_t cp) { return cp >= 0x80 && cp <= 0x9F; }

bool has_digit(std::string_view text) {
  return any_code_point(text, [](utf8proc_int32_t cp) {
    const auto category = utf8proc_category(cp);
    return category == UTF8PROC_CATEGORY_ND || category == UTF8PROC_CATEGORY_NL ||
           category == UTF8PROC_CATEGORY_NO;
  });
}

std::optional<std::string> text_problem(std::string_view text, std::size_t max_bytes,
                                        bool multiline) {
  if (const auto bad = content::text::first_invalid_utf8(text)) {
    return "is not valid UTF-8 (byte " + std::to_string(*bad) + ")";
  }
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u == 0x7f || (u < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t')))) {
      return multiline ? "must not contain control characters other than line breaks and tabs"
                       : "must not contain control characters";
    }
  }
  if (text.size() > max_bytes) {
    return "is " + std::to_string(text.size()) + " bytes, at most " + std::to_string(max_bytes) +
           " are allowed";
  }
  if (any_code_point(
          text, [](utf8proc_int32_t cp) { return is_c1_control(static_cast<char32_t>(cp)); })) {
    return "must not contain control characters (U+0080 to U+009F)";
  }
  if (any_code_point(
          text, [](utf8proc_int32_t cp) { return is_bidi_control(static_cast<char32_t>(cp)); })) {
    return "must not contain bidirectional formatting characters";
  }
  return std::nullopt;
}

std::string shown_safely(std::string_view text) {
  if (content::text::first_invalid_utf8(text)) return "(not UTF-8)";
  std::string out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) break;
    const auto c = static_cast<char32_t>(cp);
    if (c < 0x20 || c == 0x7F || is_c1_control(c) || is_bidi_control(c)) {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else {
      out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    }
    p += n;
    left -= n;
  }
  return out;
}

}  // namespace kiosk_server::fields
