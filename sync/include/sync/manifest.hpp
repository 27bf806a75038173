// What a published repository says, as JSON (format 2):
//
//   the head     signed (manifest.signed, manifests/<version>.signed): the
//                version, when it was published and expires, the index
//                object's hash and length, and the change objects of the
//                last versions, so a kiosk one or a few versions behind
//                fetches a few hundred bytes instead of the whole index.
//   the index    an object listing every content object of the version
//                (type, id, language, SHA-256, length) in canonical order;
//                the same entries always give the same bytes.
//   a change     an object listing what one version upserted and removed
//                relative to the one before.
//   a snapshot   every item object of the version, concatenated in index
//                order: a new kiosk (or one far behind) fetches the version
//                in one request instead of one per item, and splits it by
//                the index's lengths, checking each piece's hash.
//
// Objects (index, changes, items) are addressed by SHA-256 and pinned by the
// signed head, so nothing can be swapped, mixed or stretched.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.hpp"
#include "content/store.hpp"

namespace published {

inline constexpr int kManifestFormat = 2;
inline constexpr std::size_t kMaxHeadBytes = 64 * 1024;
inline constexpr std::size_t kMaxIndexBytes = 64 * 1024 * 1024;
inline constexpr std::size_t kMaxObjectBytes = 1024 * 1024;
inline constexpr std::size_t kMaxObjects = 200'000;
inline constexpr std::size_t kMaxChangesInHead = 32;
inline constexpr std::uint64_t kMaxSnapshotBytes = 1ull << 30;

// One content object: the item (in one language) it holds, its hash and length.
using IndexEntry = content::SourceObject;

struct ObjectRef {
  std::string sha256;  // 64 lower-case hex digits
  std::uint64_t length = 0;
  bool operator==(const ObjectRef&) const = default;
};

struct ChangeRef {
  std::int64_t to = 0;  // the version this change makes from `to - 1`
  ObjectRef object;
};

struct Head {
  std::int64_t version = 0;
  std::string published;  // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::string expires;    // UTC, YYYY-MM-DDTHH:MM:SSZ
  ObjectRef index;
  std::uint64_t objects = 0;       // entries in the index
  std::vector<ChangeRef> changes;  // newest first
  ObjectRef snapshot;              // length 0: none
};

struct Change {
  std::int64_t to = 0;
  std::vector<IndexEntry> upserts;
  std::vector<content::ItemKey> removals;
};

std::string head_json(const Head& head);
content::Result<Head> parse_head(std::string_view json);

// Sorts into canonical order (type name, id, language name); the bytes of
// an index are those of its sorted entries.
void sort_entries(std::vector<IndexEntry>& entries);
std::string index_json(const std::vector<IndexEntry>& sorted_entries);
// Strict: entries must be in canonical order with no key twice.
content::Result<std::vector<IndexEntry>> parse_index(std::string_view json);

std::string change_json(const Change& change);
content::Result<Change> parse_change(std::string_view json);

// What turns index `from` into index `to`.
Change diff(const std::vector<IndexEntry>& from, const std::vector<IndexEntry>& to,
            std::int64_t to_version);
// `index` with `change` applied, in canonical order.
std::vector<IndexEntry> apply_change(std::vector<IndexEntry> index, const Change& change);

std::string object_path(const std::string& sha256);  // "objects/ab/ab12..."
bool is_sha256_hex(std::string_view text);

}  // namespace published
