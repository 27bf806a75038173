#include "search_synonyms.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "content/glossary.hpp"
#include "content/text.hpp"

namespace content {
namespace {

std::vector<std::string> folded_words(std::string_view term) {
  const std::string folded = text::fold_for_search(term);
  std::vector<std::string> words;
  for (const auto& w : text::split_words(folded)) {
    words.emplace_back(folded.substr(w.begin, w.end - w.begin));
  }
  return words;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

}  // namespace

void SynonymIndex::add(std::string_view glossary_text) {
  for (const auto& group : parse_glossary(glossary_text).groups) {
    std::vector<std::string> line;
    for (const auto& term : group.terms) {
      std::string key = joined(folded_words(term));
      if (!key.empty() && std::find(line.begin(), line.end(), key) == line.end()) {
        line.push_back(std::move(key));
      }
    }
    if (line.size() >= 2) lines_.push_back(std::move(line));
  }
  rebuild();
}

void SynonymIndex::rebuild() {
  // Lines that share a term are one group (union-find over lines).
  std::vector<std::size_t> parent(lines_.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto root = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  std::map<std::string, std::size_t> line_of_term;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    for (const auto& term : lines_[i]) {
      auto [it, fresh] = line_of_term.emplace(term, i);
      if (!fresh) parent[root(i)] = root(it->second);
    }
  }
  groups_.clear();
  by_first_word_.clear();
  std::map<std::size_t, std::size_t> group_of_root;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    auto [it, fresh] = group_of_root.emplace(root(i), groups_.size());
    if (fresh) groups_.emplace_back();
    auto& terms = groups_[it->second];
    for (const auto& term : lines_[i]) {
      if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(term);
    }
  }
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    for (const auto& term : groups_[g]) {
      auto words = folded_words(term);
      by_first_word_[words.front()].emplace_back(std::move(words), g);
    }
  }
}

std::optional<SynonymIndex::Match> SynonymIndex::longest_at(const std::vector<std::string>& folded,
                                                            std::size_t first) const {
  if (first >= folded.size()) return std::nullopt;
  const auto it = by_first_word_.find(folded[first]);
  if (it == by_first_word_.end()) return std::nullopt;
  std::optional<Match> best;
  for (const auto& [words, group] : it->second) {
    if (first + words.size() > folded.size()) continue;
    if (best && words.size() <= best->words) continue;
    if (std::equal(words.begin(), words.end(),
                   folded.begin() + static_cast<std::ptrdiff_t>(first))) {
      best = Match{words.size(), group};
    }
  }
  return best;
}

const std::vector<std::string>& SynonymIndex::terms(std::size_t group) const {
  return groups_.at(group);
}

const SynonymIndex& builtin_synonyms() {
  static const SynonymIndex index = [] {
    SynonymIndex i;
    i.add(builtin_glossary());
    return i;
  }();
  return index;
}

}  // namespace content
