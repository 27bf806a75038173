// The glossaries as the query builder uses them: every term folded into
// words, terms that share a group (or a term, across lines and glossaries)
// joined into one group. Private to content/.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace content {

class SynonymIndex {
 public:
  // Adds every valid group of a glossary text (content/glossary.hpp); lines
  // that are not valid groups are skipped.
  void add(std::string_view glossary_text);

  struct Match {
    std::size_t words = 0;  // how many query words the term covers
    std::size_t group = 0;
  };
  // The longest term that is exactly the folded words starting at `first`.
  std::optional<Match> longest_at(const std::vector<std::string>& folded_words,
                                  std::size_t first) const;
  // The terms of a group, each as its folded words joined by one space.
  const std::vector<std::string>& terms(std::size_t group) const;

  bool empty() const { return groups_.empty(); }

 private:
  void rebuild();

  std::vector<std::vector<std::string>> lines_;  // folded terms of each line
  std::vector<std::vector<std::string>> groups_;
  // first word -> (term's words, group)
  std::unordered_map<std::string, std::vector<std::pair<std::vector<std::string>, std::size_t>>>
      by_first_word_;
};

// The built-in list alone, made once.
const SynonymIndex& builtin_synonyms();

}  // namespace content
