// Writing content rows: the statements an import and a sync update share.
// Used inside a transaction the caller holds; private to content/.
#pragma once

#include <string>
#include <string_view>

#include "content/result.hpp"
#include "content/types.hpp"
#include "sqlite.hpp"

namespace content {

// The `serves` bits of a row in `own` when its item exists in the languages
// `present` (bits): a row serves its own language, and both when it is the
// item's only language.
inline int serves_of(Lang own, int present) {
  const int bit = own == Lang::vi ? 1 : 2;
  return present == bit ? 3 : bit;
}

class RowWriter {
 public:
  static Result<RowWriter> prepare(const sql::Db& db);

  // Each adds one row (and its search index rows) with the given `serves`.
  Status add(const Category& item, int serves);
  Status add(const Document& item, int serves);
  Status add(const Faq& item, int serves);
  Status add(const Service& item, int serves);
  Status add(const Announcement& item, int serves);
  Status add(const OfficeInfo& item, int serves);
  Status add(const Glossary& item, int serves);

  // Deletes the row of an item in one language, with its index rows; a row
  // that is not there is not an error.
  Status remove(ItemType type, std::string_view id, Lang lang);
  // The languages (serves bits) the item has rows in.
  Result<int> languages(ItemType type, std::string_view id);
  // Gives the item's row in `lang` new `serves` bits, reindexing an entry.
  Status set_serves(ItemType type, std::string_view id, Lang lang, int serves);

 private:
  explicit RowWriter(const sql::Db& db) : db_(&db) {}
  Status add_entry(std::string_view kind, const std::string& id, Lang lang, int serves,
                   const std::string& category_id, const std::string& title, const Document* doc,
                   const std::vector<std::string>& tags, const std::string& body);
  Result<std::int64_t> entry_rowid(ItemType type, std::string_view id, Lang lang);
  Status unindex(std::int64_t rowid);
  Status reindex(std::int64_t rowid);

  const sql::Db* db_;
  sql::Stmt category_, entry_, fts_, title_fts_, service_, announcement_, office_, glossary_;
};

// The `serves` bits as words in the search index, so the language filter is
// part of the MATCH and costs nothing per row.
std::string audience_words(int serves);

}  // namespace content
