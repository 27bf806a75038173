#include "store_update.hpp"

#include <map>
#include <utility>

#include "store_impl.hpp"
#include "store_write.hpp"

namespace content {
namespace {

using Touched = std::map<std::pair<ItemType, std::string>, int>;  // item -> new language bits

template <typename Item>
void note(const std::vector<Item>& items, ItemType type, Touched& touched) {
  for (const auto& item : items) touched[{type, item.id}] |= serves_bit(item.lang);
}

ItemType type_of(const Category&) { return ItemType::category; }
ItemType type_of(const Document&) { return ItemType::document; }
ItemType type_of(const Faq&) { return ItemType::faq; }
ItemType type_of(const Service&) { return ItemType::service; }
ItemType type_of(const Announcement&) { return ItemType::announcement; }
ItemType type_of(const OfficeInfo&) { return ItemType::office; }
ItemType type_of(const Glossary&) { return ItemType::glossary; }

Status fail(const std::string& what, const Status& s) {
  return Error{what + ": " + s.error().message};
}

}  // namespace

Status apply_changes(const sql::Db& db, const ContentUpdate& update) {
  auto writer = RowWriter::prepare(db);
  if (!writer) return writer.error();
  const ContentSet& set = update.upserts;

  Touched touched;
  for (const auto& key : update.removals) touched[{key.type, key.id}] |= 0;
  note(set.categories, ItemType::category, touched);
  note(set.documents, ItemType::document, touched);
  note(set.faqs, ItemType::faq, touched);
  note(set.services, ItemType::service, touched);
  note(set.announcements, ItemType::announcement, touched);
  note(set.offices, ItemType::office, touched);
  note(set.glossaries, ItemType::glossary, touched);

  // Every row that goes or is replaced leaves first.
  for (const auto& key : update.removals) {
    if (auto s = writer->remove(key.type, key.id, key.lang); !s) {
      return fail("cannot remove \"" + key.id + "\"", s);
    }
  }
  auto remove_old = [&](const auto& items) -> Status {
    for (const auto& item : items) {
      if (auto s = writer->remove(type_of(item), item.id, item.lang); !s) {
        return fail("cannot replace \"" + item.id + "\"", s);
      }
    }
    return {};
  };
  if (auto s = remove_old(set.categories); !s) return s;
  if (auto s = remove_old(set.documents); !s) return s;
  if (auto s = remove_old(set.faqs); !s) return s;
  if (auto s = remove_old(set.services); !s) return s;
  if (auto s = remove_old(set.announcements); !s) return s;
  if (auto s = remove_old(set.offices); !s) return s;
  if (auto s = remove_old(set.glossaries); !s) return s;

  // An item's rows that stay may now serve another language, or no longer.
  std::map<std::pair<ItemType, std::string>, int> present;
  for (const auto& [item, added] : touched) {
    const auto& [type, id] = item;
    auto remaining = writer->languages(type, id);
    if (!remaining) return remaining.error();
    const int all = *remaining | added;
    present[item] = all;
    for (const Lang lang : {Lang::vi, Lang::en}) {
      if (!(*remaining & serves_bit(lang))) continue;
      if (auto s = writer->set_serves(type, id, lang, serves_of(lang, all)); !s) {
        return fail("cannot update \"" + id + "\"", s);
      }
    }
  }

  auto add_new = [&](const auto& items) -> Status {
    for (const auto& item : items) {
      const int all = present.at({type_of(item), item.id});
      if (auto s = writer->add(item, serves_of(item.lang, all)); !s) {
        return fail("cannot store \"" + item.id + "\"", s);
      }
    }
    return {};
  };
  if (auto s = add_new(set.categories); !s) return s;
  if (auto s = add_new(set.documents); !s) return s;
  if (auto s = add_new(set.faqs); !s) return s;
  if (auto s = add_new(set.services); !s) return s;
  if (auto s = add_new(set.announcements); !s) return s;
  if (auto s = add_new(set.offices); !s) return s;
  return add_new(set.glossaries);
}

Status record_sources(const sql::Db& db, const ContentUpdate& update) {
  if (update.replace_all) {
    if (auto s = db.exec("DELETE FROM published_object"); !s) return s;
  } else {
    auto remove = sql::Stmt::prepare(
        db, "DELETE FROM published_object WHERE type = ? AND id = ? AND lang = ?");
    if (!remove) return remove.error();
    for (const auto& key : update.removals) {
      remove->bind(1, to_string(key.type)).bind(2, key.id).bind(3, to_string(key.lang));
      if (auto s = remove->run(); !s) return s;
    }
  }
  auto add = sql::Stmt::prepare(db,
                                "INSERT OR REPLACE INTO published_object(type, id, lang, sha256, "
                                "length) VALUES(?,?,?,?,?)");
  if (!add) return add.error();
  for (const auto& source : update.sources) {
    add->bind(1, to_string(source.key.type)).bind(2, source.key.id);
    add->bind(3, to_string(source.key.lang)).bind(4, source.sha256);
    add->bind(5, static_cast<std::int64_t>(source.length));
    if (auto s = add->run(); !s)
      return fail("cannot record where \"" + source.key.id + "\" came from", s);
  }
  return {};
}

Status check_consistency(const sql::Db& db) {
  auto orphan =
      sql::Stmt::prepare(db,
                         "SELECT e.kind, e.id, e.category_id FROM entry e WHERE NOT EXISTS "
                         "(SELECT 1 FROM category c WHERE c.id = e.category_id) LIMIT 1");
  if (!orphan) return orphan.error();
  if (orphan->step()) {
    return Error{"the " + orphan->text(0) + " \"" + orphan->text(1) + "\" is in category \"" +
                 orphan->text(2) + "\", which the content does not have"};
  }
  auto prefix = sql::Stmt::prepare(
      db, "SELECT prefix FROM service GROUP BY prefix HAVING count(DISTINCT id) > 1 LIMIT 1");
  if (!prefix) return prefix.error();
  if (prefix->step()) {
    return Error{"the ticket prefix \"" + prefix->text(0) + "\" is used by two services"};
  }
  return {};
}

std::vector<SourceObject> ContentStore::installed_sources() const {
  std::vector<SourceObject> out;
  auto stmt = sql::Stmt::prepare(
      impl_->db,
      "SELECT type, id, lang, sha256, length FROM published_object ORDER BY type, id, lang");
  if (!stmt) return out;
  while (stmt->step()) {
    const auto type = parse_item_type(stmt->text(0));
    const auto lang = parse_lang(stmt->text(2));
    if (!type || !lang) continue;
    out.push_back({{*type, stmt->text(1), *lang},
                   stmt->text(3),
                   static_cast<std::uint64_t>(stmt->integer(4))});
  }
  return out;
}

}  // namespace content
