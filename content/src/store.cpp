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
#include "store_update.hpp"
#include "store_write.hpp"

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

// For each item (id), the languages it exists in; gives each row its `serves` bits.
template <typename Item>
std::map<std::string, int, std::less<>> languages_of(const std::vector<Item>& items) {
  std::map<std::string, int, std::less<>> present;
  for (const auto& item : items) present[item.id] |= serves_bit(item.lang);
  return present;
}

template <typename Item>
int serves_of(const Item& item, const std::map<std::string, int, std::less<>>& present) {
  return serves_of(item.lang, present.find(item.id)->second);
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

namespace {

// The installed version, read inside the caller's transaction so two
// writers cannot both install the same number; refuses one that does not grow.
Status check_version_grows(const sql::Db& db, std::int64_t version) {
  auto stmt = sql::Stmt::prepare(db, "SELECT value FROM meta WHERE key = 'content_version'");
  if (!stmt) return stmt.error();
  if (stmt->step()) {
    const std::string current_text = stmt->text(0);
    std::int64_t current = 0;
    std::from_chars(current_text.data(), current_text.data() + current_text.size(), current);
    if (version <= current) {
      return Error{"content version " + std::to_string(version) +
                   " is not newer than the installed " + std::to_string(current)};
    }
  }
  return {};
}

// Drops all content and writes `set` in rank order (see search.cpp: rowid
// order is the order search ranks rows in when a query matches more than it
// ranks): documents in force, newest first, then FAQs in tree order, then
// documents no longer in force.
Status write_whole_set(const sql::Db& db, const ContentSet& set) {
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
                       "DELETE FROM announcement; DELETE FROM office; DELETE FROM glossary;"
                       "DELETE FROM published_object;"
                       "INSERT INTO entry_fts(entry_fts) VALUES('delete-all');"
                       "INSERT INTO entry_title_fts(entry_title_fts) VALUES('delete-all');");
      !s) {
    return fail("cannot clear the old content", s);
  }
  auto writer = RowWriter::prepare(db);
  if (!writer) return writer.error();
  auto write_all = [&](const auto& items, const char* what) -> Status {
    const auto present = languages_of(items);
    for (const auto& item : items) {
      if (auto s = writer->add(item, serves_of(item, present)); !s) return fail(what, s);
    }
    return {};
  };
  if (auto s = write_all(set.categories, "cannot store a category"); !s) return s;

  const std::string today = utc_now_iso().substr(0, 10);
  std::vector<const Document*> in_force, expired;
  for (const auto& d : set.documents) (d.expired_on(today) ? expired : in_force).push_back(&d);
  std::stable_sort(in_force.begin(), in_force.end(),
                   [](const Document* a, const Document* b) { return a->issued > b->issued; });
  const auto doc_present = languages_of(set.documents);
  auto add_documents = [&](const std::vector<const Document*>& documents) -> Status {
    for (const auto* d : documents) {
      if (auto s = writer->add(*d, serves_of(*d, doc_present)); !s) {
        return fail("cannot store a document", s);
      }
    }
    return {};
  };
  if (auto s = add_documents(in_force); !s) return s;
  if (auto s = write_all(set.faqs, "cannot store a FAQ"); !s) return s;
  if (auto s = add_documents(expired); !s) return s;
  if (auto s = write_all(set.services, "cannot store a service"); !s) return s;
  if (auto s = write_all(set.announcements, "cannot store an announcement"); !s) return s;
  if (auto s = write_all(set.offices, "cannot store the office information"); !s) return s;
  if (auto s = write_all(set.glossaries, "cannot store a glossary"); !s) return s;
  if (auto s = db.exec("INSERT INTO entry_fts(entry_fts) VALUES('optimize');"
                       "INSERT INTO entry_title_fts(entry_title_fts) VALUES('optimize');");
      !s) {
    return fail("cannot optimise the search index", s);
  }
  return {};
}

Status write_meta(const sql::Db& db, std::string_view key, std::string_view value) {
  auto stmt = sql::Stmt::prepare(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
  if (!stmt) return stmt.error();
  return stmt->bind(1, key).bind(2, value).run();
}

Status record_version(const sql::Db& db, std::int64_t version) {
  if (auto s = write_meta(db, "content_version", std::to_string(version)); !s) {
    return fail("cannot record the content version", s);
  }
  if (auto s = write_meta(db, "imported_at", utc_now_iso()); !s) {
    return fail("cannot record the import time", s);
  }
  return {};
}

}  // namespace

Status ContentStore::replace_content(const ContentSet& set, std::int64_t version) {
  if (impl_->mode != OpenMode::read_write) return Error{"the store is open read-only"};
  impl_->synonyms.reset();  // read again from what this commits
  const auto& db = impl_->db;
  sql::Transaction tx(db);
  if (auto s = tx.begin(); !s) return fail("cannot start the import", s);
  if (auto s = check_version_grows(db, version); !s) return s;
  if (auto s = write_whole_set(db, set); !s) return s;
  if (auto s = record_version(db, version); !s) return s;
  // Content from a tree, not from a published manifest: a sync starts afresh.
  if (auto s = db.exec("DELETE FROM meta WHERE key GLOB 'manifest.*' OR key = 'sync.etag'"); !s) {
    return fail("cannot record the import", s);
  }
  if (auto s = tx.commit(); !s) return fail("cannot commit the import", s);
  (void)db.exec("PRAGMA cache_size = -8192");
  return {};
}

Status ContentStore::apply_update(const ContentUpdate& update) {
  if (impl_->mode != OpenMode::read_write) return Error{"the store is open read-only"};
  impl_->synonyms.reset();  // read again from what this commits
  const auto& db = impl_->db;
  sql::Transaction tx(db);
  if (auto s = tx.begin(); !s) return fail("cannot start the update", s);
  // Planned against what is installed now? (Another sync or an import may
  // have committed since; its diff must not be applied on top of this one.)
  std::string installed_manifest;
  std::int64_t highest = 0;
  if (auto stmt = sql::Stmt::prepare(db,
                                     "SELECT key, value FROM meta WHERE key IN "
                                     "('manifest.sha256', 'sync.highest_version')")) {
    while (stmt->step()) {
      const std::string value = stmt->text(1);
      if (stmt->text(0) == "manifest.sha256") {
        installed_manifest = value;
      } else {
        std::from_chars(value.data(), value.data() + value.size(), highest);
      }
    }
  }
  if (installed_manifest != update.expected_manifest_sha256) {
    return Error{"the cache changed while this update was prepared (another sync or an import)"};
  }
  if (update.expected_manifest_sha256.empty()) {
    // Content from an import (or none): its version numbers are local; the
    // guard is the highest version a sync installed.
    if (update.version < highest) {
      return Error{"content version " + std::to_string(update.version) +
                   " is older than the newest installed before, " + std::to_string(highest)};
    }
  } else if (auto s = check_version_grows(db, update.version); !s) {
    return s;
  }
  if (update.replace_all) {
    if (auto s = write_whole_set(db, update.upserts); !s) return s;
  } else if (auto s = apply_changes(db, update); !s) {
    return s;
  }
  if (auto s = record_sources(db, update); !s) return s;
  if (auto s = check_consistency(db); !s) return s;
  if (auto s = record_version(db, update.version); !s) return s;
  for (const auto& [key, value] : update.meta) {
    if (auto s = write_meta(db, key, value); !s) return fail("cannot record the update", s);
  }
  if (auto s = tx.commit(); !s) return fail("cannot commit the update", s);
  (void)db.exec("PRAGMA cache_size = -8192");
  return {};
}

std::optional<std::string> ContentStore::meta(std::string_view key) const {
  auto stmt = sql::Stmt::prepare(impl_->db, "SELECT value FROM meta WHERE key = ?");
  if (!stmt) return std::nullopt;
  stmt->bind(1, key);
  if (!stmt->step()) return std::nullopt;
  return stmt->text(0);
}

Status ContentStore::set_meta(std::string_view key, std::string_view value) {
  if (impl_->mode != OpenMode::read_write) return Error{"the store is open read-only"};
  return write_meta(impl_->db, key, value);
}

}  // namespace content
