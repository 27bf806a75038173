// Small pieces of HTTP the console's handlers share: JSON answers with the
// console's security headers, cookies, query strings.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "routes.hpp"

namespace kiosk_server::console {

inline constexpr const char* kCookieName = "kiosk_console";

// Adds the headers every console answer carries (CSP, nosniff, ...).
HttpReply& secured(HttpReply& reply);

HttpReply json_reply(int status, const nlohmann::json& body);
HttpReply error_reply(int status, const std::string& message);
HttpReply no_content();

// The value of cookie `name` in a Cookie header, or "".
std::string cookie_value(const std::string& header, std::string_view name);

// "a=1&b=x%20y" -> {a: 1, b: "x y"}; nullopt when an escape is malformed or
// a value is not UTF-8.
std::optional<std::map<std::string, std::string>> parse_query(std::string_view query);

// A whole number of at most 18 digits, or nullopt.
std::optional<long long> whole_number(std::string_view text);

}  // namespace kiosk_server::console
