// The kiosk's local content store: one SQLite file (WAL) holding the content
// the department published and its search index.
//
// One writer (the importer or the sync worker) and any number of readers, each
// with its own ContentStore; a reader sees the whole old or the whole new
// content, never a mix, and is never blocked by the writer.
// A ContentStore is used from one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/content_set.hpp"
#include "content/result.hpp"
#include "content/types.hpp"

namespace content {

enum class OpenMode {
  read_only,   // the file must exist and hold a current schema
  read_write,  // created if missing; migrations applied
};

// The schema version this build writes (PRAGMA user_version).
int current_schema_version();

// One item in one language.
struct ItemKey {
  ItemType type = ItemType::faq;
  std::string id;
  Lang lang = Lang::vi;
  auto operator<=>(const ItemKey&) const = default;
};

// Where an installed item came from: the published object (see sync/) with
// its SHA-256 and length. What a sync compares a new index against.
struct SourceObject {
  ItemKey key;
  std::string sha256;
  std::uint64_t length = 0;
  bool operator==(const SourceObject&) const = default;
};

// A change to the installed content, applied in one transaction.
struct ContentUpdate {
  // Greater than the installed version; after an import (no manifest
  // installed), at least the highest version a sync ever installed.
  std::int64_t version = 0;
  // The manifest the update was planned against ("manifest.sha256" in the
  // meta; empty for none): refused if the store moved on meanwhile.
  std::string expected_manifest_sha256;
  bool replace_all = false;           // everything not in `upserts` goes
  ContentSet upserts;                 // items new or changed
  std::vector<SourceObject> sources;  // the object of each upserted item
  std::vector<ItemKey> removals;      // items (in one language) that go
  // Recorded with the content, in the same transaction: what a sync needs
  // to judge the next manifest (its hash, times, the trusted keys).
  std::vector<std::pair<std::string, std::string>> meta;
};

class ContentStore {
 public:
  static Result<ContentStore> open(const std::filesystem::path& file, OpenMode mode);

  ContentStore(ContentStore&&) noexcept;
  ContentStore& operator=(ContentStore&&) noexcept;
  ~ContentStore();

  // ---- reading; each call falls back to the other language per item -------
  std::vector<Category> categories(Lang lang) const;
  std::vector<EntrySummary> documents_in(std::string_view category_id, Lang lang) const;
  std::vector<EntrySummary> faqs_in(std::string_view category_id, Lang lang) const;
  std::vector<Faq> faqs_with_answers_in(std::string_view category_id, Lang lang) const;
  std::optional<Document> document(std::string_view id, Lang lang) const;
  std::optional<Faq> faq(std::string_view id, Lang lang) const;
  std::vector<Service> services(Lang lang) const;
  // Announcements shown at `now_local` ("YYYY-MM-DDTHH:MM", the office's local time).
  std::vector<Announcement> announcements_at(std::string_view now_local, Lang lang) const;
  std::optional<OfficeInfo> office(Lang lang) const;

  // Documents and FAQs matching what a visitor typed, best first. Any text is
  // accepted: it is never read as query syntax. The last word is a prefix.
  Result<std::vector<SearchHit>> search(std::string_view visitor_text, Lang lang,
                                        int limit = 20) const;

  StoreStats stats() const;

  // ---- writing (OpenMode::read_write) ------------------------------------
  // Replaces all content with `set` in one transaction and records `version`,
  // which must be greater than the installed one. On failure nothing changes.
  // REQUIRES: `set` passed validation.
  Status replace_content(const ContentSet& set, std::int64_t version);

  // Applies a sync's change in one transaction: removals, then upserts
  // (replacing an item's row in that language), the `serves` bits of every
  // item touched, the sources and the meta values. Refused, changing
  // nothing, when the version does not grow or the result is inconsistent
  // (an entry in a missing category, a ticket prefix used twice).
  // REQUIRES: every upserted item passed validation.
  Status apply_update(const ContentUpdate& update);

  // The published objects the installed content came from; empty after an
  // import from an authoring tree.
  std::vector<SourceObject> installed_sources() const;

  // Small values kept beside the content (sync state); nullopt when unset.
  std::optional<std::string> meta(std::string_view key) const;
  // Sets one outside any content change (last sync attempt and error).
  Status set_meta(std::string_view key, std::string_view value);

 private:
  struct Impl;
  explicit ContentStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace content
