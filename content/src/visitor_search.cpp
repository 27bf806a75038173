#include "content/visitor_search.hpp"

#include "content/text.hpp"

namespace content {
namespace {

// The words of `s`, folded and joined by one space.
std::string folded_words(std::string_view s) {
  const std::string folded = text::fold_for_search(s);
  std::string out;
  for (const auto& w : text::split_words(folded)) {
    if (!out.empty()) out.push_back(' ');
    out.append(folded, w.begin, w.end - w.begin);
  }
  return out;
}

}  // namespace

Result<VisitorSearch> search_for_visitor(const ContentStore& store, std::string_view text,
                                         std::string_view keys, Lang lang, int limit) {
  const bool try_keys = !keys.empty() && !text::first_invalid_utf8(keys) &&
                        !text::first_invalid_utf8(text) && folded_words(keys) != folded_words(text);
  struct Attempt {
    SearchSource source;
    std::string_view query;
    Lang lang;
  };
  std::vector<Attempt> attempts = {{SearchSource::typed, text, lang}};
  if (try_keys) attempts.push_back({SearchSource::keys, keys, lang});
  attempts.push_back({SearchSource::other_language, text, other(lang)});
  if (try_keys) attempts.push_back({SearchSource::keys_other_language, keys, other(lang)});

  VisitorSearch result;
  result.lang = lang;
  for (const auto& attempt : attempts) {
    auto hits = store.search(attempt.query, attempt.lang, limit);
    if (!hits) return hits.error();
    if (hits->empty()) continue;
    result.source = attempt.source;
    result.lang = attempt.lang;
    result.hits = std::move(hits).value();
    return result;
  }
  return result;
}

}  // namespace content
