// Staff accounts: roles, names, password rules and hashes, session tokens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "content/result.hpp"

namespace kiosk_server::console {

// Each role may do what the ones before it may.
enum class Role { viewer, editor, publisher, admin };

std::optional<Role> parse_role(std::string_view text);
std::string_view to_string(Role role);

inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// "" when `name` is 1-64 characters of a-z, 0-9, '.', '_', '-'; else why not.
std::string user_name_problem(std::string_view name);
// "" when `password` may be used; else why not.
std::string password_problem(std::string_view password);

// argon2id (libsodium's crypto_pwhash_str, interactive limits).
content::Result<std::string> hash_password(std::string_view password);
bool password_matches(const std::string& hash, std::string_view password);

// 32 random bytes as URL-safe base64, for session tokens and CSRF tokens.
std::string random_token();
// Lower-case hex SHA-256 of `text`.
std::string sha256_hex(std::string_view text);

}  // namespace kiosk_server::console
