// Search as the kiosk offers it to a visitor: what they typed in their
// language, and when that finds nothing, the next best thing it can show.
#pragma once

#include <string_view>
#include <vector>

#include "content/result.hpp"
#include "content/store.hpp"
#include "content/types.hpp"

namespace content {

// Where the hits came from; a screen puts a heading over any but `typed`.
enum class SearchSource {
  typed,           // the text as composed, in the visitor's language
  keys,            // the keys as pressed (Telex made another word of them)
  other_language,  // the composed text, in the other language
  keys_other_language,
};

struct VisitorSearch {
  SearchSource source = SearchSource::typed;
  Lang lang = Lang::vi;  // the language searched for the hits
  std::vector<SearchHit> hits;
  bool found() const { return !hits.empty(); }
};

// Tries, until one finds something: `text` in `lang`; `keys` in `lang`;
// `text` in the other language; `keys` in the other language. `keys` is
// what the visitor pressed before Telex composed `text` (empty, or folding
// to the same words as `text`: not tried). A visitor search that finds
// nothing (found() false) is a miss to count.
Result<VisitorSearch> search_for_visitor(const ContentStore& store, std::string_view text,
                                         std::string_view keys, Lang lang, int limit);

}  // namespace content
