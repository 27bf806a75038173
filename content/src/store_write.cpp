#include "store_write.hpp"

#include "content/text.hpp"
#include "markdown_text.hpp"

namespace content {
namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    if (!out.empty()) out.push_back('\n');
    out += line;
  }
  return out;
}

// The table an item type lives in; documents and FAQs share `entry`.
const char* table_of(ItemType type) {
  switch (type) {
    case ItemType::category:
      return "category";
    case ItemType::document:
    case ItemType::faq:
      return "entry";
    case ItemType::service:
      return "service";
    case ItemType::announcement:
      return "announcement";
    case ItemType::office:
      return "office";
    case ItemType::glossary:
      return "glossary";
  }
  return "entry";
}

bool is_entry(ItemType type) { return type == ItemType::document || type == ItemType::faq; }

const char* kind_of(ItemType type) { return type == ItemType::document ? "document" : "faq"; }

}  // namespace

std::string audience_words(int serves) {
  std::string words;
  if (serves & 1) words += "forvi";
  if (serves & 2) words += words.empty() ? "foren" : " foren";
  return words;
}

Result<RowWriter> RowWriter::prepare(const sql::Db& db) {
  RowWriter w(db);
  auto prep = [&](sql::Stmt& into, std::string_view sql) -> Status {
    auto stmt = sql::Stmt::prepare(db, sql);
    if (!stmt) return stmt.error();
    into = std::move(stmt).value();
    return {};
  };
  if (auto s = prep(w.category_,
                    "INSERT INTO category(id, lang, serves, title, description, sort) "
                    "VALUES(?,?,?,?,?,?)");
      !s) {
    return s.error();
  }
  if (auto s = prep(w.entry_,
                    "INSERT INTO entry(kind, id, lang, serves, category_id, title, number, "
                    "number_key, audience, issuer, issued, effective, expires, summary, "
                    "source_url, tags, body) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      !s) {
    return s.error();
  }
  if (auto s = prep(w.fts_,
                    "INSERT INTO entry_fts(rowid, title, number, tags, body_text, number_key, "
                    "audience) VALUES(last_insert_rowid(), ?, ?, ?, ?, ?, ?)");
      !s) {
    return s.error();
  }
  if (auto s = prep(w.title_fts_,
                    "INSERT INTO entry_title_fts(rowid, title, number, tags, number_key, "
                    "audience) VALUES(last_insert_rowid(), ?, ?, ?, ?, ?)");
      !s) {
    return s.error();
  }
  if (auto s = prep(w.service_,
                    "INSERT INTO service(id, lang, serves, prefix, name, description, sort) "
                    "VALUES(?,?,?,?,?,?,?)");
      !s) {
    return s.error();
  }
  if (auto s = prep(w.announcement_,
                    "INSERT INTO announcement(id, lang, serves, title, body, starts, ends) "
                    "VALUES(?,?,?,?,?,?,?)");
      !s) {
    return s.error();
  }
  if (auto s = prep(w.office_,
                    "INSERT INTO office(id, lang, serves, name, address, phone, email, hours, "
                    "info) VALUES(?,?,?,?,?,?,?,?,?)");
      !s) {
    return s.error();
  }
  if (auto s = prep(w.glossary_,
                    "INSERT INTO glossary(id, lang, serves, title, terms) VALUES(?,?,?,?,?)");
      !s) {
    return s.error();
  }
  return w;
}

Status RowWriter::add(const Category& c, int serves) {
  category_.bind(1, c.id).bind(2, to_string(c.lang)).bind(3, serves);
  category_.bind(4, c.title).bind(5, c.description).bind(6, c.order);
  return category_.run();
}

Status RowWriter::add(const Document& d, int serves) {
  return add_entry("document", d.id, d.lang, serves, d.category_id, d.title, &d, d.tags,
                   d.body_markdown);
}

Status RowWriter::add(const Faq& f, int serves) {
  return add_entry("faq", f.id, f.lang, serves, f.category_id, f.question, nullptr, f.tags,
                   f.answer_markdown);
}

Status RowWriter::add(const Service& v, int serves) {
  service_.bind(1, v.id).bind(2, to_string(v.lang)).bind(3, serves);
  service_.bind(4, v.prefix).bind(5, v.name).bind(6, v.description).bind(7, v.order);
  return service_.run();
}

Status RowWriter::add(const Announcement& a, int serves) {
  announcement_.bind(1, a.id).bind(2, to_string(a.lang)).bind(3, serves);
  announcement_.bind(4, a.title).bind(5, a.body_markdown).bind(6, a.starts).bind(7, a.ends);
  return announcement_.run();
}

Status RowWriter::add(const OfficeInfo& o, int serves) {
  office_.bind(1, o.id).bind(2, to_string(o.lang)).bind(3, serves);
  office_.bind(4, o.name).bind(5, o.address).bind(6, o.phone).bind(7, o.email);
  office_.bind(8, join_lines(o.hours)).bind(9, o.info_markdown);
  return office_.run();
}

Status RowWriter::add(const Glossary& g, int serves) {
  glossary_.bind(1, g.id).bind(2, to_string(g.lang)).bind(3, serves);
  glossary_.bind(4, g.title).bind(5, g.terms);
  return glossary_.run();
}

Status RowWriter::add_entry(std::string_view kind, const std::string& id, Lang lang, int serves,
                            const std::string& category_id, const std::string& title,
                            const Document* doc, const std::vector<std::string>& tags,
                            const std::string& body) {
  const std::string number = doc ? doc->number : std::string();
  const std::string key = text::number_key(number);
  const std::string tag_lines = join_lines(tags);
  const std::string body_text = markdown_to_plain_text(body);
  const std::string audience = audience_words(serves);
  entry_.bind(1, kind).bind(2, id).bind(3, to_string(lang)).bind(4, serves);
  entry_.bind(5, category_id).bind(6, title).bind(7, number).bind(8, key);
  entry_.bind(9, audience);
  entry_.bind(10, doc ? doc->issuer : "").bind(11, doc ? doc->issued : "");
  entry_.bind(12, doc ? doc->effective : "").bind(13, doc ? doc->expires : "");
  entry_.bind(14, doc ? doc->summary : "").bind(15, doc ? doc->source_url : "");
  entry_.bind(16, tag_lines).bind(17, body);
  if (auto s = entry_.run(); !s) return s;
  fts_.bind(1, title).bind(2, number).bind(3, tag_lines).bind(4, body_text).bind(5, key);
  fts_.bind(6, audience);
  if (auto s = fts_.run(); !s) return s;
  title_fts_.bind(1, title).bind(2, number).bind(3, tag_lines).bind(4, key).bind(5, audience);
  return title_fts_.run();
}

Result<std::int64_t> RowWriter::entry_rowid(ItemType type, std::string_view id, Lang lang) {
  auto stmt =
      sql::Stmt::prepare(*db_, "SELECT rowid FROM entry WHERE kind = ? AND id = ? AND lang = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, kind_of(type)).bind(2, id).bind(3, to_string(lang));
  if (stmt->step()) return stmt->integer(0);
  if (auto s = stmt->status(); !s) return s.error();
  return std::int64_t{0};
}

// An external-content index forgets a row only when told the values it
// indexed, so these read them back from the row before it changes.
Status RowWriter::unindex(std::int64_t rowid) {
  auto fts = sql::Stmt::prepare(
      *db_,
      "INSERT INTO entry_fts(entry_fts, rowid, title, number, tags, body_text, number_key, "
      "audience) SELECT 'delete', row_id, title, number, tags, body_text, number_key, audience "
      "FROM entry_search WHERE row_id = ?");
  if (!fts) return fts.error();
  if (auto s = fts->bind(1, rowid).run(); !s) return s;
  auto title = sql::Stmt::prepare(
      *db_,
      "INSERT INTO entry_title_fts(entry_title_fts, rowid, title, number, tags, number_key, "
      "audience) SELECT 'delete', rowid, title, number, tags, number_key, audience FROM entry "
      "WHERE rowid = ?");
  if (!title) return title.error();
  return title->bind(1, rowid).run();
}

Status RowWriter::reindex(std::int64_t rowid) {
  auto fts = sql::Stmt::prepare(
      *db_,
      "INSERT INTO entry_fts(rowid, title, number, tags, body_text, number_key, audience) "
      "SELECT row_id, title, number, tags, body_text, number_key, audience FROM entry_search "
      "WHERE row_id = ?");
  if (!fts) return fts.error();
  if (auto s = fts->bind(1, rowid).run(); !s) return s;
  auto title = sql::Stmt::prepare(
      *db_,
      "INSERT INTO entry_title_fts(rowid, title, number, tags, number_key, audience) "
      "SELECT rowid, title, number, tags, number_key, audience FROM entry WHERE rowid = ?");
  if (!title) return title.error();
  return title->bind(1, rowid).run();
}

Status RowWriter::remove(ItemType type, std::string_view id, Lang lang) {
  if (is_entry(type)) {
    auto rowid = entry_rowid(type, id, lang);
    if (!rowid) return rowid.error();
    if (*rowid == 0) return {};
    if (auto s = unindex(*rowid); !s) return s;
    auto stmt = sql::Stmt::prepare(*db_, "DELETE FROM entry WHERE rowid = ?");
    if (!stmt) return stmt.error();
    return stmt->bind(1, *rowid).run();
  }
  auto stmt = sql::Stmt::prepare(
      *db_, std::string("DELETE FROM ") + table_of(type) + " WHERE id = ? AND lang = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, id).bind(2, to_string(lang)).run();
}

Result<int> RowWriter::languages(ItemType type, std::string_view id) {
  std::string sql = std::string("SELECT lang FROM ") + table_of(type) + " WHERE id = ?";
  if (is_entry(type)) sql += " AND kind = ?";
  auto stmt = sql::Stmt::prepare(*db_, sql);
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  if (is_entry(type)) stmt->bind(2, kind_of(type));
  int bits = 0;
  while (stmt->step()) bits |= stmt->text(0) == "vi" ? 1 : 2;
  if (auto s = stmt->status(); !s) return s.error();
  return bits;
}

Status RowWriter::set_serves(ItemType type, std::string_view id, Lang lang, int serves) {
  if (is_entry(type)) {
    auto rowid = entry_rowid(type, id, lang);
    if (!rowid) return rowid.error();
    if (*rowid == 0) return {};
    auto current = sql::Stmt::prepare(*db_, "SELECT serves FROM entry WHERE rowid = ?");
    if (!current) return current.error();
    current->bind(1, *rowid);
    if (current->step() && current->integer(0) == serves) return {};
    if (auto s = unindex(*rowid); !s) return s;
    auto update =
        sql::Stmt::prepare(*db_, "UPDATE entry SET serves = ?, audience = ? WHERE rowid = ?");
    if (!update) return update.error();
    if (auto s = update->bind(1, serves).bind(2, audience_words(serves)).bind(3, *rowid).run();
        !s) {
      return s;
    }
    return reindex(*rowid);
  }
  auto stmt = sql::Stmt::prepare(
      *db_, std::string("UPDATE ") + table_of(type) + " SET serves = ? WHERE id = ? AND lang = ?");
  if (!stmt) return stmt.error();
  return stmt->bind(1, serves).bind(2, id).bind(3, to_string(lang)).run();
}

}  // namespace content
