// Ed25519 keys and signed envelopes (libsodium).
//
// A signed envelope is the exact bytes that were signed, behind a short text
// header naming the key and carrying the signature:
//
//   kiosk-signed-v1
//   key: 3f2a9c0d1b7e4a55
//   signature: <base64 of the 64-byte Ed25519 signature over the body>
//   <empty line>
//   <body bytes>
//
// open_envelope() checks the signature over the body's exact bytes before
// anyone parses them.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.hpp"

namespace published {

struct PublicKey {
  std::array<unsigned char, 32> bytes{};
  std::string id;  // 16 hex digits: the start of the key's SHA-256
};

struct SigningKey {
  std::array<unsigned char, 64> secret{};
  PublicKey public_key;
};

content::Result<SigningKey> generate_key();

// Writes DIR/signing.key (mode 0600) and DIR/signing.pub; refuses to
// overwrite an existing key.
content::Status write_key_files(const SigningKey& key, const std::filesystem::path& dir);
content::Result<SigningKey> read_signing_key(const std::filesystem::path& file);
content::Result<PublicKey> read_public_key(const std::filesystem::path& file);
std::string public_key_file_text(const PublicKey& key);

std::string seal_envelope(std::string_view body, const SigningKey& key);

// The body, when `envelope` is signed by one of `trusted`; an error naming
// what is wrong otherwise. Envelopes over `max_bytes` are refused unread.
content::Result<std::string> open_envelope(std::string_view envelope,
                                           const std::vector<PublicKey>& trusted,
                                           std::size_t max_bytes = 16 * 1024 * 1024);

std::string sha256_hex(std::string_view bytes);

// The key id an envelope names in its header, unverified: which key to look
// for. Empty when the header is malformed.
std::string envelope_key_id(std::string_view envelope);

// A public key as one line of base64 (32 bytes), and back; the id is derived.
std::string public_key_base64(const PublicKey& key);
content::Result<PublicKey> public_key_from_base64(std::string_view text);

}  // namespace published
