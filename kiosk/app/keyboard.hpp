// The on-screen keyboard: Vietnamese (Telex) and English letters, digits, and
// a row of tone keys for people who do not type Telex. The kiosk's compositor
// cannot host a separate keyboard, so the app draws its own.
#pragma once

#include <cstddef>

#include "kiosk/telex.hpp"

namespace keyboard {

// Draws the keyboard across the available width at the cursor and feeds the
// composer; returns true when the text changed. `id` prefixes key ids
// ("kb-a", "kb-space", "kb-back", "kb-tone-sac", ...) for scripts.
// Keys that would take the text past `max_bytes` are undone.
bool draw(const char* id, kiosk::TelexComposer& composer, bool& digits, bool& vietnamese,
          const char* lang_label, const char* clear_label, const char* backspace_label,
          std::size_t max_bytes);

// Undoes the last keystroke while the text is longer than `max_bytes`.
void enforce_limit(kiosk::TelexComposer& composer, std::size_t max_bytes);

// Height the keyboard takes at the current width.
float height();

}  // namespace keyboard
