// Turns what a visitor typed into an FTS5 MATCH expression.
#pragma once

#include <string>
#include <string_view>

namespace content {

// What a visitor typed, as FTS5 MATCH expressions. Every word becomes a
// quoted phrase: nothing the visitor typed is read as FTS5 syntax. A word
// matches its folded form or, ranked higher, its exact form with marks; the
// last word is a prefix. At most kMaxQueryWords words are used.
//
// With synonyms, words that spell a glossary term (whole words, folded; the
// longest term first) are matched as whole words: `words` asks for the term
// as typed, `expanded` for any term of its group (each of a term's words,
// anywhere), so a query and its expansion find the same rows and the rows
// that hold what was typed can rank first.
struct MatchQuery {
  std::string words;       // all words, in any column; empty when nothing searchable was typed
  std::string expanded;    // `words` with each glossary term widened to its group; empty: none
  std::string number_key;  // a prefix match on document numbers, when the text has digits

  bool empty() const { return words.empty(); }
  // Rows with every word (or the number) anywhere.
  std::string anywhere() const;
  // The same with glossary terms widened; anywhere() when none was typed.
  std::string anywhere_expanded() const;
};

class SynonymIndex;
MatchQuery build_match_query(std::string_view visitor_text, const SynonymIndex* synonyms = nullptr);

// The whole query as one expression (`anywhere()`), empty when nothing
// searchable was typed.
std::string build_match_expression(std::string_view visitor_text);

inline constexpr std::size_t kMaxQueryWords = 12;
inline constexpr std::size_t kMaxQueryWordBytes = 64;

}  // namespace content
