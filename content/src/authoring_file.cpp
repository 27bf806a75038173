// Parsing and validation of one authoring file.
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <set>
#include <string>

#include "content/authoring.hpp"
#include "content/glossary.hpp"
#include "content/text.hpp"

namespace content {
namespace {

constexpr std::string_view kFence = "+++";

// The fields each type may have, beyond id, type and lang.
struct FieldSpec {
  std::string_view name;
  bool required;
};

std::vector<FieldSpec> fields_of(ItemType type) {
  switch (type) {
    case ItemType::category:
      return {{"title", true}, {"order", false}};
    case ItemType::document:
      return {{"title", true},       {"category", true},   {"number", true},   {"issuer", true},
              {"issued", true},      {"effective", false}, {"expires", false}, {"summary", false},
              {"source_url", false}, {"tags", false}};
    case ItemType::faq:
      return {{"title", true}, {"category", true}, {"tags", false}};
    case ItemType::service:
      return {{"title", true}, {"prefix", true}, {"order", false}};
    case ItemType::announcement:
      return {{"title", true}, {"starts", true}, {"ends", true}};
    case ItemType::office:
      return {
          {"title", true}, {"address", true}, {"phone", false}, {"email", false}, {"hours", false}};
    case ItemType::glossary:
      return {{"title", true}};
  }
  return {};
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool valid_id(std::string_view id) {
  if (id.size() < 2 || id.size() > 64) return false;
  if (id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool valid_date(int y, int m, int d) {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= days[static_cast<std::size_t>(m - 1)] + (m == 2 && leap(y) ? 1 : 0);
}

std::string format_date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool parse_int(std::string_view s, int& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// "YYYY-MM-DD" -> normalised date, or nullopt.
std::optional<std::string> parse_date_text(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m) ||
      !parse_int(s.substr(8, 2), d) || !valid_date(y, m, d)) {
    return std::nullopt;
  }
  return format_date(y, m, d);
}

// Collects the fields of one front matter and the problems met reading them.
class FrontMatter {
 public:
  FrontMatter(std::string_view file, int line_offset, const toml::table& table,
              std::vector<Problem>& problems)
      : file_(file), offset_(line_offset), table_(table), problems_(problems) {}

  int line_of(const toml::node& node) const {
    return static_cast<int>(node.source().begin.line) + offset_;
  }
  int line_of(std::string_view key) const {
    if (const auto* node = table_.get(key)) return line_of(*node);
    return offset_;
  }
  void problem(int line, std::string reason) {
    problems_.push_back({std::string(file_), line, std::move(reason)});
  }
  bool has(std::string_view key) const { return table_.contains(key); }

  // A one-line string field.
  std::string line_text(std::string_view key, std::size_t max_bytes = kMaxLineFieldBytes) {
    const auto* node = table_.get(key);
    if (!node) return {};
    const auto* s = node->as_string();
    if (!s) {
      problem(line_of(*node), std::string(key) + " must be a string in double quotes");
      return {};
    }
    std::string value = text::to_nfc(s->get());
    if (value.size() > max_bytes) {
      problem(line_of(*node), std::string(key) + " is " + std::to_string(value.size()) +
                                  " bytes; the limit is " + std::to_string(max_bytes));
      return {};
    }
    if (max_bytes == kMaxLineFieldBytes && value.find('\n') != std::string::npos) {
      problem(line_of(*node), std::string(key) + " must be one line");
      return {};
    }
    if (const auto bad = control_character(value)) {
      problem(line_of(*node), std::string(key) + " holds the control character " + *bad);
      return {};
    }
    const auto first = value.find_first_not_of(" \t");
    if (first == std::string::npos) {
      problem(line_of(*node), std::string(key) + " is empty");
      return {};
    }
    return value.substr(first, value.find_last_not_of(" \t") - first + 1);
  }

  int integer(std::string_view key) {
    const auto* node = table_.get(key);
    if (!node) return 0;
    const auto* i = node->as_integer();
    if (!i || i->get() < -1'000'000 || i->get() > 1'000'000) {
      problem(line_of(*node), std::string(key) + " must be a whole number");
      return 0;
    }
    return static_cast<int>(i->get());
  }

  // YYYY-MM-DD as a TOML date or a string.
  std::string date(std::string_view key) {
    const auto* node = table_.get(key);
    if (!node) return {};
    if (const auto* d = node->as_date()) {
      const auto& v = d->get();
      if (valid_date(v.year, v.month, v.day)) return format_date(v.year, v.month, v.day);
    } else if (const auto* s = node->as_string()) {
      if (auto parsed = parse_date_text(s->get())) return *parsed;
    }
    problem(line_of(*node),
            std::string(key) + " must be a date written YYYY-MM-DD, such as 2026-01-31");
    return {};
  }

  // A date (the whole day: from 00:00, or up to 23:59 when `end_of_day`) or a
  // local date-time, as "YYYY-MM-DDTHH:MM".
  std::string moment(std::string_view key, bool end_of_day) {
    const auto* node = table_.get(key);
    if (!node) return {};
    const std::string day_time = end_of_day ? "T23:59" : "T00:00";
    if (const auto* d = node->as_date()) {
      const auto& v = d->get();
      if (valid_date(v.year, v.month, v.day)) return format_date(v.year, v.month, v.day) + day_time;
    } else if (const auto* dt = node->as_date_time()) {
      const auto& v = dt->get();
      if (!v.offset && valid_date(v.date.year, v.date.month, v.date.day) && v.time.hour < 24 &&
          v.time.minute < 60) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "T%02d:%02d", v.time.hour, v.time.minute);
        return format_date(v.date.year, v.date.month, v.date.day) + buf;
      }
    } else if (const auto* s = node->as_string()) {
      const std::string_view text = s->get();
      if (auto day = parse_date_text(text.substr(0, 10))) {
        if (text.size() == 10) return *day + day_time;
        int h = 0, m = 0;
        if (text.size() == 16 && (text[10] == 'T' || text[10] == ' ') && text[13] == ':' &&
            parse_int(text.substr(11, 2), h) && parse_int(text.substr(14, 2), m) && h < 24 &&
            m < 60 && h >= 0 && m >= 0) {
          return *day + "T" + std::string(text.substr(11, 5));
        }
      }
    }
    problem(line_of(*node), std::string(key) +
                                " must be a date (2026-12-01) or a local date and time "
                                "(2026-12-01T07:30)");
    return {};
  }

  std::vector<std::string> string_list(std::string_view key, std::size_t max_items,
                                       std::size_t max_bytes) {
    std::vector<std::string> out;
    const auto* node = table_.get(key);
    if (!node) return out;
    const auto* array = node->as_array();
    if (!array) {
      problem(line_of(*node),
              std::string(key) + " must be a list of strings, such as [\"a\", \"b\"]");
      return out;
    }
    if (array->size() > max_items) {
      problem(line_of(*node), std::string(key) + " has " + std::to_string(array->size()) +
                                  " entries; the limit is " + std::to_string(max_items));
      return out;
    }
    for (const auto& element : *array) {
      const auto* s = element.as_string();
      const std::string value = s ? text::to_nfc(s->get()) : std::string();
      if (!s || value.empty() || value.size() > max_bytes ||
          value.find('\n') != std::string::npos || control_character(value)) {
        problem(line_of(*node), std::string(key) +
                                    " entries must be non-empty one-line strings of at most " +
                                    std::to_string(max_bytes) + " bytes");
        return {};
      }
      out.push_back(value);
    }
    return out;
  }

  static std::optional<std::string> control_character(std::string_view s) {
    for (const char c : s) {
      const auto b = static_cast<unsigned char>(c);
      if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7F) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "U+%04X", b);
        return std::string(buf);
      }
    }
    return std::nullopt;
  }

 private:
  std::string_view file_;
  int offset_;
  const toml::table& table_;
  std::vector<Problem>& problems_;
};

int line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(
                 text.begin(),
                 text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

// Splits `text` into lines without their '\n'.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      if (start < text.size()) lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string trim_blank_lines(std::string_view body) {
  const auto first = body.find_first_not_of(" \t\n");
  if (first == std::string_view::npos) return {};
  // keep the indentation of the first line
  const auto line_start = body.rfind('\n', first);
  const auto begin = line_start == std::string_view::npos ? 0 : line_start + 1;
  const auto last = body.find_last_not_of(" \t\n");
  return std::string(body.substr(begin, last - begin + 1));
}

}  // namespace

std::string Problem::to_string() const { return file + ":" + std::to_string(line) + ": " + reason; }

ParsedFile parse_authoring_file(std::string_view name, std::string_view bytes) {
  ParsedFile result;
  auto& problems = result.problems;
  auto refuse = [&](int line, std::string reason) {
    problems.push_back({std::string(name), line, std::move(reason)});
    return result;
  };

  if (bytes.size() > kMaxFileBytes) {
    return refuse(1, "the file is " + std::to_string(bytes.size()) + " bytes; the limit is " +
                         std::to_string(kMaxFileBytes));
  }
  if (const auto bad = text::first_invalid_utf8(bytes)) {
    return refuse(line_at(bytes, *bad),
                  "invalid UTF-8 at byte " + std::to_string(*bad) + " (save the file as UTF-8)");
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // a byte order mark
  std::string text;
  text.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;
    text.push_back(bytes[i]);
  }
  text = text::to_nfc(text);

  const auto lines = lines_of(text);
  auto is_fence = [](std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line == kFence;
  };
  if (lines.empty() || !is_fence(lines[0])) {
    return refuse(1, "front matter must open with a line holding +++");
  }
  std::size_t close = 1;
  while (close < lines.size() && !is_fence(lines[close])) ++close;
  if (close == lines.size()) {
    return refuse(1, "front matter is not closed: no second line holding +++");
  }
  const std::size_t front_begin =
      static_cast<std::size_t>(lines[1 < lines.size() ? 1 : 0].data() - text.data());
  const std::size_t front_end = static_cast<std::size_t>(lines[close].data() - text.data());
  const std::string_view front =
      std::string_view(text).substr(front_begin, front_end - front_begin);
  const std::size_t body_begin = std::min(text.size(), front_end + lines[close].size() + 1);
  const std::string body = trim_blank_lines(std::string_view(text).substr(body_begin));
  const int body_line = static_cast<int>(close) + 2;

  toml::table table;
  try {
    table = toml::parse(front, std::string(name));
  } catch (const toml::parse_error& e) {
    return refuse(static_cast<int>(e.source().begin.line) + 1,
                  "front matter is not valid TOML: " + std::string(e.description()));
  }

  FrontMatter fm(name, 1, table, problems);

  // id, type, lang first: the other checks depend on them.
  ItemType type = ItemType::faq;
  if (const auto* node = table.get("type"); !node) {
    return refuse(1,
                  "missing type (category, document, faq, service, announcement, office or "
                  "glossary)");
  } else if (const auto* s = node->as_string(); !s || !parse_item_type(s->get())) {
    return refuse(fm.line_of(*node),
                  "unknown type " + (s ? in_quotes(s->get()) : std::string("value")) +
                      " (expected category, document, faq, service, announcement, office or "
                      "glossary)");
  } else {
    type = *parse_item_type(s->get());
  }
  Lang lang = Lang::vi;
  if (const auto* node = table.get("lang"); !node) {
    return refuse(1, "missing lang (vi or en)");
  } else if (const auto* s = node->as_string(); !s || !parse_lang(s->get())) {
    return refuse(fm.line_of(*node), "unknown lang " +
                                         (s ? in_quotes(s->get()) : std::string("value")) +
                                         " (expected vi or en)");
  } else {
    lang = *parse_lang(s->get());
  }
  std::string id;
  if (const auto* node = table.get("id"); !node) {
    return refuse(1, "missing id");
  } else if (const auto* s = node->as_string(); !s || !valid_id(s->get())) {
    return refuse(fm.line_of(*node),
                  "id must be 2 to 64 characters of a-z, 0-9 and '-', such as \"faq-hanh-ly\"");
  } else {
    id = s->get();
  }
  if (type == ItemType::office && id != "office") {
    return refuse(fm.line_of("id"), "the office item's id must be \"office\"");
  }

  const auto specs = fields_of(type);
  for (const auto& [key, node] : table) {
    const std::string_view k = key.str();
    if (k == "id" || k == "type" || k == "lang") continue;
    const bool known =
        std::any_of(specs.begin(), specs.end(), [&](const FieldSpec& f) { return f.name == k; });
    if (!known) {
      fm.problem(fm.line_of(node),
                 "unknown field " + in_quotes(k) + " for a " + std::string(to_string(type)));
    }
  }
  for (const auto& spec : specs) {
    if (spec.required && !table.contains(spec.name)) {
      fm.problem(1, "missing " + std::string(spec.name) + " (required for a " +
                        std::string(to_string(type)) + ")");
    }
  }
  if (body.size() > kMaxBodyBytes) {
    fm.problem(body_line, "the body is " + std::to_string(body.size()) + " bytes; the limit is " +
                              std::to_string(kMaxBodyBytes));
  }
  if (const auto bad = FrontMatter::control_character(body)) {
    fm.problem(body_line, "the body holds the control character " + *bad);
  }

  AuthoredItem item;
  item.type = type;
  item.id = id;
  item.lang = lang;
  const std::string title = fm.line_text("title");
  switch (type) {
    case ItemType::category:
      item.value = Category{id, lang, title, body, fm.integer("order"), 0, 0};
      break;
    case ItemType::document: {
      Document d;
      d.id = id;
      d.lang = lang;
      d.title = title;
      d.category_id = fm.line_text("category");
      item.category_line = fm.line_of("category");
      d.number = fm.line_text("number");
      d.issuer = fm.line_text("issuer");
      d.issued = fm.date("issued");
      d.effective = fm.date("effective");
      d.expires = fm.date("expires");
      d.summary = fm.line_text("summary", kMaxSummaryBytes);
      d.source_url = fm.line_text("source_url");
      if (!d.source_url.empty() && d.source_url.rfind("https://", 0) != 0 &&
          d.source_url.rfind("http://", 0) != 0) {
        fm.problem(fm.line_of("source_url"), "source_url must start with https:// or http://");
      }
      if (!d.source_url.empty() && d.source_url.find_first_of(" \t") != std::string::npos) {
        fm.problem(fm.line_of("source_url"), "source_url must not contain spaces");
      }
      if (!d.expires.empty() && !d.issued.empty() && d.expires < d.issued) {
        fm.problem(fm.line_of("expires"), "expires is before issued");
      }
      d.tags = fm.string_list("tags", kMaxTags, kMaxTagBytes);
      d.body_markdown = body;
      item.value = std::move(d);
      break;
    }
    case ItemType::faq: {
      Faq f{id,    lang, fm.line_text("category"),
            title, body, fm.string_list("tags", kMaxTags, kMaxTagBytes)};
      item.category_line = fm.line_of("category");
      if (body.empty()) fm.problem(body_line, "a FAQ needs an answer below the front matter");
      item.value = std::move(f);
      break;
    }
    case ItemType::service: {
      Service v{id, lang, fm.line_text("prefix"), title, body, fm.integer("order")};
      const bool prefix_ok = !v.prefix.empty() && v.prefix.size() <= 2 &&
                             std::all_of(v.prefix.begin(), v.prefix.end(),
                                         [](char c) { return c >= 'A' && c <= 'Z'; });
      if (table.contains("prefix") && !prefix_ok) {
        fm.problem(fm.line_of("prefix"), "prefix must be one or two capital letters A-Z");
      }
      item.value = std::move(v);
      break;
    }
    case ItemType::announcement: {
      Announcement a{id, lang, title, body, fm.moment("starts", false), fm.moment("ends", true)};
      if (!a.starts.empty() && !a.ends.empty() && a.ends < a.starts) {
        fm.problem(fm.line_of("ends"), "ends is before starts");
      }
      item.value = std::move(a);
      break;
    }
    case ItemType::office: {
      OfficeInfo o{id,
                   lang,
                   title,
                   fm.line_text("address"),
                   fm.line_text("phone"),
                   fm.line_text("email"),
                   fm.string_list("hours", 14, kMaxLineFieldBytes),
                   body};
      item.value = std::move(o);
      break;
    }
    case ItemType::glossary: {
      const auto parsed = parse_glossary(body);
      for (const auto& p : parsed.problems) fm.problem(body_line + p.line - 1, p.reason);
      if (parsed.problems.empty() && parsed.groups.empty()) {
        fm.problem(body_line,
                   "a glossary needs one line \"TERM = TERM\" or more below the front matter");
      }
      item.value = Glossary{id, lang, title, body};
      break;
    }
  }
  if (problems.empty()) result.item = std::move(item);
  return result;
}

}  // namespace content
