// The read API of ContentStore: plain values for the screens.
#include <string>

#include "content/store.hpp"
#include "store_impl.hpp"

namespace content {
namespace {

Lang lang_of(const std::string& text) { return text == "en" ? Lang::en : Lang::vi; }

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Runs `sql` with `bind` applied and calls `row` for each result row.
template <typename Bind, typename Row>
void query(const sql::Db& db, std::string_view sql, Bind&& bind, Row&& row) {
  auto stmt = sql::Stmt::prepare(db, sql);
  if (!stmt) return;
  bind(*stmt);
  while (stmt->step()) row(*stmt);
}

EntrySummary entry_summary(const sql::Stmt& s, ItemType type) {
  return {s.text(0), type, lang_of(s.text(1)), s.text(2), s.text(3)};
}

}  // namespace

std::vector<Category> ContentStore::categories(Lang lang) const {
  std::vector<Category> out;
  query(
      impl_->db,
      "SELECT c.id, c.lang, c.title, c.description, c.sort,"
      " (SELECT count(*) FROM entry e WHERE e.category_id = c.id AND e.kind = 'document'"
      "   AND (e.serves & ?1) != 0),"
      " (SELECT count(*) FROM entry e WHERE e.category_id = c.id AND e.kind = 'faq'"
      "   AND (e.serves & ?1) != 0)"
      " FROM category c WHERE (c.serves & ?1) != 0 ORDER BY c.sort, c.title",
      [&](sql::Stmt& s) { s.bind(1, serves_bit(lang)); },
      [&](const sql::Stmt& s) {
        out.push_back({s.text(0), lang_of(s.text(1)), s.text(2), s.text(3),
                       static_cast<int>(s.integer(4)), static_cast<int>(s.integer(5)),
                       static_cast<int>(s.integer(6))});
      });
  return out;
}

std::vector<EntrySummary> ContentStore::documents_in(std::string_view category_id,
                                                     Lang lang) const {
  std::vector<EntrySummary> out;
  query(
      impl_->db,
      "SELECT id, lang, title, number FROM entry WHERE category_id = ?1 AND kind = 'document'"
      " AND (serves & ?2) != 0 ORDER BY issued DESC, title",
      [&](sql::Stmt& s) { s.bind(1, category_id).bind(2, serves_bit(lang)); },
      [&](const sql::Stmt& s) { out.push_back(entry_summary(s, ItemType::document)); });
  return out;
}

std::vector<EntrySummary> ContentStore::faqs_in(std::string_view category_id, Lang lang) const {
  std::vector<EntrySummary> out;
  query(
      impl_->db,
      "SELECT id, lang, title, number FROM entry WHERE category_id = ?1 AND kind = 'faq'"
      " AND (serves & ?2) != 0 ORDER BY rowid",
      [&](sql::Stmt& s) { s.bind(1, category_id).bind(2, serves_bit(lang)); },
      [&](const sql::Stmt& s) { out.push_back(entry_summary(s, ItemType::faq)); });
  return out;
}

std::vector<Faq> ContentStore::faqs_with_answers_in(std::string_view category_id, Lang lang) const {
  std::vector<Faq> out;
  query(
      impl_->db,
      "SELECT id, lang, category_id, title, body, tags FROM entry WHERE category_id = ?1"
      " AND kind = 'faq' AND (serves & ?2) != 0 ORDER BY rowid",
      [&](sql::Stmt& s) { s.bind(1, category_id).bind(2, serves_bit(lang)); },
      [&](const sql::Stmt& s) {
        out.push_back({s.text(0), lang_of(s.text(1)), s.text(2), s.text(3), s.text(4),
                       split_lines(s.text(5))});
      });
  return out;
}

std::optional<Document> ContentStore::document(std::string_view id, Lang lang) const {
  std::optional<Document> out;
  query(
      impl_->db,
      "SELECT id, lang, category_id, title, number, issuer, issued, effective, expires,"
      " summary, body, tags, source_url FROM entry WHERE kind = 'document' AND id = ?1"
      " AND (serves & ?2) != 0",
      [&](sql::Stmt& s) { s.bind(1, id).bind(2, serves_bit(lang)); },
      [&](const sql::Stmt& s) {
        out = Document{s.text(0),  s.text(1) == "en" ? Lang::en : Lang::vi,
                       s.text(2),  s.text(3),
                       s.text(4),  s.text(5),
                       s.text(6),  s.text(7),
                       s.text(8),  s.text(9),
                       s.text(10), split_lines(s.text(11)),
                       s.text(12)};
      });
  return out;
}

std::optional<Faq> ContentStore::faq(std::string_view id, Lang lang) const {
  std::optional<Faq> out;
  query(
      impl_->db,
      "SELECT id, lang, category_id, title, body, tags FROM entry WHERE kind = 'faq' AND id = ?1"
      " AND (serves & ?2) != 0",
      [&](sql::Stmt& s) { s.bind(1, id).bind(2, serves_bit(lang)); },
      [&](const sql::Stmt& s) {
        out = Faq{s.text(0), lang_of(s.text(1)), s.text(2),
                  s.text(3), s.text(4),          split_lines(s.text(5))};
      });
  return out;
}

std::vector<Service> ContentStore::services(Lang lang) const {
  std::vector<Service> out;
  query(
      impl_->db,
      "SELECT id, lang, prefix, name, description, sort FROM service WHERE (serves & ?1) != 0"
      " ORDER BY sort, prefix",
      [&](sql::Stmt& s) { s.bind(1, serves_bit(lang)); },
      [&](const sql::Stmt& s) {
        out.push_back({s.text(0), lang_of(s.text(1)), s.text(2), s.text(3), s.text(4),
                       static_cast<int>(s.integer(5))});
      });
  return out;
}

std::vector<Announcement> ContentStore::announcements_at(std::string_view now_local,
                                                         Lang lang) const {
  std::vector<Announcement> out;
  query(
      impl_->db,
      "SELECT id, lang, title, body, starts, ends FROM announcement WHERE (serves & ?1) != 0"
      " AND starts <= ?2 AND ends >= ?2 ORDER BY starts DESC, id",
      [&](sql::Stmt& s) { s.bind(1, serves_bit(lang)).bind(2, now_local.substr(0, 16)); },
      [&](const sql::Stmt& s) {
        out.push_back({s.text(0), lang_of(s.text(1)), s.text(2), s.text(3), s.text(4), s.text(5)});
      });
  return out;
}

std::optional<OfficeInfo> ContentStore::office(Lang lang) const {
  std::optional<OfficeInfo> out;
  query(
      impl_->db,
      "SELECT id, lang, name, address, phone, email, hours, info FROM office"
      " WHERE (serves & ?1) != 0 ORDER BY id LIMIT 1",
      [&](sql::Stmt& s) { s.bind(1, serves_bit(lang)); },
      [&](const sql::Stmt& s) {
        out = OfficeInfo{s.text(0), lang_of(s.text(1)),     s.text(2), s.text(3), s.text(4),
                         s.text(5), split_lines(s.text(6)), s.text(7)};
      });
  return out;
}

}  // namespace content
