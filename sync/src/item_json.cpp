#include "sync/item_json.hpp"

#include <nlohmann/json.hpp>

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
    }
    item.category_line = 1;
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
      },
      item.value);
}

}  // namespace published
