// Turns what a visitor typed into an FTS5 MATCH expression.
#pragma once

#include <string>
#include <string_view>

namespace content {

// What a visitor typed, as FTS5 MATCH expressions. Every word becomes a
// quoted phrase: nothing the visitor typed is read as FTS5 syntax. A word
// matches its folded form or, ranked higher, its exact form with marks; the
// last word is a prefix. At most kMaxQueryWords words are used.
struct MatchQuery {
  std::string words;       // all words, in any column; empty when nothing searchable was typed
  std::string number_key;  // a prefix match on document numbers, when the text has digits

  bool empty() const { return words.empty(); }
  // Rows with every word (or the number) anywhere.
  std::string anywhere() const;
};

MatchQuery build_match_query(std::string_view visitor_text);

// The whole query as one expression (`anywhere()`), empty when nothing
// searchable was typed.
std::string build_match_expression(std::string_view visitor_text);

inline constexpr std::size_t kMaxQueryWords = 12;
inline constexpr std::size_t kMaxQueryWordBytes = 64;

}  // namespace content
