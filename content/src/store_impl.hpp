// What a ContentStore holds; shared by the files that implement it.
#pragma once

#include <filesystem>

#include "content/store.hpp"
#include "sqlite.hpp"

namespace content {

struct ContentStore::Impl {
  sql::Db db;
  std::filesystem::path file;
  OpenMode mode = OpenMode::read_only;
};

// The `serves` bit of a language (see the schema).
inline int serves_bit(Lang lang) { return lang == Lang::vi ? 1 : 2; }
// The word in the search index's audience column for readers of `lang`.
inline const char* audience_word(Lang lang) { return lang == Lang::vi ? "forvi" : "foren"; }

}  // namespace content
