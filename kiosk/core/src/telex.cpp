#include "kiosk/telex.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

#include "content/text.hpp"

namespace kiosk {
namespace {

// A syllable longer than this is not Vietnamese; further letters start a new
// one, which keeps the cost of recomposing a syllable small and fixed.
constexpr std::size_t kMaxSyllableKeys = 32;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

enum class Mark : std::uint8_t { none, circumflex, breve, horn, stroke };

struct Letter {
  char base = 0;  // lower-case ASCII
  Mark mark = Mark::none;
  bool upper = false;
  bool lone_w = false;  // an ư typed as a lone w: undoing it leaves the w
};

struct Syllable {
  std::vector<Letter> letters;
  Tone tone = Tone::none;
  bool literal = false;  // a modifier was undone: the rest is taken as typed
};

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_scalar_value(char32_t c) { return c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF); }

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

Letter plain_letter(char key) {
  const bool upper = key >= 'A' && key <= 'Z';
  return Letter{static_cast<char>(upper ? key - 'A' + 'a' : key), Mark::none, upper, false};
}

// The vowels that make the syllable's nucleus: [begin, end). Letters before
// are the initial consonant ("qu" and "gi" before another vowel included),
// letters after are the final consonant. begin == end: no vowel at all.
struct Nucleus {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return begin == end; }
};

Nucleus nucleus_of(const std::vector<Letter>& l) {
  const std::size_t n = l.size();
  std::size_t i = 0;
  while (i < n && !is_vowel(l[i].base)) ++i;
  if (i > 0 && i + 1 < n && is_vowel(l[i + 1].base) && l[i].mark == Mark::none) {
    const bool qu = l[i - 1].base == 'q' && l[i].base == 'u';
    const bool gi = i == 1 && l[0].base == 'g' && l[i].base == 'i';
    if (qu || gi) ++i;
  }
  std::size_t j = i;
  while (j < n && is_vowel(l[j].base)) ++j;
  return {i, j};
}

// True when the letters from `from` on are a Vietnamese final consonant.
bool is_final_consonant(const std::vector<Letter>& l, std::size_t from) {
  std::string coda;
  for (std::size_t k = from; k < l.size(); ++k) {
    if (l[k].mark != Mark::none) return false;
    coda += l[k].base;
  }
  static constexpr std::array<std::string_view, 9> kFinals = {"",   "c",  "ch", "m", "n",
                                                              "ng", "nh", "p",  "t"};
  return std::find(kFinals.begin(), kFinals.end(), coda) != kFinals.end();
}

// Index of the letter that carries the tone, kNone when there is no vowel.
std::size_t tone_index(const std::vector<Letter>& l) {
  const auto nucleus = nucleus_of(l);
  if (nucleus.empty()) return kNone;
  for (std::size_t k = nucleus.end; k-- > nucleus.begin;) {
    if (l[k].mark != Mark::none) return k;  // ươ: the ơ
  }
  if (nucleus.end < l.size()) return nucleus.end - 1;              // hoàn, toán
  if (nucleus.end - nucleus.begin >= 3) return nucleus.begin + 1;  // ngoài, khuỷu
  return nucleus.begin;                                            // hòa, thủy, mái, múa, mía
}

Tone tone_of_key(char c) {
  switch (c) {
    case 's':
      return Tone::sac;
    case 'f':
      return Tone::huyen;
    case 'r':
      return Tone::hoi;
    case 'x':
      return Tone::nga;
    case 'j':
      return Tone::nang;
    default:
      return Tone::none;
  }
}

// Undoes a repeated modifier: `key` goes in as a letter and so does the rest.
void take_literally(Syllable& s, char key) {
  s.letters.push_back(plain_letter(key));
  s.literal = true;
}

// aa ee oo: a circumflex on the vowel just typed.
bool add_circumflex(Syllable& s, char key) {
  auto& l = s.letters;
  const char base = plain_letter(key).base;
  if (l.empty() || l.back().base != base) return false;
  if (l.back().mark == Mark::circumflex) {
    l.back().mark = Mark::none;
    take_literally(s, key);
    return true;
  }
  l.back().mark = Mark::circumflex;
  // ươ + o: uô, not ưô.
  if (base == 'o' && l.size() >= 2 && l[l.size() - 2].base == 'u' &&
      l[l.size() - 2].mark == Mark::horn) {
    l[l.size() - 2].mark = Mark::none;
  }
  return true;
}

// w: a horn or a breve on the nucleus wherever it is ("nguoiw" works too), or
// ư when the syllable has no vowel yet.
void add_w(Syllable& s, char key) {
  auto& l = s.letters;
  const auto nucleus = nucleus_of(l);
  if (nucleus.empty()) {
    l.push_back(Letter{'u', Mark::horn, key == 'W', true});
    return;
  }
  const std::size_t b = nucleus.begin;
  const std::size_t e = nucleus.end;
  std::array<std::size_t, 2> targets = {kNone, kNone};
  for (std::size_t k = b; k + 1 < e && targets[0] == kNone; ++k) {
    if (l[k].base == 'u' && l[k + 1].base == 'o') targets = {k, k + 1};  // ươ
  }
  for (std::size_t k = b; k + 1 < e && targets[0] == kNone; ++k) {
    if (l[k].base == 'u' && l[k + 1].base == 'a') targets[0] = k;  // ưa
  }
  for (const char base : {'a', 'o'}) {  // the last a (ă), else the last o (ơ)
    for (std::size_t k = e; k-- > b && targets[0] == kNone;) {
      if (l[k].base == base) targets[0] = k;
    }
  }
  for (std::size_t k = b; k < e && targets[0] == kNone; ++k) {
    if (l[k].base == 'u') targets[0] = k;  // the first u: ưu, ưi
  }
  if (targets[0] == kNone) {  // "iw": nothing to mark
    l.push_back(plain_letter(key));
    return;
  }
  const auto wanted = [&](std::size_t k) { return l[k].base == 'a' ? Mark::breve : Mark::horn; };
  bool all_there = true;
  for (const auto k : targets) {
    if (k != kNone && l[k].mark != wanted(k)) all_there = false;
  }
  if (!all_there) {
    for (const auto k : targets) {
      if (k != kNone) l[k].mark = wanted(k);
    }
    return;
  }
  // Repeated w: undo the marks; an ư typed as a lone w goes back to that w.
  bool w_restored = false;
  for (const auto k : targets) {
    if (k == kNone) continue;
    if (l[k].lone_w) {
      l[k] = Letter{'w', Mark::none, l[k].upper, false};
      w_restored = true;
    } else {
      l[k].mark = Mark::none;
    }
  }
  if (!w_restored) l.push_back(plain_letter(key));
  s.literal = true;
  if (nucleus_of(l).empty()) s.tone = Tone::none;
}

void add_letter(Syllable& s, char key) {
  auto& l = s.letters;
  if (s.literal) {
    l.push_back(plain_letter(key));
    return;
  }
  const char c = plain_letter(key).base;
  switch (c) {
    case 'd':
      // dd: only in the initial consonant ("NDD" for NĐ), never after a vowel.
      if (!l.empty() && l.back().base == 'd' && nucleus_of(l).empty()) {
        if (l.back().mark == Mark::stroke) {
          l.back().mark = Mark::none;
          take_literally(s, key);
        } else {
          l.back().mark = Mark::stroke;
        }
        return;
      }
      break;
    case 'a':
    case 'e':
    case 'o':
      if (add_circumflex(s, key)) return;
      break;
    case 'w':
      add_w(s, key);
      return;
    case 's':
    case 'f':
    case 'r':
    case 'x':
    case 'j': {
      const auto nucleus = nucleus_of(l);
      if (nucleus.empty() || !is_final_consonant(l, nucleus.end)) break;  // a letter
      const Tone tone = tone_of_key(c);
      if (s.tone == tone) {
        s.tone = Tone::none;
        take_literally(s, key);
      } else {
        s.tone = tone;
      }
      return;
    }
    case 'z':
      if (s.tone != Tone::none) {
        s.tone = Tone::none;
        return;
      }
      break;
    default:
      break;
  }
  l.push_back(plain_letter(key));
}

// The tone row: works whatever was typed before, as long as there is a vowel.
void add_tone_button(Syllable& s, Tone tone) {
  if (nucleus_of(s.letters).empty()) return;
  s.tone = (tone == s.tone) ? Tone::none : tone;
}

template <typename Keys>
Syllable compose_syllable(const Keys& keys) {
  Syllable s;
  for (const auto& key : keys) {
    if (key.ch == 0) {
      add_tone_button(s, key.tone);
    } else {
      add_letter(s, static_cast<char>(key.ch));
    }
  }
  return s;
}

void append_utf8(std::string& out, char32_t c) {
  std::array<utf8proc_uint8_t, 4> buf{};
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buf.data());
  out.append(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(n));
}

char32_t combining_mark(Mark mark) {
  switch (mark) {
    case Mark::circumflex:
      return 0x0302;
    case Mark::breve:
      return 0x0306;
    case Mark::horn:
      return 0x031B;
    default:
      return 0;
  }
}

char32_t combining_tone(Tone tone) {
  switch (tone) {
    case Tone::sac:
      return 0x0301;
    case Tone::huyen:
      return 0x0300;
    case Tone::hoi:
      return 0x0309;
    case Tone::nga:
      return 0x0303;
    case Tone::nang:
      return 0x0323;
    default:
      return 0;
  }
}

// The syllable as NFC text: built decomposed, then composed.
std::string render(const Syllable& s) {
  const std::size_t tone_at = s.tone == Tone::none ? kNone : tone_index(s.letters);
  std::string out;
  bool ascii = true;
  for (std::size_t k = 0; k < s.letters.size(); ++k) {
    const Letter& letter = s.letters[k];
    if (letter.mark == Mark::stroke) {
      append_utf8(out, letter.upper ? U'Đ' : U'đ');
      ascii = false;
      continue;
    }
    out += static_cast<char>(letter.upper ? letter.base - 'a' + 'A' : letter.base);
    if (const char32_t m = combining_mark(letter.mark)) {
      append_utf8(out, m);
      ascii = false;
    }
    if (k == tone_at) {
      append_utf8(out, combining_tone(s.tone));
      ascii = false;
    }
  }
  return ascii ? out : content::text::to_nfc(out);
}

}  // namespace

bool TelexComposer::syllable_open() const {
  return !segments_.empty() && segments_.back().syllable &&
         segments_.back().keys.size() < kMaxSyllableKeys;
}

void TelexComposer::push_segment(Segment segment) {
  segment.start = raw_.size();
  if (segment.non_ascii) ++non_ascii_segments_;
  segments_.push_back(std::move(segment));
  if (segments_.size() > kMaxUndoSegments) {
    // Its text stays in raw_; only the way to undo it is forgotten.
    if (segments_.front().non_ascii) {
      --non_ascii_segments_;
      frozen_non_ascii_ = true;
    }
    segments_.pop_front();
  }
}

void TelexComposer::render_last() {
  const Segment& seg = segments_.back();
  raw_.resize(seg.start);
  if (seg.syllable) {
    raw_ += render(compose_syllable(seg.keys));
  } else {
    append_utf8(raw_, seg.keys.front().ch);
  }
  text_stale_ = true;
}

void TelexComposer::press(char32_t key) {
  if (!is_scalar_value(key) || key == 0) return;
  if (vietnamese && is_ascii_letter(key)) {
    if (!syllable_open()) push_segment(Segment{0, true, false, {}});
    segments_.back().keys.push_back(Key{key, Tone::none});
  } else {
    push_segment(Segment{0, false, key >= 0x80, {Key{key, Tone::none}}});
  }
  render_last();
}

void TelexComposer::press_keys(std::string_view utf8) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  auto left = static_cast<utf8proc_ssize_t>(utf8.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    auto n = utf8proc_iterate(p, left, &c);
    if (n <= 0) {
      c = 0xFFFD;
      n = 1;
    }
    press(static_cast<char32_t>(c));
    p += n;
    left -= n;
  }
}

void TelexComposer::backspace() {
  if (segments_.empty()) {
    // No history: remove the last character of the text as shown.
    if (raw_.empty()) return;
    raw_ = text();
    std::size_t cut = raw_.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(raw_[cut]) & 0xC0) == 0x80) --cut;
    raw_.resize(cut);
    text_stale_ = true;
    return;
  }
  Segment& seg = segments_.back();
  seg.keys.pop_back();
  if (!seg.keys.empty()) {
    render_last();
    return;
  }
  if (seg.non_ascii) --non_ascii_segments_;
  raw_.resize(seg.start);
  segments_.pop_back();
  text_stale_ = true;
}

void TelexComposer::apply_tone(Tone tone) {
  if (!syllable_open()) return;
  auto& keys = segments_.back().keys;
  const std::string before = render(compose_syllable(keys));
  keys.push_back(Key{0, tone});
  if (render(compose_syllable(keys)) == before) {
    keys.pop_back();  // nothing to undo later
    return;
  }
  render_last();
}

void TelexComposer::clear() {
  raw_.clear();
  segments_.clear();
  non_ascii_segments_ = 0;
  frozen_non_ascii_ = false;
  text_.clear();
  text_stale_ = false;
}

const std::string& TelexComposer::text() const {
  if (text_stale_) {
    // Composed syllables are NFC already; only a character typed as is (a
    // combining mark after a letter) can need composing with its neighbour.
    const bool may_compose = non_ascii_segments_ > 0 || frozen_non_ascii_;
    text_ = may_compose ? content::text::to_nfc(raw_) : raw_;
    text_stale_ = false;
  }
  return text_;
}

std::string compose_telex(std::string_view keys) {
  TelexComposer composer;
  composer.press_keys(keys);
  return composer.text();
}

}  // namespace kiosk
