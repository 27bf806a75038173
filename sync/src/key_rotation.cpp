#include "sync/key_rotation.hpp"

#include <nlohmann/json.hpp>

#include "sync/repository.hpp"

namespace published {

std::string rotation_path(std::string_view key_id) {
  return "keys/" + std::string(key_id) + ".signed";
}

std::string seal_rotation(const SigningKey& current, const PublicKey& next, std::time_t now) {
  const nlohmann::json body{{"format", 1},
                            {"key", public_key_base64(next)},
                            {"id", next.id},
                            {"replaces", current.public_key.id},
                            {"replaces_key", public_key_base64(current.public_key)},
                            {"created", utc_iso(now)}};
  return seal_envelope(body.dump(), current);
}

content::Result<KeyRotation> open_rotation(std::string_view envelope,
                                           const std::vector<PublicKey>& trusted,
                                           std::string_view expected_id) {
  auto body = open_envelope(envelope, trusted, kMaxRotationBytes);
  if (!body) return content::Error{"the key rotation record: " + body.error().message};
  try {
    const auto j = nlohmann::json::parse(*body);
    if (j.at("format").get<int>() != 1) {
      return content::Error{"the key rotation record has an unknown format"};
    }
    auto key = public_key_from_base64(j.at("key").get<std::string>());
    if (!key) return content::Error{"the key rotation record: " + key.error().message};
    if (key->id != expected_id || j.at("id").get<std::string>() != key->id) {
      return content::Error{"the key rotation record is not about key " +
                            std::string(expected_id.substr(0, 32))};
    }
    KeyRotation r;
    r.key = std::move(key).value();
    r.replaces = envelope_key_id(envelope);
    r.created = j.at("created").get<std::string>();
    auto previous = public_key_from_base64(j.at("replaces_key").get<std::string>());
    if (!previous || previous->id != r.replaces) {
      return content::Error{"the key rotation record names a key that did not sign it"};
    }
    r.previous = std::move(previous).value();
    if (j.at("replaces").get<std::string>() != r.replaces) {
      return content::Error{"the key rotation record names another signer than its own"};
    }
    return r;
  } catch (const std::exception& e) {
    return content::Error{std::string("malformed key rotation record: ") + e.what()};
  }
}

}  // namespace published
