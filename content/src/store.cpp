#include "content/store.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "content/text.hpp"
#include "markdown_text.hpp"
#include "schema.hpp"
#include "search_tokenizer.hpp"
#include "store_impl.hpp"

namespace content {
namespace {

std::string utc_now_iso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    if (!out.empty()) out.push_back('\n');
    out += line;
  }
  return out;
}

// For each item (id), the languages it exists in; gives each row its `serves` bits.
template <typename Item>
std::map<std::string, int, std::less<>> languages_of(const std::vector<Item>& items) {
  std::map<std::string, int, std::less<>> present;
  for (const auto& item : items) present[item.id] |= serves_bit(item.lang);
  return present;
}

template <typename Item>
int serves_of(const Item& item, const std::map<std::string, int, std::less<>>& present) {
  const int own = serves_bit(item.lang);
  const int all = present.find(item.id)->second;
  return all == own ? 3 : own;
}

// The `serves` bits as words in the search index, so the language filter is
// part of the MATCH and costs nothing per row.
std::string audience_words(int serves) {
  std::string words;
  if (serves & serves_bit(Lang::vi)) words += "forvi";
  if (serves & serves_bit(Lang::en)) words += words.empty() ? "foren" : " foren";
  return words;
}

Status fail(const char* what, const Status& s) {
  return Error{std::string(what) + ": " + s.error().message};
}

}  // namespace

ContentStore::ContentStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ContentStore::ContentStore(ContentStore&&) noexcept = default;
ContentStore& ContentStore::operator=(ContentStore&&) noexcept = default;
ContentStore::~ContentStore() = default;

Result<ContentStore> ContentStore::open(const std::filesystem::path& file, OpenMode mode) {
  const int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY
                                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  auto opened = sql::Db::open(file, flags);
  if (!opened) return opened.error();
  sql::Db db = std::move(opened).value();
  // Reads through a memory map: search touches many index pages, and copying
  // each through read() costs more than the search itself.
  (void)db.exec("PRAGMA mmap_size = 268435456; PRAGMA cache_size = -8192;");
  if (auto s = register_search_tokenizer(db.get()); !s) return s.error();

  if (mode == OpenMode::read_write) {
    auto s = db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    if (!s) return Error{file.string() + ": " + s.error().message};
    if (s = migrate(db); !s) return Error{file.string() + ": " + s.error().message};
  } else {
    const int version = schema_version_of(db);
    if (version < 0) {
      return Error{file.string() + " is not a kiosk content cache: " + db.last_error()};
    }
    if (version != current_schema_version()) {
      return Error{file.string() + " has schema version " + std::to_string(version) +
                   "; this program reads version " + std::to_string(current_schema_version()) +
                   (version < current_schema_version() ? " (import or sync once to upgrade it)"
                                                       : " (a newer program wrote it)")};
    }
  }
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db);
  impl->file = file;
  impl->mode = mode;
  return ContentStore(std::move(impl));
}

StoreStats ContentStore::stats() const {
  StoreStats stats;
  stats.schema_version = schema_version_of(impl_->db);
  auto count = [&](std::string_view sql) {
    auto stmt = sql::Stmt::prepare(impl_->db, sql);
    return stmt && stmt->step() ? static_cast<int>(stmt->integer(0)) : 0;
  };
  stats.categories = count("SELECT count(DISTINCT id) FROM category");
  stats.documents = count("SELECT count(DISTINCT id) FROM entry WHERE kind = 'document'");
  stats.faqs = count("SELECT count(DISTINCT id) FROM entry WHERE kind = 'faq'");
  stats.services = count("SELECT count(DISTINCT id) FROM service");
  stats.announcements = count("SELECT count(DISTINCT id) FROM announcement");
  stats.offices = count("SELECT count(DISTINCT id) FROM office");
  if (auto stmt = sql::Stmt::prepare(impl_->db, "SELECT key, value FROM meta")) {
    while (stmt->step()) {
      const auto key = stmt->text(0);
      if (key == "content_version") {
        const std::string v = stmt->text(1);
        std::from_chars(v.data(), v.data() + v.size(), stats.content_version);
      }
      if (key == "imported_at") stats.imported_at = stmt->text(1);
    }
  }
  std::error_code ec;
  const auto size = std::filesystem::file_size(impl_->file, ec);
  stats.file_bytes = ec ? 0 : static_cast<std::int64_t>(size);
  return stats;
}

Status ContentStore::replace_content(const ContentSet& set, std::int64_t version) {
  if (impl_->mode != OpenMode::read_write) return Error{"the store is open read-only"};
  const auto& db = impl_->db;
  sql::Transaction tx(db);
  if (auto s = tx.begin(); !s) return fail("cannot start the import", s);
  // The installed version only grows; read inside the transaction, so two
  // writers cannot both install the same number.
  if (auto stmt = sql::Stmt::prepare(db, "SELECT value FROM meta WHERE key = 'content_version'")) {
    if (stmt->step()) {
      const std::string current_text = stmt->text(0);
      std::int64_t current = 0;
      std::from_chars(current_text.data(), current_text.data() + current_text.size(), current);
      if (version <= current) {
        return Error{"content version " + std::to_string(version) +
                     " is not newer than the installed " + std::to_string(current)};
      }
    }
  }
  // A bulk load: let the search index collect more in memory before it
  // writes a segment (fewer segments, fewer merges), and keep more pages.
  if (auto s = db.exec(
          "PRAGMA cache_size = -65536;"
          "INSERT INTO entry_fts(entry_fts, rank) VALUES('hashsize', 67108864);"
          "INSERT INTO entry_title_fts(entry_title_fts, rank) VALUES('hashsize', 16777216);");
      !s) {
    return fail("cannot prepare the import", s);
  }
  if (auto s = db.exec("DELETE FROM category; DELETE FROM entry; DELETE FROM service;"
                       "DELETE FROM announcement; DELETE FROM office;"
                       "INSERT INTO entry_fts(entry_fts) VALUES('delete-all');"
                       "INSERT INTO entry_title_fts(entry_title_fts) VALUES('delete-all');");
      !s) {
    return fail("cannot clear the old content", s);
  }

  {
    auto stmt = sql::Stmt::prepare(
        db, "INSERT INTO category(id, lang, serves, title, description, sort) VALUES(?,?,?,?,?,?)");
    if (!stmt) return stmt.error();
    const auto present = languages_of(set.categories);
    for (const auto& c : set.categories) {
      stmt->bind(1, c.id).bind(2, to_string(c.lang)).bind(3, serves_of(c, present));
      stmt->bind(4, c.title).bind(5, c.description).bind(6, c.order);
      if (auto s = stmt->run(); !s) return fail("cannot store a category", s);
    }
  }

  {
    auto entry = sql::Stmt::prepare(
        db,
        "INSERT INTO entry(kind, id, lang, serves, category_id, title, number, number_key, "
        "audience, issuer, issued, effective, expires, summary, source_url, tags, body) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!entry) return entry.error();
    auto fts = sql::Stmt::prepare(
        db,
        "INSERT INTO entry_fts(rowid, title, number, tags, body_text, number_key, audience) "
        "VALUES(last_insert_rowid(), ?, ?, ?, ?, ?, ?)");
    if (!fts) return fts.error();
    auto title_fts = sql::Stmt::prepare(
        db,
        "INSERT INTO entry_title_fts(rowid, title, number, tags, number_key, audience) "
        "VALUES(last_insert_rowid(), ?, ?, ?, ?, ?)");
    if (!title_fts) return title_fts.error();

    auto add = [&](std::string_view kind, const std::string& id, Lang lang, int serves,
                   const std::string& category_id, const std::string& title, const Document* doc,
                   const std::vector<std::string>& tags, const std::string& body) -> Status {
      const std::string number = doc ? doc->number : std::string();
      const std::string key = text::number_key(number);
      const std::string tag_lines = join_lines(tags);
      const std::string body_text = markdown_to_plain_text(body);
      const std::string audience = audience_words(serves);
      entry->bind(1, kind).bind(2, id).bind(3, to_string(lang)).bind(4, serves);
      entry->bind(5, category_id).bind(6, title).bind(7, number).bind(8, key);
      entry->bind(9, audience);
      entry->bind(10, doc ? doc->issuer : "").bind(11, doc ? doc->issued : "");
      entry->bind(12, doc ? doc->effective : "").bind(13, doc ? doc->expires : "");
      entry->bind(14, doc ? doc->summary : "").bind(15, doc ? doc->source_url : "");
      entry->bind(16, tag_lines).bind(17, body);
      if (auto s = entry->run(); !s) return s;
      fts->bind(1, title).bind(2, number).bind(3, tag_lines).bind(4, body_text).bind(5, key);
      fts->bind(6, audience);
      if (auto s = fts->run(); !s) return s;
      title_fts->bind(1, title).bind(2, number).bind(3, tag_lines).bind(4, key).bind(5, audience);
      return title_fts->run();
    };

    // Rowid order is the order search ranks rows in when a query matches
    // more than it ranks (see search.cpp): documents in force, newest first,
    // then FAQs in tree order, then documents no longer in force.
    const std::string today = utc_now_iso().substr(0, 10);
    std::vector<const Document*> in_force, expired;
    for (const auto& d : set.documents) (d.expired_on(today) ? expired : in_force).push_back(&d);
    std::stable_sort(in_force.begin(), in_force.end(),
                     [](const Document* a, const Document* b) { return a->issued > b->issued; });
    const auto doc_present = languages_of(set.documents);
    auto add_documents = [&](const std::vector<const Document*>& documents) -> Status {
      for (const auto* d : documents) {
        if (auto s = add("document", d->id, d->lang, serves_of(*d, doc_present), d->category_id,
                         d->title, d, d->tags, d->body_markdown);
            !s) {
          return fail("cannot store a document", s);
        }
      }
      return {};
    };
    if (auto s = add_documents(in_force); !s) return s;
    const auto faq_present = languages_of(set.faqs);
    for (const auto& f : set.faqs) {
      if (auto s = add("faq", f.id, f.lang, serves_of(f, faq_present), f.category_id, f.question,
                       nullptr, f.tags, f.answer_markdown);
          !s) {
        return fail("cannot store a FAQ", s);
      }
    }
    if (auto s = add_documents(expired); !s) return s;
  }

  {
    auto stmt = sql::Stmt::prepare(db,
                                   "INSERT INTO service(id, lang, serves, prefix, name, "
                                   "description, sort) VALUES(?,?,?,?,?,?,?)");
    if (!stmt) return stmt.error();
    const auto present = languages_of(set.services);
    for (const auto& v : set.services) {
      stmt->bind(1, v.id).bind(2, to_string(v.lang)).bind(3, serves_of(v, present));
      stmt->bind(4, v.prefix).bind(5, v.name).bind(6, v.description).bind(7, v.order);
      if (auto s = stmt->run(); !s) return fail("cannot store a service", s);
    }
  }

  {
    auto stmt = sql::Stmt::prepare(db,
                                   "INSERT INTO announcement(id, lang, serves, title, body, "
                                   "starts, ends) VALUES(?,?,?,?,?,?,?)");
    if (!stmt) return stmt.error();
    const auto present = languages_of(set.announcements);
    for (const auto& a : set.announcements) {
      stmt->bind(1, a.id).bind(2, to_string(a.lang)).bind(3, serves_of(a, present));
      stmt->bind(4, a.title).bind(5, a.body_markdown).bind(6, a.starts).bind(7, a.ends);
      if (auto s = stmt->run(); !s) return fail("cannot store an announcement", s);
    }
  }

  {
    auto stmt = sql::Stmt::prepare(db,
                                   "INSERT INTO office(id, lang, serves, name, address, phone, "
                                   "email, hours, info) VALUES(?,?,?,?,?,?,?,?,?)");
    if (!stmt) return stmt.error();
    const auto present = languages_of(set.offices);
    for (const auto& o : set.offices) {
      stmt->bind(1, o.id).bind(2, to_string(o.lang)).bind(3, serves_of(o, present));
      stmt->bind(4, o.name).bind(5, o.address).bind(6, o.phone).bind(7, o.email);
      stmt->bind(8, join_lines(o.hours)).bind(9, o.info_markdown);
      if (auto s = stmt->run(); !s) return fail("cannot store the office information", s);
    }
  }

  {
    auto stmt = sql::Stmt::prepare(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
    if (!stmt) return stmt.error();
    stmt->bind(1, "content_version").bind(2, std::to_string(version));
    if (auto s = stmt->run(); !s) return fail("cannot record the content version", s);
    stmt->bind(1, "imported_at").bind(2, utc_now_iso());
    if (auto s = stmt->run(); !s) return fail("cannot record the import time", s);
  }
  if (auto s = db.exec("INSERT INTO entry_fts(entry_fts) VALUES('optimize');"
                       "INSERT INTO entry_title_fts(entry_title_fts) VALUES('optimize');");
      !s) {
    return fail("cannot optimise the search index", s);
  }
  if (auto s = tx.commit(); !s) return fail("cannot commit the import", s);
  (void)db.exec("PRAGMA cache_size = -8192");
  return {};
}

}  // namespace content
