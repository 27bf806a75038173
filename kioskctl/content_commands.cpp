// kioskctl import, search, show and stats.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "content/authoring.hpp"
#include "content/store.hpp"
#include "content/visitor_search.hpp"
#include "kiosk/telex.hpp"

namespace kioskctl {
namespace {

using content::Lang;
using json = nlohmann::json;

constexpr std::size_t kMaxProblemsShown = 100;

// Options every content command shares; returns nullopt after reporting an error.
std::optional<Lang> lang_option(std::string_view command, const Args& args, int& exit_code) {
  const auto text = args.value("lang").value_or("vi");
  const auto lang = content::parse_lang(text);
  if (!lang) exit_code = usage_error(command, "--lang must be vi or en, not \"" + text + "\"");
  return lang;
}

std::optional<content::ContentStore> open_store(const Args& args, content::OpenMode mode) {
  auto store = content::ContentStore::open(*args.value("db"), mode);
  if (!store) {
    std::cerr << "kioskctl: " << store.error().message << "\n";
    return std::nullopt;
  }
  return std::move(store).value();
}

// Snippet marks shown to people: «matched word».
std::string readable_snippet(std::string snippet) {
  std::string out;
  for (const char c : snippet) {
    if (c == content::kSnippetOpen) {
      out += "«";
    } else if (c == content::kSnippetClose) {
      out += "»";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

json lines_json(const std::vector<std::string>& lines) { return json(lines); }

}  // namespace

int cmd_import(int argc, char** argv) {
  auto parsed = parse_args(argc, argv, 2, {"db"}, {});
  if (!parsed) return usage_error("import", parsed.error().message);
  const Args& args = *parsed;
  if (args.positional.size() != 1 || !args.value("db")) {
    return usage_error("import", "usage: kioskctl import SRC --db FILE");
  }
  const auto load = content::load_authoring_tree(args.positional[0]);
  if (!load.problems.empty()) {
    std::size_t shown = 0;
    for (const auto& p : load.problems) {
      if (shown++ == kMaxProblemsShown) break;
      std::cerr << p.to_string() << "\n";
    }
    if (load.problems.size() > kMaxProblemsShown) {
      std::cerr << "... and " << load.problems.size() - kMaxProblemsShown << " more\n";
    }
    std::cerr << "kioskctl import: refused " << args.positional[0] << " (" << load.problems.size()
              << (load.problems.size() == 1 ? " problem" : " problems")
              << "); the cache was not changed\n";
    return 1;
  }
  auto store = open_store(args, content::OpenMode::read_write);
  if (!store) return 1;
  const auto version = store->stats().content_version + 1;
  if (auto s = store->replace_content(load.set, version); !s) {
    std::cerr << "kioskctl import: " << s.error().message << "; the cache was not changed\n";
    return 1;
  }
  const auto stats = store->stats();
  std::cout << "imported " << load.files << " files into " << *args.value("db")
            << " (content version " << stats.content_version << "): " << stats.categories
            << " categories, " << stats.documents << " documents, " << stats.faqs << " FAQs, "
            << stats.services << " services, " << stats.announcements << " announcements, "
            << stats.offices << " office\n";
  return 0;
}

namespace {

// The heading the kiosk shows over hits from a fallback (the kiosk's own
// strings are in assets/i18n; these are the same words).
std::string fallback_heading(content::SearchSource source, Lang lang, const std::string& keys) {
  const bool vi = lang == Lang::vi;
  switch (source) {
    case content::SearchSource::typed:
      return {};
    case content::SearchSource::keys:
      return (vi ? "Kết quả cho các phím đã gõ “" : "Results for the keys as typed “") + keys + "”";
    case content::SearchSource::other_language:
      return vi ? "Kết quả bằng tiếng Anh" : "Results in Vietnamese";
    case content::SearchSource::keys_other_language:
      return (vi ? "Kết quả bằng tiếng Anh cho các phím đã gõ “"
                 : "Results in Vietnamese for the keys as typed “") +
             keys + "”";
  }
  return {};
}

std::string_view source_name(content::SearchSource source) {
  switch (source) {
    case content::SearchSource::typed:
      return "typed";
    case content::SearchSource::keys:
      return "keys";
    case content::SearchSource::other_language:
      return "other_language";
    case content::SearchSource::keys_other_language:
      return "keys_other_language";
  }
  return "typed";
}

}  // namespace

int cmd_search(int argc, char** argv) {
  auto parsed = parse_args(argc, argv, 2, {"db", "lang", "limit", "keys"}, {"json", "telex"});
  if (!parsed) return usage_error("search", parsed.error().message);
  const Args& args = *parsed;
  if (args.positional.size() != 1 || !args.value("db") ||
      (args.flag("telex") && args.value("keys"))) {
    return usage_error("search",
                       "usage: kioskctl search QUERY --db FILE [--lang vi|en] [--limit N] "
                       "[--keys KEYS | --telex] [--json]");
  }
  int code = 0;
  const auto lang = lang_option("search", args, code);
  if (!lang) return code;
  int limit = 20;
  if (const auto text = args.value("limit")) {
    try {
      std::size_t used = 0;
      limit = std::stoi(*text, &used);
      if (used != text->size() || limit < 1 || limit > 1000) throw std::out_of_range("limit");
    } catch (const std::exception&) {
      return usage_error("search", "--limit must be a number from 1 to 1000");
    }
  }
  // --telex: QUERY is the keys pressed on the kiosk's keyboard in Vietnamese
  // mode; the search gets the composed text and the keys, as on screen.
  std::string text = args.positional[0];
  std::string keys = args.value("keys").value_or("");
  if (args.flag("telex")) {
    keys = text;
    text = kiosk::compose_telex(keys);
  }
  auto store = open_store(args, content::OpenMode::read_only);
  if (!store) return 1;
  auto found = content::search_for_visitor(*store, text, keys, *lang, limit);
  if (!found) {
    std::cerr << "kioskctl search: " << found.error().message << "\n";
    return 1;
  }
  const auto& hits = found->hits;
  if (args.flag("json")) {
    json out = json::array();
    for (const auto& h : hits) {
      out.push_back({{"id", h.id},
                     {"type", content::to_string(h.type)},
                     {"lang", content::to_string(h.lang)},
                     {"title", h.title},
                     {"number", h.number},
                     {"snippet", readable_snippet(h.snippet)},
                     {"score", h.score},
                     {"found_by", source_name(found->source)}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (hits.empty()) {
    std::cout << "nothing found\n";
    return 0;
  }
  if (const auto heading = fallback_heading(found->source, *lang, keys); !heading.empty()) {
    std::cout << "== " << heading << " ==\n";
  }
  for (const auto& h : hits) {
    std::cout << h.id << "  [" << content::to_string(h.type) << ", " << content::to_string(h.lang)
              << "]  " << (h.number.empty() ? "" : h.number + "  ") << h.title << "\n    "
              << readable_snippet(h.snippet) << "\n";
  }
  return 0;
}

int cmd_show(int argc, char** argv) {
  auto parsed = parse_args(argc, argv, 2, {"db", "lang"}, {"json"});
  if (!parsed) return usage_error("show", parsed.error().message);
  const Args& args = *parsed;
  if (args.positional.size() != 1 || !args.value("db")) {
    return usage_error("show", "usage: kioskctl show ID --db FILE [--lang vi|en]");
  }
  int code = 0;
  const auto lang = lang_option("show", args, code);
  if (!lang) return code;
  auto store = open_store(args, content::OpenMode::read_only);
  if (!store) return 1;
  const std::string& id = args.positional[0];
  const bool as_json = args.flag("json");
  if (const auto d = store->document(id, *lang)) {
    if (as_json) {
      std::cout << json{{"id", d->id},
                        {"type", "document"},
                        {"lang", content::to_string(d->lang)},
                        {"category", d->category_id},
                        {"title", d->title},
                        {"number", d->number},
                        {"issuer", d->issuer},
                        {"issued", d->issued},
                        {"effective", d->effective},
                        {"expires", d->expires},
                        {"summary", d->summary},
                        {"source_url", d->source_url},
                        {"tags", lines_json(d->tags)},
                        {"body", d->body_markdown}}
                       .dump(2)
                << "\n";
      return 0;
    }
    std::cout << d->number << " — " << d->title << "\n"
              << "issuer:    " << d->issuer << "\n"
              << "issued:    " << d->issued << "\n";
    if (!d->effective.empty()) std::cout << "effective: " << d->effective << "\n";
    if (!d->expires.empty()) std::cout << "expires:   " << d->expires << "\n";
    if (!d->source_url.empty()) std::cout << "source:    " << d->source_url << "\n";
    if (d->lang != *lang) std::cout << "(only in " << content::to_string(d->lang) << ")\n";
    if (!d->summary.empty()) std::cout << "\n" << d->summary << "\n";
    std::cout << "\n" << d->body_markdown << "\n";
    return 0;
  }
  if (const auto f = store->faq(id, *lang)) {
    if (as_json) {
      std::cout << json{{"id", f->id},
                        {"type", "faq"},
                        {"lang", content::to_string(f->lang)},
                        {"category", f->category_id},
                        {"title", f->question},
                        {"tags", lines_json(f->tags)},
                        {"body", f->answer_markdown}}
                       .dump(2)
                << "\n";
      return 0;
    }
    std::cout << f->question << "\n";
    if (f->lang != *lang) std::cout << "(only in " << content::to_string(f->lang) << ")\n";
    std::cout << "\n" << f->answer_markdown << "\n";
    return 0;
  }
  std::cerr << "kioskctl show: no document or FAQ with id \"" << id.substr(0, 80) << "\"\n";
  return 1;
}

int cmd_stats(int argc, char** argv) {
  auto parsed = parse_args(argc, argv, 2, {"db"}, {"json"});
  if (!parsed) return usage_error("stats", parsed.error().message);
  const Args& args = *parsed;
  if (!args.positional.empty() || !args.value("db")) {
    return usage_error("stats", "usage: kioskctl stats --db FILE [--json]");
  }
  auto store = open_store(args, content::OpenMode::read_only);
  if (!store) return 1;
  const auto s = store->stats();
  if (args.flag("json")) {
    std::cout << json{{"schema_version", s.schema_version},
                      {"content_version", s.content_version},
                      {"imported_at", s.imported_at},
                      {"categories", s.categories},
                      {"documents", s.documents},
                      {"faqs", s.faqs},
                      {"services", s.services},
                      {"announcements", s.announcements},
                      {"offices", s.offices},
                      {"file_bytes", s.file_bytes}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::cout << "schema version:  " << s.schema_version << "\n"
            << "content version: " << s.content_version << "\n"
            << "imported at:     " << (s.imported_at.empty() ? "never" : s.imported_at) << "\n"
            << "categories:      " << s.categories << "\n"
            << "documents:       " << s.documents << "\n"
            << "FAQs:            " << s.faqs << "\n"
            << "services:        " << s.services << "\n"
            << "announcements:   " << s.announcements << "\n"
            << "office:          " << s.offices << "\n"
            << "file size:       " << s.file_bytes << " bytes\n";
  return 0;
}

}  // namespace kioskctl
