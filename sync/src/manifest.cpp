#include "sync/manifest.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace published {
namespace {

using nlohmann::json;

bool is_utc_time(const std::string& t) {
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
      t[16] != ':' || t[19] != 'Z') {
    return false;
  }
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return true;
}

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 &&
         id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
}

json key_json(const content::ItemKey& key) {
  return {{"type", content::to_string(key.type)},
          {"id", key.id},
          {"lang", content::to_string(key.lang)}};
}

json entry_json(const IndexEntry& e) {
  json j = key_json(e.key);
  j["sha256"] = e.sha256;
  j["length"] = e.length;
  return j;
}

ObjectRef ref_of(const json& j) {
  ObjectRef ref{j.at("sha256").get<std::string>(), j.at("length").get<std::uint64_t>()};
  if (!is_sha256_hex(ref.sha256)) throw std::runtime_error("a malformed sha256");
  return ref;
}

content::ItemKey key_of(const json& j) {
  const auto type = content::parse_item_type(j.at("type").get<std::string>());
  const auto lang = content::parse_lang(j.at("lang").get<std::string>());
  content::ItemKey key;
  key.id = j.at("id").get<std::string>();
  if (!type || !lang || !valid_id(key.id)) throw std::runtime_error("a malformed item key");
  key.type = *type;
  key.lang = *lang;
  return key;
}

IndexEntry entry_of(const json& j) {
  IndexEntry e;
  e.key = key_of(j);
  const ObjectRef ref = ref_of(j);
  if (ref.length == 0 || ref.length > kMaxObjectBytes) {
    throw std::runtime_error("object \"" + e.key.id + "\" has a length out of range");
  }
  e.sha256 = ref.sha256;
  e.length = ref.length;
  return e;
}

// Canonical order compares names as text, so every program sorts alike.
bool key_less(const content::ItemKey& a, const content::ItemKey& b) {
  const auto ta = content::to_string(a.type), tb = content::to_string(b.type);
  if (ta != tb) return ta < tb;
  if (a.id != b.id) return a.id < b.id;
  return content::to_string(a.lang) < content::to_string(b.lang);
}

void check_format(const json& j, const char* what) {
  if (!j.is_object()) throw std::runtime_error(std::string(what) + " is not a JSON object");
  const int format = j.at("format").get<int>();
  if (format != kManifestFormat) {
    throw std::runtime_error(std::string(what) + " format " + std::to_string(format) +
                             " is not known here (this kiosk reads format " +
                             std::to_string(kManifestFormat) + ")");
  }
}

}  // namespace

bool is_sha256_hex(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string object_path(const std::string& sha256) {
  return "objects/" + sha256.substr(0, 2) + "/" + sha256;
}

std::string head_json(const Head& h) {
  json changes = json::array();
  for (const auto& c : h.changes) {
    changes.push_back({{"to", c.to}, {"sha256", c.object.sha256}, {"length", c.object.length}});
  }
  json j{{"format", kManifestFormat},
         {"version", h.version},
         {"published", h.published},
         {"expires", h.expires},
         {"index", {{"sha256", h.index.sha256}, {"length", h.index.length}}},
         {"objects", h.objects},
         {"changes", changes}};
  if (h.snapshot.length > 0) {
    j["snapshot"] = {{"sha256", h.snapshot.sha256}, {"length", h.snapshot.length}};
  }
  return j.dump();
}

content::Result<Head> parse_head(std::string_view text) {
  try {
    const json j = json::parse(text);
    check_format(j, "the manifest");
    Head h;
    h.version = j.at("version").get<std::int64_t>();
    h.published = j.at("published").get<std::string>();
    h.expires = j.at("expires").get<std::string>();
    if (h.version < 1) return content::Error{"the manifest's version must be 1 or more"};
    if (!is_utc_time(h.published) || !is_utc_time(h.expires)) {
      return content::Error{"the manifest's published or expires is not a UTC time"};
    }
    h.index = ref_of(j.at("index"));
    if (h.index.length == 0 || h.index.length > kMaxIndexBytes) {
      return content::Error{"the manifest's index length is out of range"};
    }
    h.objects = j.at("objects").get<std::uint64_t>();
    if (j.contains("snapshot")) {
      h.snapshot = ref_of(j.at("snapshot"));
      if (h.snapshot.length == 0 || h.snapshot.length > kMaxSnapshotBytes) {
        return content::Error{"the manifest's snapshot length is out of range"};
      }
    }
    if (h.objects > kMaxObjects) return content::Error{"the manifest lists too many objects"};
    const auto& changes = j.at("changes");
    if (!changes.is_array() || changes.size() > kMaxChangesInHead) {
      return content::Error{"the manifest's changes must be a list of at most " +
                            std::to_string(kMaxChangesInHead)};
    }
    std::int64_t expected = h.version;
    for (const auto& c : changes) {
      ChangeRef ref{c.at("to").get<std::int64_t>(), ref_of(c)};
      // Newest first, one per version, none after the head's own.
      if (ref.to != expected || ref.to < 2 || ref.object.length == 0 ||
          ref.object.length > kMaxIndexBytes) {
        return content::Error{"the manifest's changes are not consecutive versions"};
      }
      --expected;
      h.changes.push_back(std::move(ref));
    }
    return h;
  } catch (const std::exception& e) {
    return content::Error{std::string("malformed manifest: ") + e.what()};
  }
}

void sort_entries(std::vector<IndexEntry>& entries) {
  std::sort(entries.begin(), entries.end(),
            [](const IndexEntry& a, const IndexEntry& b) { return key_less(a.key, b.key); });
}

std::string index_json(const std::vector<IndexEntry>& sorted_entries) {
  // Written by hand, entry by entry: an index can hold 200,000 entries and
  // this is on the kiosk's path of every incremental update.
  std::string out = "{\"format\":" + std::to_string(kManifestFormat) + ",\"objects\":[";
  bool first = true;
  for (const auto& e : sorted_entries) {
    if (!first) out.push_back(',');
    first = false;
    out += entry_json(e).dump();
  }
  out += "]}";
  return out;
}

content::Result<std::vector<IndexEntry>> parse_index(std::string_view text) {
  try {
    const json j = json::parse(text);
    check_format(j, "the index");
    const auto& objects = j.at("objects");
    if (!objects.is_array() || objects.size() > kMaxObjects) {
      return content::Error{"the index must list at most " + std::to_string(kMaxObjects) +
                            " objects"};
    }
    std::vector<IndexEntry> entries;
    entries.reserve(objects.size());
    for (const auto& o : objects) {
      auto e = entry_of(o);
      if (!entries.empty() && !key_less(entries.back().key, e.key)) {
        return content::Error{"the index is not in canonical order at \"" + e.key.id + "\""};
      }
      entries.push_back(std::move(e));
    }
    return entries;
  } catch (const std::exception& e) {
    return content::Error{std::string("malformed index: ") + e.what()};
  }
}

std::string change_json(const Change& c) {
  json upserts = json::array();
  for (const auto& e : c.upserts) upserts.push_back(entry_json(e));
  json removals = json::array();
  for (const auto& k : c.removals) removals.push_back(key_json(k));
  const json j{
      {"format", kManifestFormat}, {"to", c.to}, {"upsert", upserts}, {"remove", removals}};
  return j.dump();
}

content::Result<Change> parse_change(std::string_view text) {
  try {
    const json j = json::parse(text);
    check_format(j, "a change");
    Change c;
    c.to = j.at("to").get<std::int64_t>();
    const auto& upserts = j.at("upsert");
    const auto& removals = j.at("remove");
    if (!upserts.is_array() || !removals.is_array() ||
        upserts.size() + removals.size() > kMaxObjects) {
      return content::Error{"a change must list at most " + std::to_string(kMaxObjects) +
                            " upserts and removals"};
    }
    for (const auto& o : upserts) c.upserts.push_back(entry_of(o));
    for (const auto& o : removals) c.removals.push_back(key_of(o));
    return c;
  } catch (const std::exception& e) {
    return content::Error{std::string("malformed change: ") + e.what()};
  }
}

Change diff(const std::vector<IndexEntry>& from, const std::vector<IndexEntry>& to,
            std::int64_t to_version) {
  std::map<content::ItemKey, const IndexEntry*> old;
  for (const auto& e : from) old[e.key] = &e;
  Change c;
  c.to = to_version;
  for (const auto& e : to) {
    auto it = old.find(e.key);
    if (it == old.end() || !(*it->second == e)) c.upserts.push_back(e);
    if (it != old.end()) old.erase(it);
  }
  for (const auto& [key, entry] : old) c.removals.push_back(key);
  sort_entries(c.upserts);
  std::sort(c.removals.begin(), c.removals.end(), key_less);
  return c;
}

std::vector<IndexEntry> apply_change(std::vector<IndexEntry> index, const Change& change) {
  std::map<content::ItemKey, IndexEntry> by_key;
  for (auto& e : index) {
    auto key = e.key;
    by_key.insert_or_assign(std::move(key), std::move(e));
  }
  for (const auto& k : change.removals) by_key.erase(k);
  for (const auto& e : change.upserts) by_key.insert_or_assign(e.key, e);
  std::vector<IndexEntry> out;
  out.reserve(by_key.size());
  for (auto& [key, e] : by_key) out.push_back(std::move(e));
  sort_entries(out);
  return out;
}

}  // namespace published
