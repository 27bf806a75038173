// Telex composition for the on-screen and physical keyboards: keystrokes in,
// Vietnamese text (UTF-8, NFC) out, the way Unikey's Telex composes them.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class Tone { none, sac, huyen, hoi, nga, nang };
// The letter marks of the on-screen keyboard's mark keys: â ê ô; ă ơ ư; đ.
enum class Mark { circumflex, horn_or_breve, stroke };

// Composes Telex keystrokes into Vietnamese text, following Unikey's Telex
// (with spell checking off, marks allowed anywhere in the syllable).
//
// Keys: aa→â aw→ă ee→ê oo→ô ow→ơ uw→ư dd→đ, w alone→ư where the spelling
// takes one ("tw"→"tư", "giw"→"giư"; "qw" stays), uow→ươ (but "uơ" with
// nothing after it following h, kh, th or nothing: "thuở", "huơ"), and
// "ưo"/"uơ" become "ươ" once a final consonant, i or u follows ("người"). A
// mark key may come after the letters it changes ("tienge"→"tiêng",
// "dinhd"→"đinh"). Tone keys s f r x j go anywhere after the vowels
// ("tieengs"→"tiếng"), z removes the tone; f, r and x after a final c, ch,
// p, t or k are letters. k is a final consonant like c ("Đắk Lắk").
// Pressing a modifier again undoes it and inserts the key as a letter
// ("ass"→"as", "aaa"→"aa", "ddd"→"dd", "ww"→"w").
//
// A letter the spelling cannot add to the syllable starts a new part of it,
// and later keys compose that part: "ooongf"→"oòng" (an undone ô, then
// "ong" with its tone), "thanks" stays as typed.
//
// Tone placement (the old style, Unikey's default, "hòa, thủy, quý, giá,
// gìn"): "qu" and "gi" before another vowel belong to the initial consonant;
// the tone goes on the vowel with a circumflex, else on the one with a horn
// or breve (ươ: on ơ), else on the middle of three (ngoài, khuỷu), else on
// the second of two before a final consonant (hoàn), else on the first
// (hòa, khỏe, thủy, mái, múa). The tone moves when later letters change the
// answer.
//
// Not thread-safe: one composer belongs to one input field on one thread.
class TelexComposer {
 public:
  // Backspace undoes keystrokes exactly within the last kMaxUndoSegments
  // syllables and other characters; older text is kept as plain text, where
  // backspace removes one character.
  static constexpr std::size_t kMaxUndoSegments = 1024;

  // One key as typed. ASCII letters compose (when `vietnamese`); any other
  // character (space, digit, punctuation, an already accented letter, a
  // combining mark) is inserted as it is and ends the syllable. U+0000 and
  // values that are not Unicode scalar values (surrogates, above U+10FFFF)
  // are ignored.
  void press(char32_t key);
  // press() for each character of `utf8`; each invalid byte is pressed as
  // U+FFFD.
  void press_keys(std::string_view utf8);

  // Undoes the last keystroke's effect exactly ("tiếng"→"tiêng" after
  // "tieengs", "â"→"a" after "aa", a plain letter is removed). With no
  // history left, removes the last character. Does nothing on empty text.
  void backspace();

  // The tone row of the on-screen keyboard: puts `tone` on the syllable at
  // the end of the text (its last part that has a vowel), placed by the same
  // rule, whatever its final consonant; the same tone again (or Tone::none)
  // removes it. Counts as one keystroke for backspace. Does nothing when the
  // text does not end with a syllable that has a vowel.
  void apply_tone(Tone tone);

  // The mark keys, for visitors who do not know Telex: puts `mark` on the
  // syllable at the end of the text as the Telex key would ("cam on" +
  // horn → "cam ơn", "dung" + stroke → "đung", "tien" + circumflex →
  // "tiên"), and does nothing where it cannot go or is there already.
  // Counts as one keystroke for backspace; not part of keys().
  void apply_mark(Mark mark);

  // Forgets the text and all history (idle reset).
  void clear();

  // The composed text, UTF-8, NFC.
  const std::string& text() const;

  // The keys pressed for text(), as typed ("visa" for "vía"): every character
  // key that backspace has not undone, without presses of the tone row. Text
  // older than the undo history counts as typed as it is shown. Search uses
  // it when Telex made a word of another language into Vietnamese.
  std::string keys() const;

  // false: English mode, every key is inserted as it is.
  bool vietnamese = true;

 private:
  // One keystroke: a character, or (ch == 0) a press of the tone row.
  struct Key {
    char32_t ch = 0;
    Tone tone = Tone::none;
    bool mark_key = false;  // pressed by apply_mark, not typed
  };
  // A syllable being composed from its keys, or one character taken as is.
  struct Segment {
    std::size_t start = 0;  // byte offset into raw_
    bool syllable = false;
    bool non_ascii = false;  // a character segment outside ASCII
    std::vector<Key> keys;
  };

  bool syllable_open() const;
  void push_segment(Segment segment);
  void render_last();

  // Text without history, then each segment's text: not always NFC, since a
  // combining mark may be typed after a letter.
  std::string raw_;
  std::deque<Segment> segments_;
  std::size_t non_ascii_segments_ = 0;
  bool frozen_non_ascii_ = false;  // raw_ before segments_ may need NFC
  mutable std::string text_;
  mutable bool text_stale_ = false;
};

// Feeds each UTF-8 character of `keys` to a fresh composer; returns text().
std::string compose_telex(std::string_view keys);

}  // namespace kiosk
