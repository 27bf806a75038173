#include "search_query.hpp"

#include <algorithm>

#include "content/text.hpp"
#include "search_synonyms.hpp"
#include "search_tokenizer.hpp"

namespace content {
namespace {

// Drops invalid UTF-8 so the rest of the text can be normalised.
std::string valid_part(std::string_view s) {
  std::string out;
  while (true) {
    const auto bad = text::first_invalid_utf8(s);
    if (!bad) break;
    out.append(s.substr(0, *bad));
    s.remove_prefix(*bad + 1);
  }
  out.append(s);
  return out;
}

std::string_view cut_at_char_boundary(std::string_view word, std::size_t max_bytes) {
  if (word.size() <= max_bytes) return word;
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(word[n]) & 0xC0) == 0x80) --n;
  return word.substr(0, n);
}

std::string phrase(std::string_view text, bool prefix) {
  std::string out = "\"";
  out += text;  // letters, digits and marks only: no quote can occur
  out += prefix ? "\"*" : "\"";
  return out;
}

}  // namespace

std::string MatchQuery::anywhere() const {
  if (number_key.empty()) return words;
  return "(" + words + ") OR " + number_key;
}

std::string MatchQuery::anywhere_expanded() const {
  if (expanded.empty()) return anywhere();
  if (number_key.empty()) return expanded;
  return "(" + expanded + ") OR " + number_key;
}

std::string build_match_expression(std::string_view visitor_text) {
  return build_match_query(visitor_text).anywhere();
}

MatchQuery build_match_query(std::string_view visitor_text, const SynonymIndex* synonyms) {
  const std::string text = text::to_nfc(valid_part(visitor_text));
  auto spans = text::split_words(text);
  if (spans.size() > kMaxQueryWords) spans.resize(kMaxQueryWords);

  struct Word {
    std::string folded, exact;
  };
  std::vector<Word> words;
  std::vector<std::string> folded_words;
  for (const auto& span : spans) {
    const auto word = cut_at_char_boundary(
        std::string_view(text).substr(span.begin, span.end - span.begin), kMaxQueryWordBytes);
    std::string folded = text::fold_for_search(word);
    if (folded.empty()) continue;
    folded_words.push_back(folded);
    words.push_back({std::move(folded), text::lower(word)});
  }

  std::string terms, expanded;
  bool any_term = false;
  auto append = [](std::string& to, const std::string& part) {
    if (!to.empty()) to += " AND ";
    to += part;
  };
  for (std::size_t i = 0; i < words.size();) {
    const auto match = synonyms ? synonyms->longest_at(folded_words, i) : std::nullopt;
    if (!match) {
      const auto& [folded, exact] = words[i];
      const bool prefix = i + 1 == words.size();
      const std::string part = exact == folded
                                   ? phrase(folded, prefix)
                                   : "(" + phrase(folded, prefix) + " OR " +
                                         phrase(std::string(1, kExactMarker) + exact, prefix) + ")";
      append(terms, part);
      append(expanded, part);
      ++i;
      continue;
    }
    // A glossary term: whole words, never a prefix; a term of several words
    // asks for each of them, as any query of several words does.
    any_term = true;
    std::string typed;
    std::string folded;
    for (std::size_t k = i; k < i + match->words; ++k) {
      const auto& w = words[k];
      const std::string part =
          w.exact == w.folded ? phrase(w.folded, false)
                              : "(" + phrase(w.folded, false) + " OR " +
                                    phrase(std::string(1, kExactMarker) + w.exact, false) + ")";
      typed += (k > i ? " AND " : "") + part;
      folded += (k > i ? " " : "") + w.folded;
    }
    if (match->words > 1) typed = "(" + typed + ")";
    std::string group = typed;
    for (const auto& term : synonyms->terms(match->group)) {
      if (term == folded) continue;
      std::string alternative;
      std::size_t n = 0;
      for (const auto& w : text::split_words(term)) {
        alternative +=
            (n++ > 0 ? " AND " : "") + phrase(term.substr(w.begin, w.end - w.begin), false);
      }
      group += " OR " + (n > 1 ? "(" + alternative + ")" : alternative);
    }
    append(terms, typed);
    append(expanded, "(" + group + ")");
    i += match->words;
  }
  MatchQuery query;
  if (terms.empty()) return query;
  query.words = std::move(terms);
  if (any_term) query.expanded = std::move(expanded);
  const bool has_digit =
      std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  const std::string key = has_digit ? text::number_key(text) : std::string();
  if (!key.empty()) query.number_key = "number_key : " + phrase(key, true);
  return query;
}

}  // namespace content
