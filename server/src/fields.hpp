// Checks for single fields of what kiosks send, shared by the body parsers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk_server::fields {

// 1..64 characters of a-z, 0-9 and '-': kiosk ids and service ids.
bool is_slug(std::string_view text);

// 1..32 characters of 0-9, A-Z, a-z and . + ~ -: "0.1.0", "1.2.0~rc1".
bool is_version(std::string_view text);

// Why `text` is not acceptable free text, or nullopt: it must be valid UTF-8,
// hold no control character (line breaks and tabs only when `multiline`), and
// be at most `max_bytes` long.
std::optional<std::string> text_problem(std::string_view text, std::size_t max_bytes,
                                        bool multiline);

}  // namespace kiosk_server::fields
