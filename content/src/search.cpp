// ContentStore::search: ranked full-text search over documents and FAQs.
#include "content/store.hpp"
#include "search_query.hpp"
#include "store_impl.hpp"

namespace content {

Result<std::vector<SearchHit>> ContentStore::search(std::string_view visitor_text, Lang lang,
                                                    int limit) const {
  std::vector<SearchHit> hits;
  const std::string expression = build_match_expression(visitor_text);
  if (expression.empty() || limit <= 0) return hits;

  // Column weights: title, number, tags, body, number key (see search_rank.cpp).
  auto stmt = sql::Stmt::prepare(
      impl_->db,
      "SELECT e.id, e.kind, e.lang, e.title, e.number,"
      " snippet(entry_fts, 3, char(2), char(3), '…', 16),"
      " kiosk_rank(entry_fts, 6.0, 6.0, 3.0, 1.0, 6.0) AS score"
      " FROM entry_fts JOIN entry e ON e.rowid = entry_fts.rowid"
      " WHERE entry_fts MATCH ?1 AND (e.serves & ?2) != 0"
      " ORDER BY score DESC, e.rowid LIMIT ?3");
  if (!stmt) return Error{"search failed: " + stmt.error().message};
  stmt->bind(1, expression).bind(2, serves_bit(lang)).bind(3, limit);
  while (stmt->step()) {
    SearchHit hit;
    hit.id = stmt->text(0);
    hit.type = stmt->text(1) == "faq" ? ItemType::faq : ItemType::document;
    hit.lang = stmt->text(2) == "en" ? Lang::en : Lang::vi;
    hit.title = stmt->text(3);
    hit.number = stmt->text(4);
    hit.snippet = stmt->text(5);
    hit.score = stmt->real(6);
    hits.push_back(std::move(hit));
  }
  if (auto s = stmt->status(); !s) return Error{"search failed: " + s.error().message};
  return hits;
}

}  // namespace content
