#include "sync/item_json.hpp"

#include <nlohmann/json.hpp>

#include "content/authoring.hpp"
#include "content/glossary.hpp"
#include "content/text.hpp"

namespace published {
namespace {

using nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::strict); }

json base(std::string_view type, const std::string& id, content::Lang lang) {
  return json{{"type", type}, {"id", id}, {"lang", content::to_string(lang)}};
}

// Reads a string field; empty when absent. Throws (caught below) on a wrong kind.
std::string text(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return {};
  const std::string value = it->get<std::string>();
  if (content::text::first_invalid_utf8(value)) throw std::invalid_argument("invalid UTF-8");
  return value;
}

std::vector<std::string> lines(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return {};
  return it->get<std::vector<std::string>>();
}

}  // namespace

std::string object_bytes(const content::Category& c) {
  json j = base("category", c.id, c.lang);
  j["title"] = c.title;
  j["description"] = c.description;
  j["order"] = c.order;
  return dump(j);
}

std::string object_bytes(const content::Document& d) {
  json j = base("document", d.id, d.lang);
  j["category"] = d.category_id;
  j["title"] = d.title;
  j["number"] = d.number;
  j["issuer"] = d.issuer;
  j["issued"] = d.issued;
  j["effective"] = d.effective;
  j["expires"] = d.expires;
  j["summary"] = d.summary;
  j["body"] = d.body_markdown;
  j["tags"] = d.tags;
  j["source_url"] = d.source_url;
  return dump(j);
}

std::string object_bytes(const content::Faq& f) {
  json j = base("faq", f.id, f.lang);
  j["category"] = f.category_id;
  j["title"] = f.question;
  j["body"] = f.answer_markdown;
  j["tags"] = f.tags;
  return dump(j);
}

std::string object_bytes(const content::Service& s) {
  json j = base("service", s.id, s.lang);
  j["title"] = s.name;
  j["prefix"] = s.prefix;
  j["body"] = s.description;
  j["order"] = s.order;
  return dump(j);
}

std::string object_bytes(const content::Announcement& a) {
  json j = base("announcement", a.id, a.lang);
  j["title"] = a.title;
  j["body"] = a.body_markdown;
  j["starts"] = a.starts;
  j["ends"] = a.ends;
  return dump(j);
}

std::string object_bytes(const content::OfficeInfo& o) {
  json j = base("office", o.id, o.lang);
  j["title"] = o.name;
  j["address"] = o.address;
  j["phone"] = o.phone;
  j["email"] = o.email;
  j["hours"] = o.hours;
  j["body"] = o.info_markdown;
  return dump(j);
}

std::string object_bytes(const content::Glossary& g) {
  json j = base("glossary", g.id, g.lang);
  j["title"] = g.title;
  j["body"] = g.terms;
  return dump(j);
}

namespace {

// What an authoring file could never hold, a signed object may not either:
// the limits of the authoring format, NFC text, no control characters, the
// shapes of ids, prefixes and dates. (JSON parsing already refused invalid
// UTF-8.) Empty when the item is fine.
std::string field_problem(const content::AuthoredItem& item) {
  std::string problem;
  auto text = [&](const char* name, const std::string& value, std::size_t max, bool multiline) {
    if (!problem.empty()) return;
    if (value.size() > max) {
      problem = std::string(name) + " is longer than " + std::to_string(max) + " bytes";
      return;
    }
    for (const unsigned char c : value) {
      if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t'))) || c == 0x7f) {
        problem = std::string(name) + " holds a control character";
        return;
      }
    }
    if (content::text::to_nfc(value) != value) problem = std::string(name) + " is not NFC";
  };
  auto shape = [&](const char* name, const std::string& value, std::string_view pattern) {
    // pattern: '9' a digit, anything else itself; an empty value passes.
    if (!problem.empty() || value.empty()) return;
    bool ok = value.size() == pattern.size();
    for (std::size_t i = 0; ok && i < value.size(); ++i) {
      ok = pattern[i] == '9' ? (value[i] >= '0' && value[i] <= '9') : value[i] == pattern[i];
    }
    if (!ok) problem = std::string(name) + " is not " + std::string(pattern);
  };
  auto tags = [&](const std::vector<std::string>& list) {
    if (list.size() > content::kMaxTags) problem = "too many tags";
    for (const auto& t : list) text("a tag", t, content::kMaxTagBytes, false);
  };
  const auto line = content::kMaxLineFieldBytes;
  const auto body = content::kMaxBodyBytes;
  if (item.id.size() < 2 ||
      item.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    return "the id is not 2 to 64 characters of a-z, 0-9 and '-'";
  }
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, content::Category>) {
          text("title", v.title, line, false);
          text("description", v.description, body, true);
        } else if constexpr (std::is_same_v<T, content::Document>) {
          text("title", v.title, line, false);
          text("category", v.category_id, 64, false);
          text("number", v.number, line, false);
          text("issuer", v.issuer, line, false);
          text("summary", v.summary, content::kMaxSummaryBytes, true);
          text("body", v.body_markdown, body, true);
          text("source_url", v.source_url, line, false);
          shape("issued", v.issued, "9999-99-99");
          shape("effective", v.effective, "9999-99-99");
          shape("expires", v.expires, "9999-99-99");
          tags(v.tags);
        } else if constexpr (std::is_same_v<T, content::Faq>) {
          text("title", v.question, line, false);
          text("category", v.category_id, 64, false);
          text("body", v.answer_markdown, body, true);
          tags(v.tags);
        } else if constexpr (std::is_same_v<T, content::Service>) {
          text("title", v.name, line, false);
          text("body", v.description, body, true);
          const bool prefix_ok =
              !v.prefix.empty() && v.prefix.size() <= 2 &&
              v.prefix.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos;
          if (!prefix_ok && problem.empty()) problem = "prefix is not one or two letters A-Z";
        } else if constexpr (std::is_same_v<T, content::Announcement>) {
          text("title", v.title, line, false);
          text("body", v.body_markdown, body, true);
          shape("starts", v.starts, "9999-99-99T99:99");
          shape("ends", v.ends, "9999-99-99T99:99");
        } else if constexpr (std::is_same_v<T, content::OfficeInfo>) {
          text("title", v.name, line, false);
          text("address", v.address, line, false);
          text("phone", v.phone, line, false);
          text("email", v.email, line, false);
          text("body", v.info_markdown, body, true);
          if (v.hours.size() > content::kMaxTags) problem = "too many lines of hours";
          for (const auto& h : v.hours) text("hours", h, line, false);
        } else if constexpr (std::is_same_v<T, content::Glossary>) {
          text("title", v.title, line, false);
          text("body", v.terms, body, true);
          if (problem.empty()) {
            const auto parsed = content::parse_glossary(v.terms);
            if (!parsed.problems.empty()) {
              problem = "glossary line " + std::to_string(parsed.problems.front().line) + ": " +
                        parsed.problems.front().reason;
            }
          }
        }
      },
      item.value);
  return problem;
}

}  // namespace

content::Result<content::AuthoredItem> parse_object(std::string_view bytes) {
  try {
    const json j = json::parse(bytes);
    if (!j.is_object()) return content::Error{"an object must be a JSON object"};
    const auto type = content::parse_item_type(text(j, "type"));
    const auto lang = content::parse_lang(text(j, "lang"));
    const std::string id = text(j, "id");
    if (!type || !lang || id.empty() || id.size() > 64) {
      return content::Error{"an object needs a known type, lang and id"};
    }
    content::AuthoredItem item;
    item.type = *type;
    item.id = id;
    item.lang = *lang;
    switch (*type) {
      case content::ItemType::category:
        item.value = content::Category{
            id, *lang, text(j, "title"), text(j, "description"), j.value("order", 0), 0, 0};
        break;
      case content::ItemType::document: {
        content::Document d;
        d.id = id;
        d.lang = *lang;
        d.category_id = text(j, "category");
        d.title = text(j, "title");
        d.number = text(j, "number");
        d.issuer = text(j, "issuer");
        d.issued = text(j, "issued");
        d.effective = text(j, "effective");
        d.expires = text(j, "expires");
        d.summary = text(j, "summary");
        d.body_markdown = text(j, "body");
        d.tags = lines(j, "tags");
        d.source_url = text(j, "source_url");
        item.value = std::move(d);
        break;
      }
      case content::ItemType::faq:
        item.value = content::Faq{
            id, *lang, text(j, "category"), text(j, "title"), text(j, "body"), lines(j, "tags")};
        break;
      case content::ItemType::service:
        item.value = content::Service{
            id, *lang, text(j, "prefix"), text(j, "title"), text(j, "body"), j.value("order", 0)};
        break;
      case content::ItemType::announcement:
        item.value = content::Announcement{
            id, *lang, text(j, "title"), text(j, "body"), text(j, "starts"), text(j, "ends")};
        break;
      case content::ItemType::office:
        item.value = content::OfficeInfo{id,
                                         *lang,
                                         text(j, "title"),
                                         text(j, "address"),
                                         text(j, "phone"),
                                         text(j, "email"),
                                         lines(j, "hours"),
                                         text(j, "body")};
        break;
      case content::ItemType::glossary:
        item.value = content::Glossary{id, *lang, text(j, "title"), text(j, "body")};
        break;
    }
    item.category_line = 1;
    if (const auto problem = field_problem(item); !problem.empty()) {
      return content::Error{"object \"" + id + "\": " + problem};
    }
    return item;
  } catch (const std::exception& e) {
    return content::Error{std::string("malformed object: ") + e.what()};
  }
}

void add_to_set(content::AuthoredItem item, content::ContentSet& set) {
  std::visit(
      [&](auto&& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, content::Category>)
          set.categories.push_back(std::move(value));
        if constexpr (std::is_same_v<T, content::Document>)
          set.documents.push_back(std::move(value));
        if constexpr (std::is_same_v<T, content::Faq>) set.faqs.push_back(std::move(value));
        if constexpr (std::is_same_v<T, content::Service>) set.services.push_back(std::move(value));
        if constexpr (std::is_same_v<T, content::Announcement>) {
          set.announcements.push_back(std::move(value));
        }
        if constexpr (std::is_same_v<T, content::OfficeInfo>)
          set.offices.push_back(std::move(value));
        if constexpr (std::is_same_v<T, content::Glossary>) {
          set.glossaries.push_back(std::move(value));
        }
      },
      item.value);
}

}  // namespace published
