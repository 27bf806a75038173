// Telex composition as the lobby's keyboards use it.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "content/text.hpp"
#include "kiosk/telex.hpp"
#include "support.hpp"

using kiosk::compose_telex;
using kiosk::Mark;
using kiosk::TelexComposer;
using kiosk::Tone;

namespace {

struct Typed {
  const char* keys;
  const char* text;
};

// Customs vocabulary as visitors type it.
constexpr Typed kCustomsWords[] = {
    {"hair quan", "hải quan"},
    {"thur tujc", "thủ tục"},
    {"khai baos", "khai báo"},
    {"ddieenj twr", "điện tử"},
    {"towf khai", "tờ khai"},
    {"thuees", "thuế"},
    {"xuaast nhaapj khaaur", "xuất nhập khẩu"},
    {"chuwx kys soos", "chữ ký số"},
    {"hoaf", "hòa"},
    {"thuyr", "thủy"},
    {"quys", "quý"},
    {"gias", "giá"},
    {"gifn", "gìn"},
    {"nguwowif", "người"},
    {"dduwowngf", "đường"},
    {"uwu ddaix", "ưu đãi"},
    {"ddoongf", "đồng"},
    {"Vieetj Nam", "Việt Nam"},
    {"hangf hoas", "hàng hóa"},
    {"kieemr tra", "kiểm tra"},
    {"thoong quan", "thông quan"},
    {"quas canhr", "quá cảnh"},
    {"hanhf lys", "hành lý"},
    {"mieenx thuees", "miễn thuế"},
    {"tamj nhaapj tais xuaast", "tạm nhập tái xuất"},
    {"gia coong", "gia công"},
    {"sanr xuaast xuaast khaaur", "sản xuất xuất khẩu"},
    {"doanh nghieepj", "doanh nghiệp"},
    {"uwu tieen", "ưu tiên"},
    {"khieeus naij", "khiếu nại"},
    {"phanr anhs", "phản ánh"},
    {"cuwar khaaur", "cửa khẩu"},
    {"kho ngoaij quan", "kho ngoại quan"},
    {"nieem phong", "niêm phong"},
    {"giams sats", "giám sát"},
    {"chuwngs tuwf", "chứng từ"},
    {"hoas ddown", "hóa đơn"},
    {"howpj ddoongf", "hợp đồng"},
    {"vaanj ddown", "vận đơn"},
    {"xuaast xuws", "xuất xứ"},
    {"phaan luoongf", "phân luồng"},
    {"luoongf xanh", "luồng xanh"},
    {"luoongf vangf", "luồng vàng"},
    {"luoongf ddor", "luồng đỏ"},
    {"kieemr hoas", "kiểm hóa"},
    {"noopj thuees", "nộp thuế"},
    {"hoanf thuees", "hoàn thuế"},
    {"aan hanj", "ân hạn"},
    {"baor lanhx", "bảo lãnh"},
    {"ngaan hangf", "ngân hàng"},
    {"cans booj", "cán bộ"},
    {"coong chuwcs", "công chức"},
    {"huwowngs daanx", "hướng dẫn"},
    {"quy trinhf", "quy trình"},
    {"vawn banr", "văn bản"},
    {"nghij ddinhj", "nghị định"},
    {"thoong tuw", "thông tư"},
    {"quyeets ddinhj", "quyết định"},
    {"chi cucj", "chi cục"},
    {"cucj hair quan", "cục hải quan"},
    {"toongr cucj", "tổng cục"},
    {"ddoois thoaij", "đối thoại"},
    {"hoox trowj", "hỗ trợ"},
    {"tuw vaans", "tư vấn"},
    {"thur tujc hanhf chinhs", "thủ tục hành chính"},
    {"dichj vuj coong", "dịch vụ công"},
    {"trwcj tuyeens", "trực tuyến"},
    {"giaays pheps", "giấy phép"},
    {"vi phamj hanhf chinhs", "vi phạm hành chính"},
    {"xuaast canhr", "xuất cảnh"},
    {"nhaapj canhr", "nhập cảnh"},
    {"ngoaij teej", "ngoại tệ"},
    {"tieenf mawtj", "tiền mặt"},
    {"bieen lai", "biên lai"},
    {"max soos thuees", "mã số thuế"},
    {"hoof sow", "hồ sơ"},
    {"giaays towf", "giấy tờ"},
    {"ddiaj chir", "địa chỉ"},
    {"thowif hanj", "thời hạn"},
    {"quoocs tees", "quốc tế"},
    {"ruwowuj", "rượu"},
    {"thuoocs las", "thuốc lá"},
    {"vaanj chuyeenr", "vận chuyển"},
    {"ddaij lys hair quan", "đại lý hải quan"},
    {"khai baos hair quan ddieenj twr", "khai báo hải quan điện tử"},
    {"Toongr cucj Hair quan", "Tổng cục Hải quan"},
    {"hoawcj", "hoặc"},
    {"khoer", "khỏe"},
    {"giuwx", "giữ"},
    {"giuwowngf", "giường"},
    {"tieengs Vieetj", "tiếng Việt"},
};

bool is_nfc(const std::string& s) { return content::text::to_nfc(s) == s; }

// Each state of the text after each key of `keys`.
std::vector<std::string> states_while_typing(std::string_view keys) {
  TelexComposer composer;
  std::vector<std::string> states;
  for (const char c : keys) {
    composer.press(static_cast<char32_t>(c));
    states.push_back(composer.text());
  }
  return states;
}

}  // namespace

TEST_CASE("telex: customs vocabulary composes to NFC Vietnamese") {
  int words = 0;
  for (const auto& w : kCustomsWords) {
    CAPTURE(w.keys);
    const auto text = compose_telex(w.keys);
    CHECK(text == w.text);
    CHECK(is_nfc(text));
    ++words;
  }
  CHECK(words >= 60);
}

TEST_CASE("telex: vowel mark keys and dd") {
  CHECK(compose_telex("aa") == "â");
  CHECK(compose_telex("aw") == "ă");
  CHECK(compose_telex("ee") == "ê");
  CHECK(compose_telex("oo") == "ô");
  CHECK(compose_telex("ow") == "ơ");
  CHECK(compose_telex("uw") == "ư");
  CHECK(compose_telex("dd") == "đ");
  CHECK(compose_telex("DD") == "Đ");
  CHECK(compose_telex("Dd") == "Đ");
  CHECK(compose_telex("uow") == "uơ");  // Unikey: the horn on the o only, until more follows
  CHECK(compose_telex("uown") == "ươn");
  CHECK(compose_telex("uwow") == "ươ");
  CHECK(compose_telex("nguoiw") == "ngươi");  // w may come after the nucleus
  CHECK(compose_telex("anw") == "ăn");
  CHECK(compose_telex("muaw") == "mưa");
  CHECK(compose_telex("quow") == "quơ");  // the u of qu takes no horn
}

TEST_CASE("telex: w alone after nothing or a consonant is ư") {
  CHECK(compose_telex("w") == "ư");
  CHECK(compose_telex("W") == "Ư");
  CHECK(compose_telex("tw") == "tư");
  CHECK(compose_telex("ngw") == "ngư");
  CHECK(compose_telex("iw") == "iw");  // no vowel w can mark
}

TEST_CASE("telex: tone keys may come at the end of the syllable") {
  CHECK(compose_telex("as") == "á");
  CHECK(compose_telex("af") == "à");
  CHECK(compose_telex("ar") == "ả");
  CHECK(compose_telex("ax") == "ã");
  CHECK(compose_telex("aj") == "ạ");
  CHECK(compose_telex("tieengs") == "tiếng");
  CHECK(compose_telex("vieetj") == "việt");
  CHECK(compose_telex("tieesng") == "tiếng");
  CHECK(compose_telex("asf") == "à");  // another tone key replaces the tone
}

TEST_CASE("telex: tone placement follows the modern rule everywhere") {
  CHECK(compose_telex("hoaf") == "hòa");
  CHECK(compose_telex("khoer") == "khỏe");
  CHECK(compose_telex("thuyr") == "thủy");
  CHECK(compose_telex("quys") == "quý");
  CHECK(compose_telex("gias") == "giá");
  CHECK(compose_telex("gifn") == "gìn");
  CHECK(compose_telex("mais") == "mái");
  CHECK(compose_telex("muas") == "múa");
  CHECK(compose_telex("mias") == "mía");
  CHECK(compose_telex("ngoaif") == "ngoài");
  CHECK(compose_telex("khuyur") == "khuỷu");
  CHECK(compose_telex("toans") == "toán");
  CHECK(compose_telex("huynhf") == "huỳnh");
  CHECK(compose_telex("nguwowif") == "người");
  CHECK(compose_telex("muwas") == "mứa");
}

TEST_CASE("telex: the tone moves when a final consonant follows") {
  TelexComposer composer;
  composer.press_keys("hoaf");
  CHECK(composer.text() == "hòa");
  composer.press('n');
  CHECK(composer.text() == "hoàn");
  composer.backspace();
  CHECK(composer.text() == "hòa");
  CHECK(compose_telex("hoafng") == "hoàng");
}

TEST_CASE("telex: a repeated modifier undoes it and inserts the key") {
  CHECK(compose_telex("ass") == "as");
  CHECK(compose_telex("aaa") == "aa");
  CHECK(compose_telex("ddd") == "dd");
  CHECK(compose_telex("ww") == "w");
  CHECK(compose_telex("aww") == "aw");
  CHECK(compose_telex("uww") == "uw");
  CHECK(compose_telex("ooo") == "oo");
  CHECK(compose_telex("eee") == "ee");
  CHECK(compose_telex("tieengss") == "tiêngs");
  // The key starts a new part of the syllable, which composes on its own.
  CHECK(compose_telex("asss") == "ass");
  CHECK(compose_telex("aaaa") == "aâ");  // Unikey: the last a starts anew and takes the aa
  CHECK(compose_telex("booong") == "boong");
}

TEST_CASE("telex: z removes the tone") {
  CHECK(compose_telex("asz") == "a");
  CHECK(compose_telex("tieengjz") == "tiêng");
  CHECK(compose_telex("z") == "z");
  CHECK(compose_telex("az") == "az");  // no tone to remove
}

TEST_CASE("telex: uppercase is preserved") {
  CHECK(compose_telex("VIEETJ NAM") == "VIỆT NAM");
  CHECK(compose_telex("Vieetj") == "Việt");
  CHECK(compose_telex("HAIR QUAN") == "HẢI QUAN");
  CHECK(compose_telex("DDUWOWNGF") == "ĐƯỜNG");
  CHECK(compose_telex("Aa") == "Â");
  CHECK(compose_telex("aA") == "â");
  CHECK(compose_telex("ASS") == "AS");
}

TEST_CASE("telex: a tone key with no vowel to carry the tone is a letter") {
  CHECK(compose_telex("s") == "s");
  CHECK(compose_telex("tr") == "tr");
  CHECK(compose_telex("sas") == "sá");
  CHECK(compose_telex("xa") == "xa");
  CHECK(compose_telex("thanks") == "thanks");  // nk is no final consonant
}

TEST_CASE("telex: backspace undoes exactly the last keystroke, state by state") {
  const std::vector<std::string> expected = {"t", "ti", "tie", "tiê", "tiên", "tiêng", "tiếng"};
  REQUIRE(states_while_typing("tieengs") == expected);
  TelexComposer composer;
  composer.press_keys("tieengs");
  for (auto i = expected.size(); i-- > 1;) {
    composer.backspace();
    CHECK(composer.text() == expected[i - 1]);
  }
  composer.backspace();
  CHECK(composer.text().empty());
}

TEST_CASE("telex: backspace undoes a modifier, a repeat-undo and a lone w") {
  TelexComposer composer;
  composer.press_keys("aa");
  CHECK(composer.text() == "â");
  composer.backspace();
  CHECK(composer.text() == "a");

  composer.clear();
  composer.press_keys("ass");
  CHECK(composer.text() == "as");
  composer.backspace();
  CHECK(composer.text() == "á");

  composer.clear();
  composer.press_keys("ww");
  CHECK(composer.text() == "w");
  composer.backspace();
  CHECK(composer.text() == "ư");
  composer.backspace();
  CHECK(composer.text().empty());

  composer.clear();
  composer.press_keys("dduwowngf");
  const std::vector<std::string> back = {"đương", "đươn", "đươ", "đưo", "đư", "đu", "đ", "d", ""};
  for (const auto& state : back) {
    composer.backspace();
    CHECK(composer.text() == state);
  }
}

TEST_CASE("telex: backspace over a space reopens the previous syllable") {
  TelexComposer composer;
  composer.press_keys("hoa ");
  composer.backspace();
  CHECK(composer.text() == "hoa");
  composer.press('f');
  CHECK(composer.text() == "hòa");
  composer.press_keys(" quan");
  CHECK(composer.text() == "hòa quan");
}

TEST_CASE("telex: backspace on empty text does nothing") {
  TelexComposer composer;
  composer.backspace();
  CHECK(composer.text().empty());
  composer.press('a');
  composer.backspace();
  composer.backspace();
  CHECK(composer.text().empty());
}

TEST_CASE("telex: beyond the undo history backspace removes one character") {
  TelexComposer composer;
  composer.press_keys("as");  // á: one syllable, two keystrokes
  for (std::size_t i = 0; i < TelexComposer::kMaxUndoSegments; ++i) composer.press('.');
  for (std::size_t i = 0; i < TelexComposer::kMaxUndoSegments; ++i) composer.backspace();
  REQUIRE(composer.text() == "á");
  // How "as" was typed is forgotten: the whole letter goes, not just its tone.
  composer.backspace();
  CHECK(composer.text().empty());

  composer.press_keys("as");
  composer.backspace();
  CHECK(composer.text() == "a");  // within the history, the tone key is undone
}

TEST_CASE("telex: apply_tone places, replaces and toggles the tone as one keystroke") {
  TelexComposer composer;
  composer.press_keys("hoa");
  composer.apply_tone(Tone::huyen);
  CHECK(composer.text() == "hòa");
  composer.press('n');
  CHECK(composer.text() == "hoàn");
  composer.apply_tone(Tone::sac);
  CHECK(composer.text() == "hoán");
  composer.apply_tone(Tone::sac);
  CHECK(composer.text() == "hoan");
  composer.backspace();
  CHECK(composer.text() == "hoán");
  composer.backspace();
  CHECK(composer.text() == "hoàn");
  composer.backspace();
  CHECK(composer.text() == "hòa");
  composer.backspace();
  CHECK(composer.text() == "hoa");

  composer.clear();
  composer.press_keys("Vieet");
  composer.apply_tone(Tone::nang);
  CHECK(composer.text() == "Việt");
  composer.apply_tone(Tone::none);
  CHECK(composer.text() == "Viêt");
  composer.press_keys(" thuy");
  composer.apply_tone(Tone::hoi);
  CHECK(composer.text() == "Viêt thủy");
  composer.apply_tone(Tone::nga);
  CHECK(composer.text() == "Viêt thũy");
}

TEST_CASE("telex: the mark keys make â ê ô, ă ơ ư and đ as one keystroke each") {
  TelexComposer composer;
  composer.press_keys("cam on");
  composer.apply_mark(Mark::horn_or_breve);
  CHECK(composer.text() == "cam ơn");
  composer.clear();
  composer.press_keys("duong");
  composer.apply_mark(Mark::horn_or_breve);
  CHECK(composer.text() == "dương");
  composer.apply_mark(Mark::stroke);
  CHECK(composer.text() == "đương");
  composer.apply_tone(Tone::huyen);
  CHECK(composer.text() == "đường");
  // Backspace undoes tone, stroke, horn: one keystroke each.
  composer.backspace();
  CHECK(composer.text() == "đương");
  composer.backspace();
  CHECK(composer.text() == "dương");
  composer.backspace();
  CHECK(composer.text() == "duong");

  composer.clear();
  composer.press_keys("tien Viet");
  composer.apply_mark(Mark::circumflex);
  CHECK(composer.text() == "tien Viêt");
  composer.clear();
  composer.press_keys("an");
  composer.apply_mark(Mark::horn_or_breve);
  CHECK(composer.text() == "ăn");
  composer.clear();
  composer.press_keys("cos");  // có: the circumflex goes under the tone
  composer.apply_mark(Mark::circumflex);
  CHECK(composer.text() == "cố");
  composer.clear();
  composer.press_keys("UA");
  composer.apply_mark(Mark::horn_or_breve);
  CHECK(composer.text() == "ƯA");
}

TEST_CASE("telex: a mark key where the mark cannot go, or is there already, changes nothing") {
  TelexComposer composer;
  composer.apply_mark(Mark::circumflex);
  CHECK(composer.text().empty());
  composer.press_keys("xin ");  // no syllable at the end
  composer.apply_mark(Mark::stroke);
  CHECK(composer.text() == "xin ");
  composer.clear();
  composer.press_keys("bi");  // i takes no circumflex, horn or breve
  composer.apply_mark(Mark::circumflex);
  composer.apply_mark(Mark::horn_or_breve);
  composer.apply_mark(Mark::stroke);
  CHECK(composer.text() == "bi");
  composer.backspace();  // nothing was recorded for the refused marks
  CHECK(composer.text() == "b");
  composer.clear();
  composer.press_keys("oo");  // ô already: a second circumflex does not undo it
  composer.apply_mark(Mark::circumflex);
  CHECK(composer.text() == "ô");
  composer.clear();
  composer.press_keys("ddi");
  composer.apply_mark(Mark::stroke);
  CHECK(composer.text() == "đi");
  // The mark keys are not keys as typed: search falls back on what was typed.
  composer.clear();
  composer.press_keys("cam on");
  composer.apply_mark(Mark::horn_or_breve);
  CHECK(composer.keys() == "cam on");
}

TEST_CASE("telex: apply_tone with no syllable to carry it changes nothing") {
  TelexComposer composer;
  composer.apply_tone(Tone::sac);
  CHECK(composer.text().empty());
  composer.press_keys("hoa ");
  composer.apply_tone(Tone::sac);
  CHECK(composer.text() == "hoa ");
  composer.clear();
  composer.press_keys("ng");
  composer.apply_tone(Tone::sac);
  CHECK(composer.text() == "ng");
  composer.backspace();  // no keystroke was recorded for the tone
  CHECK(composer.text() == "n");
}

TEST_CASE("telex: English mode inserts keys literally") {
  TelexComposer composer;
  composer.vietnamese = false;
  composer.press_keys("tieengs vieetj ww dd");
  CHECK(composer.text() == "tieengs vieetj ww dd");
  composer.backspace();
  CHECK(composer.text() == "tieengs vieetj ww d");
  composer.vietnamese = true;
  composer.press_keys(" aa");
  CHECK(composer.text() == "tieengs vieetj ww d â");
}

TEST_CASE("telex: digits, punctuation and other characters pass through and end the syllable") {
  CHECK(compose_telex("hoa1s") == "hoa1s");
  CHECK(compose_telex("08/2015/NDD-CP") == "08/2015/NĐ-CP");
  CHECK(compose_telex("thuees, phis.") == "thuế, phí.");
  CHECK(compose_telex("(hoaf)!?") == "(hòa)!?");
  CHECK(compose_telex("a-a") == "a-a");
  CHECK(compose_telex("ê") == "ê");
  CHECK(compose_telex("ês") == "ês");
  CHECK(compose_telex("€ 100") == "€ 100");
}

TEST_CASE("telex: the text is NFC even when combining marks are typed") {
  // A decomposed ế (e, U+0302, U+0301) from some editors.
  const auto text = compose_telex("tie\xCC\x82\xCC\x81ng");
  CHECK(text == "tiếng");
  CHECK(text != "tie\xCC\x82\xCC\x81ng");
  CHECK(is_nfc(text));
  TelexComposer composer;
  composer.press('e');
  composer.press(U'\u0302');
  CHECK(composer.text() == "ê");
  composer.backspace();
  CHECK(composer.text() == "e");
}

TEST_CASE("telex: invalid input is ignored or replaced") {
  TelexComposer composer;
  composer.press(0xD800);
  composer.press(0x110000);
  composer.press(0);
  CHECK(composer.text().empty());
  CHECK(compose_telex("a\xFF"
                      "b") ==
        "a\xEF\xBF\xBD"
        "b");
}

TEST_CASE("telex: clear forgets text and history") {
  TelexComposer composer;
  composer.press_keys("vieetj");
  composer.clear();
  CHECK(composer.text().empty());
  composer.backspace();
  CHECK(composer.text().empty());
  composer.press_keys("as");
  CHECK(composer.text() == "á");
}

TEST_CASE("kioskctl telex: prints the composed text") {
  auto r = test::run_kioskctl({"telex", "tieengs vieetj"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "tiếng việt\n");
  r = test::run_kioskctl({"telex", "tieengs vieetj", "--en"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "tieengs vieetj\n");
}

TEST_CASE("kioskctl telex: no KEYS is a usage error") {
  auto r = test::run_kioskctl({"telex"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("usage: kioskctl telex KEYS") != std::string::npos);
  r = test::run_kioskctl({"telex", "a", "--fast"});
  CHECK(r.exit_code == 2);
}
