// Turns what a visitor typed into an FTS5 MATCH expression.
#pragma once

#include <string>
#include <string_view>

namespace content {

// Every word becomes a quoted phrase: nothing the visitor typed is read as
// FTS5 syntax. A word matches its folded form or, ranked higher, its exact
// form with marks; the last word is a prefix; a query with digits also
// matches document numbers in any spelling. Empty when nothing searchable
// was typed. At most kMaxQueryWords words are used.
std::string build_match_expression(std::string_view visitor_text);

inline constexpr std::size_t kMaxQueryWords = 12;
inline constexpr std::size_t kMaxQueryWordBytes = 64;

}  // namespace content
