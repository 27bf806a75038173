#include "console/item_text.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace kiosk_server::console {
namespace {

using nlohmann::json;

// Keys a GET answer carries that are not the item's own.
const std::set<std::string, std::less<>>& answer_only_keys() {
  static const std::set<std::string, std::less<>> keys = {
      "id",     "lang",    "state", "revision", "deleted", "comment",
      "author", "updated", "path",  "problems", "base",    "published_revision"};
  return keys;
}

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      if (start < text.size()) lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  return line == "+++";
}

std::string two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

json json_of(const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return i->get();
  if (const auto* b = node.as_boolean()) return b->get();
  if (const auto* f = node.as_floating_point()) return f->get();
  if (const auto* d = node.as_date()) {
    const auto v = d->get();
    return std::to_string(v.year) + "-" + two(v.month) + "-" + two(v.day);
  }
  if (const auto* dt = node.as_date_time()) {
    const auto v = dt->get();
    return std::to_string(v.date.year) + "-" + two(v.date.month) + "-" + two(v.date.day) + "T" +
           two(v.time.hour) + ":" + two(v.time.minute);
  }
  if (const auto* a = node.as_array()) {
    json out = json::array();
    for (const auto& element : *a) out.push_back(json_of(element));
    return out;
  }
  return nullptr;
}

}  // namespace

const std::vector<std::string_view>& item_types() {
  static const std::vector<std::string_view> types = {
      "document", "faq", "category", "service", "announcement", "office", "glossary"};
  return types;
}

const std::vector<FieldSpec>& fields_of(std::string_view type) {
  static const std::map<std::string_view, std::vector<FieldSpec>> specs = {
      {"category", {{"title", true, "line"}, {"order", false, "integer"}}},
      {"document",
       {{"title", true, "line"},
        {"category", true, "line"},
        {"number", true, "line"},
        {"issuer", true, "line"},
        {"issued", true, "date"},
        {"effective", false, "date"},
        {"expires", false, "date"},
        {"summary", false, "text"},
        {"source_url", false, "url"},
        {"tags", false, "list"}}},
      {"faq", {{"title", true, "line"}, {"category", true, "line"}, {"tags", false, "list"}}},
      {"service", {{"title", true, "line"}, {"prefix", true, "line"}, {"order", false, "integer"}}},
      {"announcement",
       {{"title", true, "line"}, {"starts", true, "datetime"}, {"ends", true, "datetime"}}},
      {"glossary", {{"title", true, "line"}}},
      {"office",
       {{"title", true, "line"},
        {"address", true, "line"},
        {"phone", false, "line"},
        {"email", false, "line"},
        {"hours", false, "list"}}},
  };
  static const std::vector<FieldSpec> none;
  const auto it = specs.find(type);
  return it == specs.end() ? none : it->second;
}

content::Result<std::string, std::vector<FieldError>> item_text_from_json(const json& fields,
                                                                          const std::string& id,
                                                                          const std::string& lang) {
  std::vector<FieldError> errors;
  if (!fields.is_object()) return std::vector<FieldError>{{"", "the item must be a JSON object"}};
  const auto type_it = fields.find("type");
  if (type_it == fields.end() || !type_it->is_string() ||
      fields_of(type_it->get<std::string>()).empty()) {
    return std::vector<FieldError>{
        {"type",
         "type must be one of document, faq, category, service, announcement, office, glossary"}};
  }
  const std::string type = type_it->get<std::string>();
  const auto& specs = fields_of(type);
  for (const auto& key : {"id", "lang"}) {
    const auto it = fields.find(key);
    if (it != fields.end() && !it->is_null() &&
        !(it->is_string() &&
          it->get<std::string>() == (std::string_view(key) == "id" ? id : lang))) {
      errors.push_back({key, std::string(key) + " must be the one in the address"});
    }
  }
  for (const auto& entry : fields.items()) {
    const std::string key = entry.key();
    if (key == "type" || key == "body" || answer_only_keys().count(key)) continue;
    if (std::none_of(specs.begin(), specs.end(),
                     [&](const FieldSpec& f) { return f.name == key; })) {
      errors.push_back({key, "unknown field \"" + key + "\" for a " + type});
    }
  }

  std::string text = "+++\nid = " + toml_string(id) + "\ntype = " + toml_string(type) +
                     "\nlang = " + toml_string(lang) + "\n";
  for (const auto& spec : specs) {
    const auto it = fields.find(std::string(spec.name));
    if (it == fields.end() || it->is_null()) continue;
    const std::string name(spec.name);
    if (spec.kind == "integer") {
      if (it->is_number_integer()) {
        text += name + " = " + std::to_string(it->get<long long>()) + "\n";
      } else if (it->is_string() && it->get<std::string>().empty()) {
        continue;
      } else if (it->is_string() && it->get<std::string>().size() < 10 &&
                 it->get<std::string>().find_first_not_of("-0123456789") == std::string::npos) {
        text += name + " = " + it->get<std::string>() + "\n";
      } else {
        errors.push_back({name, name + " must be a whole number"});
      }
    } else if (spec.kind == "list") {
      std::vector<std::string> entries;
      if (it->is_array()) {
        for (const auto& e : *it) {
          if (!e.is_string()) {
            errors.push_back({name, name + " must be a list of text"});
            break;
          }
          if (!e.get<std::string>().empty()) entries.push_back(e.get<std::string>());
        }
      } else if (it->is_string()) {
        const auto text = it->get<std::string>();  // lines_of gives views into it
        for (const auto line : lines_of(text)) {
          auto trimmed = std::string(line);
          while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\r')) {
            trimmed.pop_back();
          }
          if (!trimmed.empty()) entries.push_back(trimmed);
        }
      } else {
        errors.push_back({name, name + " must be a list of text"});
      }
      if (entries.empty()) continue;
      text += name + " = [";
      for (std::size_t i = 0; i < entries.size(); ++i) {
        text += (i ? ", " : "") + toml_string(entries[i]);
      }
      text += "]\n";
    } else if (it->is_string()) {
      if (it->get<std::string>().empty()) continue;
      text += name + " = " + toml_string(it->get<std::string>()) + "\n";
    } else {
      errors.push_back({name, name + " must be text"});
    }
  }
  text += "+++\n";
  if (const auto body = fields.find("body"); body != fields.end() && !body->is_null()) {
    if (!body->is_string()) {
      errors.push_back({"body", "body must be text"});
    } else {
      std::string b = body->get<std::string>();
      std::erase(b, '\r');
      text += b;
      if (!b.empty() && b.back() != '\n') text += "\n";
    }
  }
  if (!errors.empty()) return errors;
  return text;
}

content::Result<content::AuthoredItem, std::vector<FieldError>> check_item_text(
    const std::string& text) {
  auto parsed = content::parse_authoring_file("item", text);
  if (parsed.problems.empty() && parsed.item) return std::move(*parsed.item);
  // Which field sits on which line, and where the body starts.
  std::map<int, std::string> field_at;
  const auto lines = lines_of(text);
  int body_line = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (is_fence(lines[i])) {
      body_line = static_cast<int>(i) + 2;
      break;
    }
    const auto eq = lines[i].find(" = ");
    if (eq != std::string_view::npos) field_at[static_cast<int>(i) + 1] = lines[i].substr(0, eq);
  }
  std::vector<FieldError> errors;
  for (const auto& p : parsed.problems) {
    std::string field;
    if (p.reason.rfind("missing ", 0) == 0) {
      field = p.reason.substr(8, p.reason.find(' ', 8) - 8);
    } else if (const auto it = field_at.find(p.line); it != field_at.end()) {
      field = it->second;
    } else if (body_line && p.line >= body_line) {
      field = "body";
    }
    if (field == "id" || field == "lang") field.clear();
    errors.push_back({field, p.reason});
  }
  return errors;
}

json json_from_item_text(std::string_view text) {
  std::string clean;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  clean.reserve(text.size());
  for (const char c : text) {
    if (c != '\r') clean += c;
  }
  const auto lines = lines_of(clean);
  json out = json::object();
  std::size_t close = 1;
  while (close < lines.size() && !is_fence(lines[close])) ++close;
  if (lines.empty() || !is_fence(lines[0]) || close >= lines.size()) {
    out["body"] = clean;
    return out;
  }
  const auto front_begin =
      static_cast<std::size_t>(lines[0].data() - clean.data()) + lines[0].size() + 1;
  const auto front_end = static_cast<std::size_t>(lines[close].data() - clean.data());
  auto body_begin = std::min(clean.size(), front_end + lines[close].size() + 1);
  std::string body = clean.substr(body_begin);
  while (!body.empty() && body.front() == '\n') body.erase(body.begin());
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
  try {
    const auto table =
        toml::parse(std::string_view(clean).substr(front_begin, front_end - front_begin));
    for (const auto& [key, node] : table) {
      const std::string k(key.str());
      if (k == "id" || k == "lang") continue;
      out[k] = json_of(node);
    }
  } catch (const toml::parse_error&) {
    out["body"] = clean;
    return out;
  }
  out["body"] = body;
  return out;
}

std::string title_of(const content::AuthoredItem& item) {
  return std::visit(
      [](const auto& v) -> std::string {
        if constexpr (requires { v.question; }) {
          return v.question;
        } else if constexpr (requires { v.name; }) {
          return v.name;
        } else {
          return v.title;
        }
      },
      item.value);
}

std::string body_of(const content::AuthoredItem& item) {
  return std::visit(
      [](const auto& v) -> std::string {
        if constexpr (requires { v.answer_markdown; }) {
          return v.answer_markdown;
        } else if constexpr (requires { v.description; }) {
          return v.description;
        } else if constexpr (requires { v.info_markdown; }) {
          return v.info_markdown;
        } else if constexpr (requires { v.terms; }) {
          return v.terms;
        } else {
          return v.body_markdown;
        }
      },
      item.value);
}

}  // namespace kiosk_server::console
