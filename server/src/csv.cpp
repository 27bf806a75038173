#include "kiosk_server/csv.hpp"

#include <utf8proc.h>

#include <cstdlib>

#include "content/text.hpp"

namespace kiosk_server {
namespace {

// Characters a spreadsheet skips or shows as nothing before it looks for a
// formula: spaces of every width, the BOM, zero-width and other format
// characters, line breaks and tabs.
bool is_invisible_lead(utf8proc_int32_t cp) {
  if (cp == '\t' || cp == '\r' || cp == '\n') return true;
  const auto category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP || category == UTF8PROC_CATEGORY_CF ||
         category == UTF8PROC_CATEGORY_CC;
}

// = + - @ and every character that compatibility-maps to one of them
// (fullwidth ＝ ＋ － ＠, small ﹦ ﹢ ﹣ ﹫, superscript ⁺ ⁼ ...), and the
// minus signs U+2212 and U+2796, which some spreadsheets also accept.
bool starts_formula(utf8proc_int32_t cp) {
  const auto is_sign = [](int c) { return c == '=' || c == '+' || c == '-' || c == '@'; };
  if (cp < 0x80) return is_sign(cp);
  if (cp == 0x2212 || cp == 0x2796) return true;
  utf8proc_uint8_t one[4];
  const auto n = utf8proc_encode_char(cp, one);
  utf8proc_uint8_t* mapped = nullptr;
  const auto len = utf8proc_map(
      one, n, &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE));
  const bool formula = len >= 1 && mapped != nullptr && is_sign(mapped[0]);
  std::free(mapped);
  return formula;
}

// True when a spreadsheet could read `text` as a formula: its first visible
// character is a formula sign, or it starts with characters a person cannot
// see (which hide what follows).
bool needs_guard(std::string_view text) {
  if (text.empty()) return false;
  if (content::text::first_invalid_utf8(text)) return true;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  bool hidden_lead = false;
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return true;
    if (!is_invisible_lead(cp)) return hidden_lead || starts_formula(cp);
    // An ordinary space before ordinary text is harmless ("  ok"); before a
    // formula sign it is not ("  =1+1"), and anything else unseen always is.
    if (cp != ' ') hidden_lead = true;
    p += n;
    left -= n;
  }
  return hidden_lead;
}

}  // namespace

std::string csv_cell(std::string_view text) {
  std::string cell;
  if (needs_guard(text)) cell += '\'';
  cell += text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string feedback_csv(const std::vector<StoredFeedback>& rows) {
  std::string out = "uuid,kiosk,rating,service,comment,created,received\r\n";
  for (const auto& row : rows) {
    const auto& f = row.feedback;
    out += csv_cell(f.uuid) + ',' + csv_cell(f.kiosk) + ',' + std::to_string(f.rating) + ',' +
           csv_cell(f.service) + ',' + csv_cell(f.comment) + ',' + csv_cell(f.created) + ',' +
           csv_cell(row.received) + "\r\n";
  }
  return out;
}

}  // namespace kiosk_server
