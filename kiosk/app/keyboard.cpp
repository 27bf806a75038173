#include "keyboard.hpp"

#include <imgui.h>

#include <string>

#include "theme.hpp"
#include "ui.hpp"

namespace keyboard {
namespace {

constexpr float kKeyHeight = 80;  // at least 72 px at 1080p
constexpr float kGap = 10;

const char* kLetterRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
const char* kDigitRows[] = {"1234567890", "-/.,:()", "@#&+"};

struct ToneKey {
  const char* id;
  const char* label;
  kiosk::Tone tone;
};
const ToneKey kTones[] = {
    {"sac", "á", kiosk::Tone::sac},   {"huyen", "à", kiosk::Tone::huyen},
    {"hoi", "ả", kiosk::Tone::hoi},   {"nga", "ã", kiosk::Tone::nga},
    {"nang", "ạ", kiosk::Tone::nang}, {"none", "a", kiosk::Tone::none},
};

struct MarkKey {
  const char* id;
  const char* label;
  kiosk::Mark mark;
};
const MarkKey kMarks[] = {
    {"circumflex", "â ê ô", kiosk::Mark::circumflex},
    {"horn", "ă ơ ư", kiosk::Mark::horn_or_breve},
    {"stroke", "đ", kiosk::Mark::stroke},
};

bool key(const std::string& id, const char* label, float width, ui::Tone tone = ui::Tone::normal) {
  const bool pressed = ui::button(id.c_str(), label, ImVec2(width, kKeyHeight), tone);
  ImGui::SameLine(0, kGap);
  return pressed;
}

void new_row(float indent) {
  ImGui::NewLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + kGap);
  if (indent > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
}

}  // namespace

float height(bool vietnamese) {
  const int rows = vietnamese ? 5 : 4;
  return static_cast<float>(rows) * kKeyHeight + static_cast<float>(rows + 1) * kGap;
}

void enforce_limit(kiosk::TelexComposer& composer, std::size_t max_bytes) {
  for (int guard = 0; composer.text().size() > max_bytes && guard < 64; ++guard) {
    composer.backspace();
  }
}

bool draw(const char* id, kiosk::TelexComposer& composer, State state, const Labels& labels,
          std::size_t max_bytes) {
  const std::string prefix = std::string(id) + "-";
  const float width = ImGui::GetContentRegionAvail().x;
  const float unit = (width - 9 * kGap) / 10;
  bool changed = false;
  bool& digits = state.digits;
  composer.vietnamese = state.vietnamese;
  ImGui::BeginGroup();

  // Tone and mark keys first: they matter most to visitors who do not type
  // Telex. The row stays (empty) with digits, so the keyboard keeps its size.
  if (state.vietnamese) {
    constexpr int kKeys = 6 + 3;
    const float w = (width - (kKeys - 1) * kGap) / kKeys;
    for (const auto& t : kTones) {
      if (digits) break;
      if (key(prefix + "tone-" + t.id, t.label, w, ui::Tone::quiet)) {
        composer.apply_tone(t.tone);
        changed = true;
      }
    }
    for (const auto& m : kMarks) {
      if (digits) break;
      if (key(prefix + "mark-" + m.id, m.label, w, ui::Tone::quiet)) {
        composer.apply_mark(m.mark);
        changed = true;
      }
    }
    if (digits) ImGui::Dummy(ImVec2(width, kKeyHeight));
    new_row(0);
  }

  const char* const* rows = !digits ? kLetterRows : kDigitRows;
  for (int r = 0; r < 3; ++r) {
    const std::string row = rows[r];
    const float indent = (10 - static_cast<float>(row.size())) * (unit + kGap) / 2;
    if (r > 0)
      new_row(indent);
    else if (indent > 0)
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    for (const char c : row) {
      const char label[2] = {c, 0};
      std::string key_id = prefix;
      key_id += c;
      if (key(key_id, label, unit)) {
        composer.press(static_cast<char32_t>(c));
        changed = true;
      }
    }
  }
  new_row(0);
  if (key(prefix + "layout", !digits ? "123" : "abc", unit * 1.25f, ui::Tone::quiet)) {
    digits = !digits;
  }
  if (key(prefix + "lang", state.vietnamese ? "VI" : "EN", unit * 1.25f, ui::Tone::quiet)) {
    state.vietnamese = !state.vietnamese;
  }
  if (key(prefix + "space", " ", unit * 3 + 4 * kGap)) {
    composer.press(U' ');
    changed = true;
  }
  if (key(prefix + "back", labels.backspace, unit * 1.5f, ui::Tone::quiet)) {
    composer.backspace();
    changed = true;
  }
  if (key(prefix + "clear", labels.clear, unit * 1.5f, ui::Tone::quiet)) {
    composer.clear();
    changed = true;
  }
  if (key(prefix + "hide", labels.hide, unit * 1.5f, ui::Tone::quiet)) state.hidden = true;
  ImGui::NewLine();
  ImGui::EndGroup();
  if (changed) enforce_limit(composer, max_bytes);
  return changed;
}

}  // namespace keyboard
