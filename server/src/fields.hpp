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
// hold no control character, C0, DEL or C1 (line breaks and tabs only when
// `multiline`), no bidirectional formatting character (which can make a
// terminal or a page show text other than what is stored), and be at most
// `max_bytes` long.
std::optional<std::string> text_problem(std::string_view text, std::size_t max_bytes,
                                        bool multiline);

// U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069.
bool is_bidi_control(char32_t code_point);
bool is_c1_control(char32_t code_point);

// True when valid UTF-8 `text` holds any Unicode number character (general
// category Nd, Nl or No: ASCII, fullwidth and Arabic-Indic digits, circled
// and superscript numbers...).
bool has_digit(std::string_view text);

// `text` as it may be printed on a terminal: every control character (C0,
// DEL, C1) and bidirectional formatting character replaced by U+FFFD;
// "(not UTF-8)" for invalid UTF-8. For rows stored before these were refused.
std::string shown_safely(std::string_view text);

}  // namespace kiosk_server::fields
