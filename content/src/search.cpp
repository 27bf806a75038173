// ContentStore::search: ranked full-text search over documents and FAQs.
#include <algorithm>

#include "content/store.hpp"
#include "search_query.hpp"
#include "store_impl.hpp"

namespace content {
namespace {
// The most rows one tier ranks; see search().
constexpr int kScanLimit = 1000;

// The built-in glossary and the installed ones, cached in `cache` until the
// database's data_version moves on from `cached_version`.
const SynonymIndex& synonyms_of(const sql::Db& db, std::optional<SynonymIndex>& cache,
                                std::int64_t& cached_version) {
  std::int64_t data_version = -1;
  if (auto v = sql::Stmt::prepare(db, "PRAGMA data_version"); v && v->step()) {
    data_version = v->integer(0);
  }
  if (cache && data_version == cached_version) return *cache;
  SynonymIndex index = builtin_synonyms();
  if (auto rows = sql::Stmt::prepare(db, "SELECT terms FROM glossary ORDER BY id, lang")) {
    while (rows->step()) index.add(rows->text(0));
  }
  cache = std::move(index);
  cached_version = data_version;
  return *cache;
}

}  // namespace

Result<std::vector<SearchHit>> ContentStore::search(std::string_view visitor_text, Lang lang,
                                                    int limit) const {
  std::vector<SearchHit> hits;
  const MatchQuery query = build_match_query(
      visitor_text, &synonyms_of(impl_->db, impl_->synonyms, impl_->synonyms_data_version));
  if (query.empty() || limit <= 0) return hits;
  const std::string audience = std::string("audience : \"") + audience_word(lang) + "\" AND ";

  // A common word or a one-letter prefix can match every row, and ranking
  // costs the same for each row it sees, so each tier ranks at most
  // kScanLimit rows, in rowid order: the import stores documents in force,
  // newest first, then FAQs. Title hits (tier 1) rank above body hits (tier 2).
  // Column weights (see search_rank.cpp): title, number, tags, number key,
  // audience in the title index; title, number, tags, body, number key,
  // audience in the full one. When the text holds a glossary term, both
  // indexes are asked first for the term as typed, then for any term of its
  // group: words as typed rank first, and the rows found are the same
  // whichever term of the group was typed.
  const char* indexes[] = {
      "SELECT rowid, score FROM ("
      "  SELECT rowid, kiosk_rank(entry_title_fts, 6.0, 6.0, 3.0, 6.0, 0.0) AS score"
      "  FROM entry_title_fts WHERE entry_title_fts MATCH ?1 LIMIT ?2)"
      " ORDER BY score DESC, rowid LIMIT ?3",
      "SELECT rowid, score FROM ("
      "  SELECT rowid, kiosk_rank(entry_fts, 6.0, 6.0, 3.0, 1.0, 6.0, 0.0) AS score"
      "  FROM entry_fts WHERE entry_fts MATCH ?1 LIMIT ?2)"
      " ORDER BY score DESC, rowid LIMIT ?3",
  };
  std::vector<std::string> expressions = {audience + "(" + query.anywhere() + ")"};
  if (!query.expanded.empty()) {
    expressions.push_back(audience + "(" + query.anywhere_expanded() + ")");
  }
  std::vector<std::pair<const char*, const std::string*>> tiers;
  for (const auto& e : expressions) {
    for (const char* index : indexes) tiers.emplace_back(index, &e);
  }
  std::vector<std::pair<std::int64_t, double>> chosen;
  for (const auto& [tier, expression] : tiers) {
    if (static_cast<int>(chosen.size()) >= limit) break;
    auto rank = sql::Stmt::prepare(impl_->db, tier);
    if (!rank) return Error{"search failed: " + rank.error().message};
    rank->bind(1, *expression).bind(2, kScanLimit).bind(3, limit * 2);
    while (rank->step() && static_cast<int>(chosen.size()) < limit) {
      const auto rowid = rank->integer(0);
      const bool seen = std::any_of(chosen.begin(), chosen.end(),
                                    [&](const auto& c) { return c.first == rowid; });
      if (!seen) chosen.emplace_back(rowid, rank->real(1));
    }
    if (auto s = rank->status(); !s) return Error{"search failed: " + s.error().message};
  }

  auto details = sql::Stmt::prepare(impl_->db,
                                    "SELECT e.id, e.kind, e.lang, e.title, e.number,"
                                    "  snippet(entry_fts, 3, char(2), char(3), '…', 16)"
                                    " FROM entry_fts JOIN entry e ON e.rowid = entry_fts.rowid"
                                    " WHERE entry_fts MATCH ?1 AND entry_fts.rowid = ?2");
  if (!details) return Error{"search failed: " + details.error().message};
  const std::string anywhere = query.anywhere_expanded();
  for (const auto& [rowid, score] : chosen) {
    details->reset();
    details->bind(1, anywhere).bind(2, rowid);
    if (!details->step()) {
      if (auto s = details->status(); !s) return Error{"search failed: " + s.error().message};
      continue;
    }
    SearchHit hit;
    hit.id = details->text(0);
    hit.type = details->text(1) == "faq" ? ItemType::faq : ItemType::document;
    hit.lang = details->text(2) == "en" ? Lang::en : Lang::vi;
    hit.title = details->text(3);
    hit.number = details->text(4);
    hit.snippet = details->text(5);
    hit.score = score;
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace content
