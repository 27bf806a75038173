// The on-screen keyboard: Vietnamese (Telex) and English letters, digits, and
// for Vietnamese a row of tone and mark keys (á à ả ã ạ, â ê ô, ă ơ ư, đ) for
// people who do not type Telex. The kiosk's compositor cannot host a separate
// keyboard, so the app draws its own. It can be put away (Hide) to see what
// is under it.
#pragma once

#include <cstddef>

#include "kiosk/telex.hpp"

namespace keyboard {

struct State {
  bool& vietnamese;  // Telex composes; the "VI"/"EN" key switches
  bool& digits;      // digits and signs instead of letters
  bool& hidden;      // the Hide key sets it; the screen shows a Show button
};

struct Labels {
  const char* clear;
  const char* backspace;
  const char* hide;
};

// Draws the keyboard across the available width at the cursor and feeds the
// composer; returns true when the text changed. `id` prefixes key ids
// ("kb-a", "kb-space", "kb-back", "kb-hide", "kb-tone-sac", "kb-mark-horn",
// ...) for scripts. Keys that would take the text past `max_bytes` are undone.
bool draw(const char* id, kiosk::TelexComposer& composer, State state, const Labels& labels,
          std::size_t max_bytes);

// Undoes the last keystroke while the text is longer than `max_bytes`.
void enforce_limit(kiosk::TelexComposer& composer, std::size_t max_bytes);

// Height the keyboard takes, with or without the tone row.
float height(bool vietnamese);

}  // namespace keyboard
