// The on-screen keyboard: Vietnamese (Telex) and English letters, digits, and
// a row of tone keys for people who do not type Telex. The kiosk's compositor
// cannot host a separate keyboard, so the app draws its own.
#pragma once

#include "kiosk/telex.hpp"

namespace keyboard {

enum class Layout { letters, digits };

struct State {
  Layout layout = Layout::letters;
};

// Draws the keyboard across the available width at the cursor and feeds the
// composer; returns true when the text changed. `id` prefixes key ids
// ("kb-a", "kb-space", "kb-back", "kb-tone-sac", ...) for scripts.
bool draw(const char* id, kiosk::TelexComposer& composer, State& state, bool& vietnamese,
          const char* lang_label, const char* clear_label, const char* backspace_label);

// Height the keyboard takes at the current width.
float height();

}  // namespace keyboard
