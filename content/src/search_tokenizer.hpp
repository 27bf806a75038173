// The FTS5 tokenizer "kiosk": Vietnamese-aware folding inside the index.
//
// For each word of a document it emits the folded form ("duong") and, at the
// same position, the lower-case form with marks ("đường") when the two differ,
// so a query can match without marks and still rank exact spellings higher.
// "kiosk folded" emits the folded forms only.
// Folded and exact forms never collide: an exact form is emitted only when it
// holds a character that folding changes.
//
// At query time a phrase whose text starts with kExactMarker is tokenized
// without folding; the query builder uses that to ask for exact forms.
#pragma once

#include <sqlite3.h>

#include "content/result.hpp"

namespace content {

inline constexpr char kExactMarker = '\x01';

// Registers the tokenizer, the ranking function kiosk_rank and the SQL
// function kiosk_plain_text(markdown) on `db`; needed on every connection
// that reads or writes the search index.
Status register_search_tokenizer(sqlite3* db);

// Defined in search_rank.cpp.
Status register_search_rank(fts5_api* api);

}  // namespace content
