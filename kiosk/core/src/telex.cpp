#include "kiosk/telex.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
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
  bool lone_w = false;  // an ư typed as a lone w: w again gives the w back
};

// A syllable's keys compose into parts. A part is a stretch that Vietnamese
// spelling can read: an initial consonant, vowels and a final consonant, each
// possibly empty ("qu" and "gi" count as initial consonants), with its tone.
// A letter that cannot continue the last part starts a new one, and the keys
// that follow work on that new part: after "ooo" (an undone ô) the next part
// is the last "o", so "ooongf" gives "oòng". f, j and w taken as letters are
// foreign parts of their own: nothing composes with them.
struct Part {
  std::vector<Letter> letters;
  std::size_t onset_end = 0;   // [0, onset_end): the initial consonant
  std::size_t vowels_end = 0;  // [onset_end, vowels_end): the vowels; then the final
  Tone tone = Tone::none;
  bool foreign = false;

  bool has_vowels() const { return vowels_end > onset_end; }
  bool has_coda() const { return letters.size() > vowels_end; }
};

using Parts = std::vector<Part>;

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_scalar_value(char32_t c) { return c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF); }

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Letters that no Vietnamese word has: typed as letters, they stand alone.
bool is_foreign(char c) { return c == 'f' || c == 'j' || c == 'w'; }

Letter plain_letter(char key) {
  const bool upper = key >= 'A' && key <= 'Z';
  return Letter{static_cast<char>(upper ? key - 'A' + 'a' : key), Mark::none, upper, false};
}

// ---- spelling ------------------------------------------------------------------
// Spelling is checked on lower-case text without tones, one char32_t a letter.

struct VowelLetter {
  char32_t text;
  char base;
  Mark mark;
};

constexpr VowelLetter kVowelLetters[] = {
    {U'a', 'a', Mark::none}, {U'â', 'a', Mark::circumflex}, {U'ă', 'a', Mark::breve},
    {U'e', 'e', Mark::none}, {U'ê', 'e', Mark::circumflex}, {U'i', 'i', Mark::none},
    {U'o', 'o', Mark::none}, {U'ô', 'o', Mark::circumflex}, {U'ơ', 'o', Mark::horn},
    {U'u', 'u', Mark::none}, {U'ư', 'u', Mark::horn},       {U'y', 'y', Mark::none},
};

char32_t spelled(const Letter& letter) {
  if (letter.mark == Mark::stroke) return U'đ';
  for (const auto& v : kVowelLetters) {
    if (v.base == letter.base && v.mark == letter.mark) return v.text;
  }
  return static_cast<char32_t>(letter.base);
}

std::u32string spell(const Part& part, std::size_t from, std::size_t to) {
  std::u32string out;
  for (std::size_t k = from; k < to; ++k) out += spelled(part.letters[k]);
  return out;
}

std::u32string onset_of(const Part& p) { return spell(p, 0, p.onset_end); }
std::u32string vowels_of(const Part& p) { return spell(p, p.onset_end, p.vowels_end); }
std::u32string coda_of(const Part& p) { return spell(p, p.vowels_end, p.letters.size()); }

// Consonant clusters, initial or final.
constexpr std::u32string_view kClusters[] = {
    U"b",  U"c", U"ch", U"d", U"đ", U"dz", U"g",  U"gh",  U"gi", U"gin",
    U"h",  U"k", U"kh", U"l", U"m", U"n",  U"ng", U"ngh", U"nh", U"p",
    U"ph", U"q", U"qu", U"r", U"s", U"t",  U"th", U"tr",  U"v",  U"x"};

bool is_cluster(std::u32string_view c) {
  return std::find(std::begin(kClusters), std::end(kClusters), c) != std::end(kClusters);
}

// The final consonants. k spells c in place names ("Đắk Lắk"), so it goes
// wherever c goes.
enum Coda : std::uint8_t { kC = 1, kCh = 2, kM = 4, kN = 8, kNg = 16, kNh = 32, kP = 64, kT = 128 };

std::uint8_t coda_bit(std::u32string_view c) {
  if (c == U"c" || c == U"k") return kC;
  if (c == U"ch") return kCh;
  if (c == U"m") return kM;
  if (c == U"n") return kN;
  if (c == U"ng") return kNg;
  if (c == U"nh") return kNh;
  if (c == U"p") return kP;
  if (c == U"t") return kT;
  return 0;
}

// Final consonants that take no grave, hook or tilde.
bool is_stop(std::u32string_view c) {
  return c == U"c" || c == U"ch" || c == U"p" || c == U"t" || c == U"k";
}

// The vowel groups Telex composes, with the final consonants each may take.
// Some are only steps on the way ("uo" before "uô" or "ươ").
struct VowelGroup {
  std::u32string_view vowels;
  std::uint8_t codas;
};

constexpr std::uint8_t kAnyCoda = kC | kCh | kM | kN | kNg | kNh | kP | kT;
constexpr std::uint8_t kNoNgNh = kC | kM | kN | kNg | kP | kT;  // â ă o ô u ...

constexpr VowelGroup kVowelGroups[] = {
    {U"a", kAnyCoda},
    {U"â", kNoNgNh},
    {U"ă", kNoNgNh},
    {U"e", kAnyCoda},
    {U"ê", kC | kCh | kM | kN | kNh | kP | kT},
    {U"i", kC | kCh | kM | kN | kNh | kP | kT},
    {U"o", kNoNgNh},
    {U"ô", kNoNgNh},
    {U"ơ", kM | kN | kP | kT},
    {U"u", kNoNgNh},
    {U"ư", kC | kM | kN | kNg | kT},
    {U"y", kT},
    {U"ai", 0},
    {U"ao", 0},
    {U"au", 0},
    {U"ay", 0},
    {U"âu", 0},
    {U"ây", 0},
    {U"eo", 0},
    {U"eu", 0},
    {U"êu", 0},
    {U"ia", 0},
    {U"ie", kNoNgNh},
    {U"iê", kNoNgNh},
    {U"iu", 0},
    {U"oa", kAnyCoda},
    {U"oă", kC | kM | kN | kNg | kT},
    {U"oe", kN | kT},
    {U"oi", 0},
    {U"ôi", 0},
    {U"ơi", 0},
    {U"ua", kN | kNg | kT},
    {U"uâ", kN | kNg | kT},
    {U"uă", kNoNgNh},  // khuăng: ă after a u that is not part of "qu"
    {U"ue", kC | kCh | kN | kNh},
    {U"uê", kC | kCh | kN | kNh},
    {U"ui", 0},
    {U"uo", kNoNgNh},
    {U"uô", kC | kM | kN | kNg | kT},
    {U"uơ", 0},  // becomes ươ before a final consonant
    {U"uu", 0},
    {U"uy", kC | kCh | kN | kNh | kP | kT},
    {U"ưa", 0},
    {U"ưi", 0},
    {U"ưo", kNoNgNh},  // becomes ươ before a final consonant
    {U"ươ", kNoNgNh},
    {U"ưu", 0},
    {U"ye", kM | kN | kNg | kP | kT},
    {U"yê", kM | kN | kNg | kT},
    {U"ieu", 0},
    {U"iêu", 0},
    {U"oai", 0},
    {U"oay", 0},
    {U"oeo", 0},
    {U"uay", 0},
    {U"uây", 0},
    {U"uoi", 0},
    {U"uou", 0},
    {U"uôi", 0},
    {U"uơi", 0},
    {U"uya", 0},
    {U"uye", kN | kT},
    {U"uyê", kN | kT},
    {U"uyu", 0},
    {U"uơu", 0},
    {U"ưoi", 0},
    {U"ưou", 0},
    {U"ươi", 0},
    {U"ươu", 0},
    {U"yeu", 0},
    {U"yêu", 0},
};

const VowelGroup* find_group(std::u32string_view v) {
  for (const auto& g : kVowelGroups) {
    if (g.vowels == v) return &g;
  }
  return nullptr;
}

// The initial consonant and the vowels go together.
bool onset_takes(std::u32string_view onset, std::u32string_view v) {
  if (onset.empty() || v.empty()) return true;
  if (onset == U"q") return false;
  if (onset == U"gi" && v[0] == U'i') return false;
  if (onset == U"qu" && (v[0] == U'u' || v[0] == U'ư')) return false;
  if (onset == U"k") {
    static constexpr std::u32string_view kAfterK[] = {U"e",  U"ê",  U"i",  U"y",  U"eo",  U"eu",
                                                      U"êu", U"ia", U"ie", U"iê", U"ieu", U"iêu"};
    return std::find(std::begin(kAfterK), std::end(kAfterK), v) != std::end(kAfterK);
  }
  return true;
}

// The vowels and the final consonant go together.
bool coda_fits(std::u32string_view v, std::u32string_view coda) {
  if (coda.empty()) return true;
  const VowelGroup* group = find_group(v);
  return group != nullptr && (group->codas & coda_bit(coda)) != 0;
}

bool is_syllable(std::u32string_view onset, std::u32string_view v, std::u32string_view coda) {
  if (find_group(v) == nullptr) return false;
  if (coda.empty()) return onset_takes(onset, v);
  if (onset.empty()) return coda_fits(v, coda);
  if (!coda_fits(v, coda)) {
    // quyn, quynh; giêng, gieng
    if (onset == U"qu" && v == U"y" && (coda == U"n" || coda == U"nh")) return true;
    if (onset == U"gi" && (v == U"e" || v == U"ê") && (coda == U"n" || coda == U"ng")) return true;
    return false;
  }
  return onset_takes(onset, v);
}

// ---- what the modifier keys do to the vowels --------------------------------------

using Change = std::pair<std::u32string_view, std::u32string_view>;

std::optional<std::u32string_view> find_change(const auto& table, std::u32string_view from) {
  for (const auto& [f, t] : table) {
    if (f == from) return t;
  }
  return std::nullopt;
}

// aa ee oo: a circumflex, wherever the vowel is in the group ("tienge" is
// "tiêng"). ươ loses its horns: "ươ" + o is "uô".
constexpr Change kAddCircumflex[] = {
    {U"a", U"â"},     {U"ă", U"â"},     {U"e", U"ê"},     {U"o", U"ô"},     {U"ơ", U"ô"},
    {U"au", U"âu"},   {U"ay", U"ây"},   {U"eu", U"êu"},   {U"ie", U"iê"},   {U"oi", U"ôi"},
    {U"ơi", U"ôi"},   {U"ua", U"uâ"},   {U"uă", U"uâ"},   {U"ue", U"uê"},   {U"uo", U"uô"},
    {U"uơ", U"uô"},   {U"ưo", U"uô"},   {U"ươ", U"uô"},   {U"ye", U"yê"},   {U"ieu", U"iêu"},
    {U"uay", U"uây"}, {U"uoi", U"uôi"}, {U"uơi", U"uôi"}, {U"ưoi", U"uôi"}, {U"ươi", U"uôi"},
    {U"uye", U"uyê"}, {U"yeu", U"yêu"},
};

constexpr Change kRemoveCircumflex[] = {
    {U"â", U"a"},   {U"ê", U"e"},     {U"ô", U"o"},     {U"âu", U"au"},   {U"ây", U"ay"},
    {U"êu", U"eu"}, {U"iê", U"ie"},   {U"ôi", U"oi"},   {U"uâ", U"ua"},   {U"uê", U"ue"},
    {U"uô", U"uo"}, {U"iêu", U"ieu"}, {U"uây", U"uay"}, {U"uôi", U"uoi"}, {U"uyê", U"uye"},
    {U"yê", U"ye"}, {U"yêu", U"yeu"},
};

// w: a breve or a horn (the u-o groups are handled apart).
constexpr Change kAddHorn[] = {
    {U"a", U"ă"},   {U"â", U"ă"},   {U"o", U"ơ"},   {U"ô", U"ơ"},   {U"u", U"ư"},   {U"oa", U"oă"},
    {U"oi", U"ơi"}, {U"ôi", U"ơi"}, {U"ua", U"ưa"}, {U"ui", U"ưi"}, {U"uu", U"ưu"},
};

constexpr Change kRemoveHorn[] = {
    {U"ă", U"a"},   {U"ơ", U"o"},   {U"ư", U"u"},   {U"oă", U"oa"}, {U"uă", U"ua"},
    {U"ơi", U"oi"}, {U"ưa", U"ua"}, {U"ưi", U"ui"}, {U"ưu", U"uu"},
};

// The base of the letter with a circumflex in `v`, 0 when there is none.
char circumflex_base(std::u32string_view v) {
  for (const char32_t c : v) {
    if (c == U'â') return 'a';
    if (c == U'ê') return 'e';
    if (c == U'ô') return 'o';
  }
  return 0;
}

// Rewrites the part's vowels as `v` (same length), keeping case.
void set_vowels(Part& part, std::u32string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    Letter& letter = part.letters[part.onset_end + i];
    for (const auto& vl : kVowelLetters) {
      if (vl.text != v[i]) continue;
      letter.base = vl.base;
      letter.mark = vl.mark;
      if (vl.mark != Mark::horn) letter.lone_w = false;
      break;
    }
  }
}

// ---- keys --------------------------------------------------------------------

void start_part(Parts& parts, Letter letter) {
  Part part;
  part.letters.push_back(letter);
  if (is_foreign(letter.base)) {
    part.foreign = true;
  } else if (is_vowel(letter.base)) {
    part.vowels_end = 1;
  } else {
    part.onset_end = part.vowels_end = 1;
  }
  parts.push_back(std::move(part));
}

Part* last_part(Parts& parts) { return parts.empty() ? nullptr : &parts.back(); }

// A letter without a modifier's effect: it continues the last part when the
// spelling allows, or starts a new part. Vowels before a final consonant or
// i/u settle as the spelling wants: "ưo"/"uơ" + n is "ươn", "ưo" + i is
// "ươi", and "ưa" + ng is "uăng".
void append(Parts& parts, Letter letter) {
  const char c = letter.base;
  Part* p = last_part(parts);
  if (is_foreign(c) || p == nullptr || p->foreign) {
    start_part(parts, letter);
    return;
  }
  const std::u32string onset = onset_of(*p);
  if (is_vowel(c)) {
    if (!p->has_vowels()) {
      if ((onset == U"q" && c == 'u') || (onset == U"g" && c == 'i')) {
        p->letters.push_back(letter);  // qu, gi: still the initial consonant
        p->onset_end = p->vowels_end = p->letters.size();
      } else if (onset_takes(onset, std::u32string(1, static_cast<char32_t>(c)))) {
        p->letters.push_back(letter);
        p->vowels_end = p->letters.size();
      } else {
        start_part(parts, letter);
      }
      return;
    }
    if (p->has_coda()) {
      start_part(parts, letter);
      return;
    }
    const std::u32string v = vowels_of(*p);
    const bool settle_uo = (v == U"ưo" || v == U"uơ") && (c == 'i' || c == 'u');
    std::u32string next = settle_uo ? std::u32string(U"ươ") : v;
    next += static_cast<char32_t>(c);
    if (find_group(next) == nullptr || !onset_takes(onset, next)) {
      start_part(parts, letter);
      return;
    }
    if (settle_uo) set_vowels(*p, U"ươ");
    p->letters.push_back(letter);
    p->vowels_end = p->letters.size();
    return;
  }
  if (!p->has_vowels()) {
    if (is_cluster(onset + static_cast<char32_t>(c))) {
      p->letters.push_back(letter);
      p->onset_end = p->vowels_end = p->letters.size();
    } else if (onset == U"gi" && is_syllable(U"g", U"i", std::u32string(1, c))) {
      p->onset_end = 1;  // gim, gich, gip: the i of "gi" is the vowel after all
      p->letters.push_back(letter);
    } else {
      start_part(parts, letter);
    }
    return;
  }
  const std::u32string coda = coda_of(*p) + static_cast<char32_t>(c);
  const std::u32string v = vowels_of(*p);
  std::u32string settled = v;
  if (!p->has_coda() && (v == U"ưo" || v == U"uơ")) settled = U"ươ";
  bool ok = is_cluster(coda) && is_syllable(onset, settled, coda);
  if (!ok && !p->has_coda() && v == U"ưa" && !p->letters[p->onset_end].lone_w &&
      is_syllable(onset, U"uă", coda)) {
    settled = U"uă";  // khuawngs: the w meant ă, as only "uăng" can be spelt
    ok = true;
  }
  if (!ok) {
    start_part(parts, letter);
    return;
  }
  if (settled != v) set_vowels(*p, settled);
  p->letters.push_back(letter);
}

bool carries_tone(const Part& p) {
  if (p.foreign) return false;
  if (p.has_vowels()) return true;
  const std::u32string onset = onset_of(p);
  return onset == U"gi" || onset == U"gin";  // gì, gìn: the i takes the tone
}

// s f r x j: the tone; z (Tone::none): no tone. The same tone again is
// undone and the key goes in as a letter ("ass" is "as"). A key with nothing
// to carry its tone is a letter, and so is f, r or x after c, ch, p or t.
void add_tone_key(Parts& parts, char key, Tone tone) {
  Part* p = last_part(parts);
  if (p == nullptr || !carries_tone(*p) ||
      ((tone == Tone::huyen || tone == Tone::hoi || tone == Tone::nga) && is_stop(coda_of(*p))) ||
      (tone == Tone::none && p->tone == Tone::none)) {
    append(parts, plain_letter(key));
    return;
  }
  if (tone != Tone::none && p->tone == tone) {
    p->tone = Tone::none;
    append(parts, plain_letter(key));
    return;
  }
  p->tone = tone;
}

// dd: a stroke on the initial d, wherever the second d comes ("dinhd" is
// "đinh"); once more, the stroke goes and the d is a letter.
void add_d(Parts& parts, char key) {
  Part* p = last_part(parts);
  if (p != nullptr && !p->foreign && p->onset_end == 1 && p->letters[0].base == 'd') {
    Letter& d = p->letters[0];
    if (d.mark == Mark::stroke) {
      d.mark = Mark::none;
      append(parts, plain_letter(key));
    } else {
      d.mark = Mark::stroke;
    }
    return;
  }
  append(parts, plain_letter(key));
}

// aa ee oo.
void add_circumflex(Parts& parts, char key) {
  Part* p = last_part(parts);
  const char base = plain_letter(key).base;
  if (p != nullptr && !p->foreign && p->has_vowels()) {
    const std::u32string v = vowels_of(*p);
    if (const auto to = find_change(kAddCircumflex, v)) {
      if (circumflex_base(*to) == base && is_syllable(onset_of(*p), *to, coda_of(*p))) {
        set_vowels(*p, *to);
        return;
      }
    } else if (const auto back = find_change(kRemoveCircumflex, v)) {
      if (circumflex_base(v) == base) {
        set_vowels(*p, *back);
        append(parts, plain_letter(key));
        return;
      }
    }
  }
  append(parts, plain_letter(key));
}

// w on u-o: "uo" + w is "ươ", but "uơ" after h, kh, th or nothing when no
// final consonant follows (thuở, huơ); w on "uơ" or "ưo" completes "ươ"; w
// on "ươ" undoes both horns.
void add_w_to_uo(Parts& parts, Part& p, Letter w) {
  const std::u32string v = vowels_of(p);
  std::u32string to = v;
  if (v[0] == U'u') {
    const std::u32string onset = onset_of(p);
    const bool alone = onset.empty() || onset == U"h" || onset == U"kh" || onset == U"th";
    if ((v == U"uo" || v == U"uô") && !p.has_coda() && alone) {
      to = U"uơ";
    } else {
      to[0] = U'ư';
      to[1] = U'ơ';
    }
  } else if (v[1] == U'o') {
    to[1] = U'ơ';
  } else {
    to[0] = U'u';
    to[1] = U'o';
    set_vowels(p, to);
    start_part(parts, w);
    return;
  }
  set_vowels(p, to);
}

// w alone as ư: "w" "tw" "giw", where the spelling takes an ư.
bool add_lone_w(Parts& parts, Letter w) {
  const Letter u{'u', Mark::horn, w.upper, true};
  Part* p = last_part(parts);
  if (p == nullptr) {
    start_part(parts, u);
    return true;
  }
  if (p->foreign || p->has_vowels() || !onset_takes(onset_of(*p), U"ư")) return false;
  p->letters.push_back(u);
  p->vowels_end = p->letters.size();
  return true;
}

void add_w(Parts& parts, char key) {
  const Letter w = plain_letter(key);
  Part* p = last_part(parts);
  if (p != nullptr && !p->foreign && p->letters.back().lone_w) {
    // ww: the ư just made of a w goes back to that w.
    p->letters.pop_back();
    p->vowels_end = p->letters.size();
    if (p->letters.empty()) {
      parts.pop_back();
    } else if (!carries_tone(*p)) {
      p->tone = Tone::none;
    }
    start_part(parts, w);
    return;
  }
  if (p != nullptr && !p->foreign && p->has_vowels()) {
    const std::u32string v = vowels_of(*p);
    const std::u32string onset = onset_of(*p);
    const std::u32string coda = coda_of(*p);
    if (v.size() >= 2 && (v[0] == U'u' || v[0] == U'ư') &&
        (v[1] == U'o' || v[1] == U'ô' || v[1] == U'ơ')) {
      add_w_to_uo(parts, *p, w);
      return;
    }
    if (const auto to = find_change(kAddHorn, v)) {
      if (is_syllable(onset, *to, coda)) {
        set_vowels(*p, *to);
        return;
      }
      if (v == U"ua" && is_syllable(onset, U"uă", coda)) {  // khuangw
        set_vowels(*p, U"uă");
        return;
      }
    } else if (const auto back = find_change(kRemoveHorn, v)) {
      set_vowels(*p, *back);
      start_part(parts, w);
      return;
    }
  }
  if (!add_lone_w(parts, w)) start_part(parts, w);
}

// The tone row: the tone goes on the last part that can carry one.
void add_tone_button(Parts& parts, Tone tone) {
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!carries_tone(*it)) continue;
    it->tone = (tone == it->tone) ? Tone::none : tone;
    return;
  }
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

void add_key(Parts& parts, char key) {
  const char c = plain_letter(key).base;
  switch (c) {
    case 's':
    case 'f':
    case 'r':
    case 'x':
    case 'j':
    case 'z':
      add_tone_key(parts, key, tone_of_key(c));
      return;
    case 'a':
    case 'e':
    case 'o':
      add_circumflex(parts, key);
      return;
    case 'w':
      add_w(parts, key);
      return;
    case 'd':
      add_d(parts, key);
      return;
    default:
      append(parts, plain_letter(key));
      return;
  }
}

template <typename Keys>
Parts compose_syllable(const Keys& keys) {
  Parts parts;
  for (const auto& key : keys) {
    if (key.ch == 0) {
      add_tone_button(parts, key.tone);
    } else {
      add_key(parts, static_cast<char>(key.ch));
    }
  }
  return parts;
}

// ---- rendering ---------------------------------------------------------------

// Index of the letter that carries the part's tone, kNone when none can. The
// old style, Unikey's default: the vowel with a circumflex, else the one with
// a horn or breve (ươ: the ơ), else the middle of three (ngoài, khuỷu), else
// the second of two before a final consonant (hoàn), else the first of two
// (hòa, khỏe, thủy, mía, múa).
std::size_t tone_index(const Part& p) {
  if (!p.has_vowels()) return carries_tone(p) ? 1 : kNone;  // gì, gìn
  const std::size_t b = p.onset_end;
  const std::size_t n = p.vowels_end - b;
  if (n == 1) return b;
  for (std::size_t k = b; k < p.vowels_end; ++k) {
    if (p.letters[k].mark == Mark::circumflex) return k;
  }
  const std::u32string v = vowels_of(p);
  if (v == U"ươ" || v == U"ươi" || v == U"ươu") return b + 1;
  for (std::size_t k = b; k < p.vowels_end; ++k) {
    if (p.letters[k].mark != Mark::none) return k;
  }
  if (n == 3) return b + 1;
  return p.has_coda() ? b + 1 : b;
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
std::string render(const Parts& parts) {
  std::string out;
  bool ascii = true;
  for (const Part& part : parts) {
    const std::size_t tone_at = part.tone == Tone::none ? kNone : tone_index(part);
    for (std::size_t k = 0; k < part.letters.size(); ++k) {
      const Letter& letter = part.letters[k];
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
        append_utf8(out, combining_tone(part.tone));
        ascii = false;
      }
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

void TelexComposer::apply_mark(kiosk::Mark mark) {
  if (!syllable_open()) return;
  auto& keys = segments_.back().keys;
  const std::string before = render(compose_syllable(keys));
  auto letters = [](const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  };
  const char* candidates = mark == kiosk::Mark::circumflex      ? "aeo"
                           : mark == kiosk::Mark::horn_or_breve ? "w"
                                                                : "d";
  for (const char* k = candidates; *k; ++k) {
    keys.push_back(Key{static_cast<char32_t>(*k), Tone::none, true});
    const std::string after = render(compose_syllable(keys));
    // The key changed a letter rather than adding one (or undoing a mark).
    if (after != before && letters(after) == letters(before)) {
      render_last();
      return;
    }
    keys.pop_back();
  }
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

std::string TelexComposer::keys() const {
  std::string out = raw_.substr(0, segments_.empty() ? raw_.size() : segments_.front().start);
  for (const auto& seg : segments_) {
    for (const auto& key : seg.keys) {
      if (key.ch != 0 && !key.mark_key) append_utf8(out, key.ch);
    }
  }
  return out;
}

std::string compose_telex(std::string_view keys) {
  TelexComposer composer;
  composer.press_keys(keys);
  return composer.text();
}

}  // namespace kiosk
