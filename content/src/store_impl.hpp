// What a ContentStore holds; shared by the files that implement it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "content/store.hpp"
#include "search_synonyms.hpp"
#include "sqlite.hpp"

namespace content {

struct ContentStore::Impl {
  sql::Db db;
  std::filesystem::path file;
  OpenMode mode = OpenMode::read_only;
  // The built-in glossary and the installed ones, read when first needed and
  // again after the content changed (PRAGMA data_version for other
  // connections' commits; reset by this connection's own writes).
  mutable std::optional<SynonymIndex> synonyms;
  mutable std::int64_t synonyms_data_version = -1;
};

// The `serves` bit of a language (see the schema).
inline int serves_bit(Lang lang) { return lang == Lang::vi ? 1 : 2; }
// The word in the search index's audience column for readers of `lang`.
inline const char* audience_word(Lang lang) { return lang == Lang::vi ? "forvi" : "foren"; }

}  // namespace content
