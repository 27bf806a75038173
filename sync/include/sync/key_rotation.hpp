// Key rotation: a new department key, signed by the key it replaces.
//
// The record lives at keys/<new key id>.signed in the repository. A kiosk
// that meets a manifest signed by a key it does not know fetches the record
// of that key, checks it against a key it trusts (following up to
// kMaxRotationChain records back), and from then on trusts the new key and
// no longer the one it replaced. So staff rotate without touching a kiosk:
//
//   kioskctl keygen --out NEW
//   kioskctl rotate-key --repo DIR --old OLD/signing.key --new NEW/signing.key
//   kioskctl publish SRC --repo DIR --key NEW/signing.key
#pragma once

#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>

#include "content/result.hpp"
#include "sync/signing.hpp"

namespace published {

inline constexpr int kMaxRotationChain = 8;
inline constexpr std::size_t kMaxRotationBytes = 4096;

struct KeyRotation {
  PublicKey key;         // the new key
  std::string replaces;  // id of the key that signed this record
  PublicKey previous;    // that key
  std::string created;   // UTC, YYYY-MM-DDTHH:MM:SSZ
};

std::string rotation_path(std::string_view key_id);  // "keys/<id>.signed"

// The signed record of `next` replacing `current`.
std::string seal_rotation(const SigningKey& current, const PublicKey& next, std::time_t now);

// The record, when `envelope` is signed by one of `trusted` and is about the
// key `expected_id`.
content::Result<KeyRotation> open_rotation(std::string_view envelope,
                                           const std::vector<PublicKey>& trusted,
                                           std::string_view expected_id);

}  // namespace published
