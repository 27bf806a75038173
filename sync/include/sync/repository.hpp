// The published repository, as any static web server can serve it:
//
//   manifest.signed            the newest signed manifest (replaced last, atomically)
//   manifests/<version>.signed every manifest ever published, never rewritten
//   objects/<aa>/<sha256>      content objects (item_json.hpp), never rewritten
//
// The manifest is JSON, signed as a whole (signing.hpp): a format number, a
// version that only grows, when it was published and when it expires, and
// every object with its SHA-256 and length, so nothing can be swapped,
// mixed or stretched without the signature failing.
#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "content/content_set.hpp"
#include "content/result.hpp"
#include "sync/signing.hpp"

namespace published {

inline constexpr int kManifestFormat = 1;
inline constexpr std::size_t kMaxManifestBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxObjectBytes = 1024 * 1024;
inline constexpr std::size_t kMaxObjects = 200'000;

struct ManifestEntry {
  std::string sha256;  // 64 lower-case hex digits
  std::uint64_t length = 0;
  content::ItemType type = content::ItemType::faq;
  std::string id;
  content::Lang lang = content::Lang::vi;
};

struct Manifest {
  int format = kManifestFormat;
  std::int64_t version = 0;
  std::string published;  // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::string expires;    // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::vector<ManifestEntry> objects;
};

std::string manifest_json(const Manifest& manifest);
// Strict: unknown format, missing or mistyped fields, bad hashes and too
// many objects are refused. Never throws.
content::Result<Manifest> parse_manifest(std::string_view json);

std::string object_path(const std::string& sha256);  // "objects/ab/ab12..."
std::string utc_iso(std::time_t t);

struct PublishReport {
  std::int64_t version = 0;
  std::size_t objects = 0;
  std::size_t new_objects = 0;
  std::string expires;
};

// Publishes `set` as the next version: objects first, then the versioned
// manifest, then manifest.signed. A repository signed by another key is
// refused (rotate keys first).
content::Result<PublishReport> publish(const content::ContentSet& set,
                                       const std::filesystem::path& repo, const SigningKey& key,
                                       int expires_days, std::time_t now);

struct VerifyReport {
  Manifest manifest;
  content::ContentSet set;
};

// Checks a repository as a kiosk would: signature by `trusted` before
// parsing, not expired at `now`, every object present with its hash and
// length, every object a valid item, the whole set consistent.
content::Result<VerifyReport> verify_repository(const std::filesystem::path& repo,
                                                const PublicKey& trusted, std::time_t now);

}  // namespace published
