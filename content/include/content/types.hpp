// Plain value types the content store hands to its readers (the touch app, kioskctl).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace content {

enum class Lang { vi, en };

std::string_view to_string(Lang lang);
// Accepts "vi" and "en" only.
std::optional<Lang> parse_lang(std::string_view text);
Lang other(Lang lang);

// `glossary` came last (the numbering of the others is kept): abbreviations
// and synonyms that widen a search (see content/glossary.hpp).
enum class ItemType { category, document, faq, service, announcement, office, glossary };

std::string_view to_string(ItemType type);
std::optional<ItemType> parse_item_type(std::string_view text);

// Every item says which language it is in: when the requested language is
// missing, the store falls back to the other one and `lang` tells the reader.
struct Category {
  std::string id;
  Lang lang = Lang::vi;
  std::string title;
  std::string description;
  int order = 0;
  int document_count = 0;
  int faq_count = 0;
};

// One line in a list of documents or FAQs.
struct EntrySummary {
  std::string id;
  ItemType type = ItemType::document;
  Lang lang = Lang::vi;
  std::string title;
  std::string number;  // documents only
};

struct Document {
  std::string id;
  Lang lang = Lang::vi;
  std::string category_id;
  std::string title;
  std::string number;  // e.g. "628/QĐ-TTg"
  std::string issuer;
  std::string issued;     // YYYY-MM-DD
  std::string effective;  // YYYY-MM-DD or empty
  std::string expires;    // YYYY-MM-DD or empty
  std::string summary;
  std::string body_markdown;
  std::vector<std::string> tags;
  std::string source_url;

  // True when `today` (YYYY-MM-DD) is after the expiry date.
  bool expired_on(std::string_view today) const;
};

struct Faq {
  std::string id;
  Lang lang = Lang::vi;
  std::string category_id;
  std::string question;
  std::string answer_markdown;
  std::vector<std::string> tags;
};

struct Service {
  std::string id;  // the service code
  Lang lang = Lang::vi;
  std::string prefix;  // ticket prefix, "A"
  std::string name;
  std::string description;
  int order = 0;
};

struct Announcement {
  std::string id;
  Lang lang = Lang::vi;
  std::string title;
  std::string body_markdown;
  std::string starts;  // YYYY-MM-DDTHH:MM, local time
  std::string ends;    // YYYY-MM-DDTHH:MM, local time, inclusive
};

struct OfficeInfo {
  std::string id;
  Lang lang = Lang::vi;
  std::string name;
  std::string address;
  std::string phone;
  std::string email;
  std::vector<std::string> hours;
  std::string info_markdown;
};

// Terms that mean the same to a visitor ("XNK" and "xuất nhập khẩu"): one
// group per line of `terms`, its terms separated by '=' (content/glossary.hpp).
// Never shown; the search reads every glossary, in both languages, and the
// list built into the kiosk.
struct Glossary {
  std::string id;
  Lang lang = Lang::vi;
  std::string title;
  std::string terms;
};

// Marks around each matched word in SearchHit::snippet. Neither can occur in
// imported text (control characters are refused).
inline constexpr char kSnippetOpen = '\x02';
inline constexpr char kSnippetClose = '\x03';

// One search result: `snippet` is plain text from the body, with each matched
// word between kSnippetOpen and kSnippetClose.
struct SearchHit {
  std::string id;
  ItemType type = ItemType::document;
  Lang lang = Lang::vi;
  std::string title;
  std::string number;
  std::string snippet;
  double score = 0;  // higher is better
};

struct StoreStats {
  int schema_version = 0;
  std::int64_t content_version = 0;
  std::string imported_at;  // UTC, ISO 8601
  int categories = 0;
  int documents = 0;
  int faqs = 0;
  int services = 0;
  int announcements = 0;
  int offices = 0;
  std::int64_t file_bytes = 0;
};

}  // namespace content
