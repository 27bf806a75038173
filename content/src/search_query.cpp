#include "search_query.hpp"

#include <algorithm>

#include "content/text.hpp"
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

std::string build_match_expression(std::string_view visitor_text) {
  return build_match_query(visitor_text).anywhere();
}

MatchQuery build_match_query(std::string_view visitor_text) {
  const std::string text = text::to_nfc(valid_part(visitor_text));
  auto words = text::split_words(text);
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);

  std::string terms;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto word = cut_at_char_boundary(
        std::string_view(text).substr(words[i].begin, words[i].end - words[i].begin),
        kMaxQueryWordBytes);
    const std::string folded = text::fold_for_search(word);
    if (folded.empty()) continue;
    const std::string exact = text::lower(word);
    const bool prefix = i + 1 == words.size();
    if (!terms.empty()) terms += " AND ";
    if (exact == folded) {
      terms += phrase(folded, prefix);
    } else {
      terms += "(" + phrase(folded, prefix) + " OR " +
               phrase(std::string(1, kExactMarker) + exact, prefix) + ")";
    }
  }
  MatchQuery query;
  if (terms.empty()) return query;
  query.words = std::move(terms);
  const bool has_digit =
      std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  const std::string key = has_digit ? text::number_key(text) : std::string();
  if (!key.empty()) query.number_key = "number_key : " + phrase(key, true);
  return query;
}

}  // namespace content
