#include "console/accounts.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "content/text.hpp"

namespace kiosk_server::console {

std::optional<Role> parse_role(std::string_view text) {
  if (text == "viewer") return Role::viewer;
  if (text == "editor") return Role::editor;
  if (text == "publisher") return Role::publisher;
  if (text == "admin") return Role::admin;
  return std::nullopt;
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::viewer:
      return "viewer";
    case Role::editor:
      return "editor";
    case Role::publisher:
      return "publisher";
    case Role::admin:
      return "admin";
  }
  return "viewer";
}

std::string user_name_problem(std::string_view name) {
  if (name.empty() || name.size() > 64) return "a user name is 1 to 64 characters";
  const bool ok = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  return ok ? "" : "a user name may hold only a-z, 0-9, '.', '_' and '-'";
}

std::string password_problem(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return "a password is at most " + std::to_string(kMaxPasswordBytes) + " bytes";
  }
  if (content::text::first_invalid_utf8(password)) return "a password must be UTF-8 text";
  std::size_t chars = 0;
  for (const char c : password) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (chars < kMinPasswordChars) {
    return "a password needs at least " + std::to_string(kMinPasswordChars) + " characters";
  }
  return "";
}

content::Result<std::string> hash_password(std::string_view password) {
  if (sodium_init() < 0) return content::Error{"libsodium could not start"};
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return content::Error{"not enough memory to hash the password"};
  }
  return std::string(out.data());
}

bool password_matches(const std::string& hash, std::string_view password) {
  if (sodium_init() < 0 || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
  if (sodium_init() < 0) return {};
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 64> out{};
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out.data();
}

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

}  // namespace kiosk_server::console
