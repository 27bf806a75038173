#include "fields.hpp"

#include "content/text.hpp"

namespace kiosk_server::fields {

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
  return std::nullopt;
}

}  // namespace kiosk_server::fields
