#include "sync/update.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <sstream>

#include "content/authoring.hpp"
#include "sync/item_json.hpp"
#include "sync/key_rotation.hpp"
#include "sync/repository.hpp"

namespace published {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Fetches an object the head pins, refusing anything but its exact bytes.
Attempt<std::string> fetch_pinned(RepositorySource& source, const std::string& path,
                                  const ObjectRef& ref) {
  auto got = source.get(path, ref.length);
  if (!got) return got.error();
  if (got->not_modified) return failed(path + ": the server answered 304 to a plain request");
  if (got->body.size() != ref.length || sha256_hex(got->body) != ref.sha256) {
    return refused(path + " is not the object the manifest pins (hash or length differ)");
  }
  return std::move(got->body);
}

// Extends `trust` with the key `id` when a rotation record signed by a
// trusted key (or, recursively, by a key so introduced) introduces it.
Attempt<bool> learn_key(RepositorySource& source, const std::string& id, Trust& trust, int depth) {
  if (depth > kMaxRotationChain) {
    return refused("key " + id + " is too many rotations away from a trusted key");
  }
  auto record = source.get(rotation_path(id), kMaxRotationBytes);
  if (!record) {
    if (record.error().kind == Failure::Kind::transient) return record.error();
    return refused("the manifest is signed by unknown key " + id +
                   " and the repository has no rotation record for it");
  }
  const std::string signer = envelope_key_id(record->body);
  if (signer.empty()) return refused("the rotation record of key " + id + " is malformed");
  if (contains(trust.retired, id)) return refused("key " + id + " was rotated away");
  const auto usable = trust.usable();
  const bool signer_known =
      std::any_of(usable.begin(), usable.end(), [&](const PublicKey& k) { return k.id == signer; });
  if (!signer_known) {
    if (signer == id) return refused("the rotation record of key " + id + " signs itself");
    auto learned = learn_key(source, signer, trust, depth + 1);
    if (!learned) return learned.error();
  }
  auto rotation = open_rotation(record->body, trust.usable(), id);
  if (!rotation) return refused(rotation.error().message);
  trust.keys.push_back(rotation->key);
  if (!contains(trust.retired, rotation->replaces)) trust.retired.push_back(rotation->replaces);
  return true;
}

// The new index, from the change objects when the head lists every one
// since the installed version and they rebuild exactly the index it pins;
// the whole index otherwise.
Attempt<std::vector<IndexEntry>> new_index(RepositorySource& source, const Installed& installed,
                                           const Head& head, Plan& plan) {
  const std::int64_t behind = head.version - installed.version;
  const bool chain = !installed.sources.empty() && installed.version >= 1 && behind >= 1 &&
                     behind <= static_cast<std::int64_t>(head.changes.size());
  if (chain) {
    std::vector<IndexEntry> index = installed.sources;
    bool usable = true;
    for (std::int64_t i = behind - 1; i >= 0 && usable; --i) {
      const auto& ref = head.changes[static_cast<std::size_t>(i)];
      auto bytes = fetch_pinned(source, object_path(ref.object.sha256), ref.object);
      if (!bytes) return bytes.error();
      auto change = parse_change(*bytes);
      if (!change) return refused(change.error().message);
      if (change->to != ref.to) return refused("a change object is not for the version it claims");
      index = apply_change(std::move(index), *change);
      ++plan.changes_used;
    }
    const std::string bytes = index_json(index);
    if (bytes.size() == head.index.length && sha256_hex(bytes) == head.index.sha256) return index;
    plan.changes_used = 0;  // the installed state was not what the changes start from
  }
  auto bytes = fetch_pinned(source, object_path(head.index.sha256), head.index);
  if (!bytes) return bytes.error();
  auto index = parse_index(*bytes);
  if (!index) return refused(index.error().message);
  if (index->size() != head.objects)
    return refused("the index does not list what the manifest says");
  return std::move(index).value();
}

}  // namespace

std::vector<PublicKey> Trust::usable() const {
  std::vector<PublicKey> out;
  for (const auto& k : keys) {
    if (!contains(retired, k.id)) out.push_back(k);
  }
  return out;
}

Installed installed_state(const content::ContentStore& store) {
  Installed in;
  const std::string highest = store.meta("sync.highest_version").value_or("0");
  std::from_chars(highest.data(), highest.data() + highest.size(), in.version);
  in.head_sha256 = store.meta("sync.highest_sha256").value_or("");
  in.manifest_sha256 = store.meta("manifest.sha256").value_or("");
  in.manifest_published = store.meta("sync.newest_published").value_or("");
  in.manifest_expires = store.meta("manifest.expires").value_or("");
  in.etag = store.meta("sync.etag").value_or("");
  if (!in.manifest_sha256.empty()) {
    in.sources = store.installed_sources();
    sort_entries(in.sources);
  }
  return in;
}

Trust trust_state(const content::ContentStore& store, const PublicKey& anchor) {
  Trust trust;
  trust.keys.push_back(anchor);
  for (const auto& line : lines_of(store.meta("trust.keys").value_or(""))) {
    if (auto key = public_key_from_base64(line)) trust.keys.push_back(*key);
  }
  trust.retired = lines_of(store.meta("trust.retired").value_or(""));
  return trust;
}

Attempt<Plan> plan_update(RepositorySource& source, const Installed& installed,
                          const Trust& trust_in, std::time_t now, PlanOptions options) {
  Plan plan;
  const bool have_head = !installed.manifest_sha256.empty();
  auto got = source.get("manifest.signed", kMaxHeadBytes + 512,
                        have_head ? std::string_view(installed.etag) : std::string_view());
  if (!got) return got.error();

  // Time is the later of the clock and the newest head verified: a kiosk
  // whose clock was set back still sees an old head as expired.
  const std::string now_iso = std::max(utc_iso(now), installed.manifest_published);
  if (got->not_modified) {
    if (installed.manifest_expires < now_iso) {
      return refused("the installed manifest expired at " + installed.manifest_expires +
                     " and the server offers nothing newer");
    }
    plan.unchanged = true;
    plan.etag = installed.etag;
    plan.head.version = installed.version;
    return plan;
  }

  Trust trust = trust_in;
  const std::string signer = envelope_key_id(got->body);
  if (signer.empty()) return refused("manifest.signed is not signed (no signature header)");
  const auto usable = trust.usable();
  if (std::none_of(usable.begin(), usable.end(),
                   [&](const PublicKey& k) { return k.id == signer; })) {
    auto learned = learn_key(source, signer, trust, 0);
    if (!learned) return learned.error();
  }
  auto body = open_envelope(got->body, trust.usable(), kMaxHeadBytes + 512);
  if (!body) return refused("manifest.signed: " + body.error().message);
  auto head = parse_head(*body);
  if (!head) return refused(head.error().message);
  const std::string head_sha = sha256_hex(*body);
  plan.head = *head;
  plan.etag = got->etag;

  if (head->expires < now_iso) {
    return refused("the manifest expired at " + head->expires + " (version " +
                   std::to_string(head->version) + "); the department must publish again");
  }
  if (head->version < installed.version) {
    return refused("the manifest's version " + std::to_string(head->version) +
                   " is older than the installed " + std::to_string(installed.version) +
                   " (rollback)");
  }
  if (head->version == installed.version) {
    if (head_sha != installed.head_sha256) {
      return refused("the manifest has the installed version " + std::to_string(head->version) +
                     " but other content (rollback)");
    }
    if (head_sha == installed.manifest_sha256) {
      plan.unchanged = true;
      return plan;
    }
    // The same head again after a local import: installed afresh below.
  }

  auto index = new_index(source, installed, *head, plan);
  if (!index) return index.error();
  const Change change = diff(installed.sources, *index, head->version);

  content::ContentUpdate& update = plan.update;
  update.version = head->version;
  update.replace_all = installed.sources.empty();
  update.expected_manifest_sha256 = installed.manifest_sha256;
  const auto& wanted = update.replace_all ? *index : change.upserts;
  if (!update.replace_all) update.removals = change.removals;
  std::vector<std::pair<std::string, content::AuthoredItem>> items;
  items.reserve(wanted.size());

  // Most of the version wanted (a new kiosk, a big change): one request for
  // the snapshot instead of one per item, cut by the index's lengths.
  std::uint64_t wanted_bytes = 0;
  for (const auto& e : wanted) wanted_bytes += e.length;
  std::string snapshot;
  std::map<std::string_view, std::string_view> pieces;  // sha256 -> bytes in the snapshot
  if (head->snapshot.length > 0 && !options.fetch_each_object && !wanted.empty() &&
      (update.replace_all || wanted_bytes >= head->snapshot.length / 4)) {
    auto got = fetch_pinned(source, object_path(head->snapshot.sha256), head->snapshot);
    if (!got) return got.error();
    snapshot = std::move(got).value();
    std::uint64_t at = 0;
    for (const auto& e : *index) {
      if (at + e.length > snapshot.size()) return refused("the snapshot is shorter than its index");
      const std::string_view piece(snapshot.data() + at, e.length);
      if (sha256_hex(piece) != e.sha256) {
        return refused("the snapshot's piece for \"" + e.key.id + "\" is not the object pinned");
      }
      pieces.emplace(e.sha256, piece);
      at += e.length;
    }
    if (at != snapshot.size()) return refused("the snapshot is longer than its index");
    plan.used_snapshot = true;
  }

  for (const auto& entry : wanted) {
    const std::string path = object_path(entry.sha256);
    std::string bytes_held;
    if (plan.used_snapshot) {
      bytes_held = std::string(pieces.at(entry.sha256));
    } else {
      auto fetched = fetch_pinned(source, path, {entry.sha256, entry.length});
      if (!fetched) return fetched.error();
      bytes_held = std::move(fetched).value();
    }
    const std::string* bytes = &bytes_held;
    auto item = parse_object(*bytes);
    if (!item) return refused(path + ": " + item.error().message);
    if (item->type != entry.key.type || item->id != entry.key.id || item->lang != entry.key.lang) {
      return refused(path + " is not the item the index says it is");
    }
    items.emplace_back(path, std::move(item).value());
    ++plan.objects_fetched;
  }
  if (options.check_whole_set || update.replace_all) {
    const auto problems = content::check_tree(items);
    if (!problems.empty()) return refused(problems.front().to_string());
  }
  for (auto& [path, item] : items) add_to_set(std::move(item), update.upserts);
  update.sources = wanted;

  std::vector<std::string> learned;
  for (const auto& k : trust.keys) {
    if (k.id != trust.keys.front().id) learned.push_back(public_key_base64(k));
  }
  const std::string newest_published = std::max(head->published, installed.manifest_published);
  update.meta = {{"manifest.sha256", head_sha},
                 {"manifest.published", newest_published},
                 {"sync.newest_published", newest_published},
                 {"sync.highest_version", std::to_string(head->version)},
                 {"sync.highest_sha256", head_sha},
                 {"manifest.expires", head->expires},
                 {"sync.etag", plan.etag},
                 {"trust.keys", join(learned)},
                 {"trust.retired", join(trust.retired)}};
  return plan;
}

}  // namespace published
