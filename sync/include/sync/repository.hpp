// The published repository, as any static web server can serve it:
//
//   manifest.signed            the newest signed head (replaced last, atomically)
//   manifests/<version>.signed every head ever published, never rewritten
//   objects/<aa>/<sha256>      content objects (item_json.hpp), indexes and
//                              changes (manifest.hpp), never rewritten
//   keys/<key id>.signed       key rotation records (key_rotation.hpp)
#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>

#include "content/content_set.hpp"
#include "content/result.hpp"
#include "sync/manifest.hpp"
#include "sync/signing.hpp"

namespace published {

std::string utc_iso(std::time_t t);

// Versions stop well short of the integer's end, so no arithmetic overflows.
inline constexpr std::int64_t kMaxVersion = std::int64_t{1} << 53;

struct PublishReport {
  std::int64_t version = 0;
  std::size_t objects = 0;
  std::size_t new_objects = 0;
  std::size_t changed = 0;  // items upserted or removed since the version before
  std::string expires;
};

// Publishes `set` as the next version: objects, the index and the change
// first, then the versioned head, then manifest.signed. A repository signed
// by another key is refused unless a rotation record introduces `key`.
content::Result<PublishReport> publish(const content::ContentSet& set,
                                       const std::filesystem::path& repo, const SigningKey& key,
                                       int expires_days, std::time_t now);

// Writes the record of `next` replacing `current` (keys/<next id>.signed),
// then the same content again as the next version signed by `next`. The
// repository's newest head must be signed by `current`; afterwards only
// `next` can publish here.
content::Status rotate_key(const std::filesystem::path& repo, const SigningKey& current,
                           const SigningKey& next, std::time_t now);

struct VerifyReport {
  Head head;
  content::ContentSet set;
};

// Checks a repository as a kiosk with nothing installed would: the head's
// signature by `trusted` (or a key it rotated to) before parsing, not
// expired at `now`, every object present with its hash and length, every
// object a valid item, the whole set consistent.
content::Result<VerifyReport> verify_repository(const std::filesystem::path& repo,
                                                const PublicKey& trusted, std::time_t now);

}  // namespace published
