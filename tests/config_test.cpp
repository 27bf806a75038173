// kiosk.toml: the shipped file, every refused setting named with its line,
// and the two programs an IT officer runs on it (customs-kiosk --check-config,
// kioskctl pin-hash).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/config.hpp"
#include "support.hpp"

namespace {

const std::filesystem::path kShipped =
    std::filesystem::path(KIOSK_SOURCE_DIR) / "installer/kiosk.toml";
const std::string kDemoPinHash =
    "$argon2id$v=19$m=65536,t=2,p=1$J1Y+VJyX3Jp3oali/xJ2LQ$nHjDm0ksK8I99Gff79w/ghxFPM/fLfsY43R67OE+"
    "FF8";
const std::string kPin = "sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMwE=";

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

// A complete, valid file with one setting per line; the line of each
// setting is its index + 1.
std::vector<std::string> full_config(const std::string& trust) {
  return {
      "[kiosk]",                                               // 1
      "id = \"hq-lobby-1\"",                                   // 2
      "office_name = \"Chi cục Hải quan cửa khẩu Hữu Nghị\"",  // 3
      "[server]",                                              // 4
      "url = \"https://content.example.gov.vn/kiosk/\"",       // 5
      "trust = \"" + trust + "\"",                             // 6
      "pin_sha256 = \"" + kPin + "\"",                         // 7
      "sync_minutes = 15",                                     // 8
      "[display]",                                             // 9
      "orientation = \"portrait\"",                            // 10
      "theme = \"high-contrast\"",                             // 11
      "idle_timeout_seconds = 90",                             // 12
      "[language]",                                            // 13
      "available = [\"en\", \"vi\"]",                          // 14
      "default = \"en\"",                                      // 15
      "[staff]",                                               // 16
      "pin_hash = \"" + kDemoPinHash + "\"",                   // 17
      "[printer]",                                             // 18
      "enabled = false",                                       // 19
      "device = \"\"",                                         // 20
      "[storage]",                                             // 21
      "data_dir = \"/srv/kiosk\"",                             // 22
  };
}

// The error lines of a refused configuration.
std::vector<std::string> problems_of(const content::Result<kiosk::KioskConfig>& r) {
  std::vector<std::string> lines;
  if (r.ok()) return lines;
  std::stringstream s(r.error().message);
  for (std::string line; std::getline(s, line);) lines.push_back(line);
  return lines;
}

struct Run {
  int exit_code = -1;
  std::string out, err;
};

// Runs `program` with `args` and `input` on standard input, no shell.
Run run(const std::string& program, const std::vector<std::string>& args,
        const std::string& input = {}) {
  test::TempDir dir;
  test::write_file(dir / "in", input);
  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open((dir / "in").c_str(), O_RDONLY);
    const int out = open((dir / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open((dir / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    setsid();  // no controlling terminal: prompts cannot reach the person running the tests
    std::vector<std::string> copy = args;
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_text(dir / "out");
  r.err = read_text(dir / "err");
  return r;
}

}  // namespace

TEST_CASE("config: the shipped kiosk.toml passes as it is: offline, demo content") {
  const auto config = kiosk::load_config(kShipped);
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? "" : config.error().message));
  CHECK(config->kiosk_id == "kiosk-1");
  CHECK(config->server_url.empty());
  CHECK(config->sync_minutes == 5);
  CHECK(config->idle_timeout_seconds == 60);
  CHECK(config->default_lang == content::Lang::vi);
  CHECK(config->languages.size() == 2);
  CHECK(config->staff_pin_hash.empty());
  CHECK(config->content_db() == "/var/lib/customs-kiosk/content.db");
}

TEST_CASE("config: the shipped kiosk.toml sets and documents every setting") {
  const std::string text = read_text(kShipped);
  for (const auto& name : kiosk::config_setting_names()) {
    CAPTURE(name);
    const auto dot = name.find('.');
    const auto table = text.find("\n[" + name.substr(0, dot) + "]\n");
    REQUIRE(table != std::string::npos);
    const auto key = text.find("\n" + name.substr(dot + 1) + " = ", table);
    REQUIRE(key != std::string::npos);
    const auto next_table = text.find("\n[", table + 1);
    CHECK(key < next_table);
    CHECK(text.substr(key - 2, 2) != "\n\n");  // a comment line explains it
  }
}

TEST_CASE("config: a complete file gives every value, office name in NFC") {
  test::TempDir dir;
  test::write_file(dir / "signing.pub", "key\n");
  auto lines = full_config((dir / "signing.pub").string());
  lines[2] =
      "office_name = \"Chi cu\xcc\xa3"
      "c Ha\xcc\x89"
      "i quan\"";  // NFD
  const auto config = kiosk::parse_config(join(lines), "kiosk.toml");
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? "" : config.error().message));
  CHECK(config->kiosk_id == "hq-lobby-1");
  CHECK(config->office_name == "Chi cục Hải quan");
  CHECK(config->server_url == "https://content.example.gov.vn/kiosk/");
  CHECK(config->trust == dir / "signing.pub");
  CHECK(config->pin_sha256 == kPin);
  CHECK(config->sync_minutes == 15);
  CHECK(config->orientation == kiosk::Orientation::portrait);
  CHECK(config->theme == kiosk::Theme::high_contrast);
  CHECK(config->idle_timeout_seconds == 90);
  CHECK(config->languages == std::vector{content::Lang::en, content::Lang::vi});
  CHECK(config->default_lang == content::Lang::en);
  CHECK(config->staff_pin_hash == kDemoPinHash);
  CHECK_FALSE(config->printer_enabled);
  CHECK(config->content_db() == "/srv/kiosk/content.db");
}

TEST_CASE("config: only kiosk.id is required; the rest has defaults") {
  const auto config = kiosk::parse_config("[kiosk]\nid = \"k\"\n", "kiosk.toml");
  REQUIRE(config.ok());
  CHECK(config->office_name == "Chi cục Hải quan");
  CHECK(config->orientation == kiosk::Orientation::landscape);
  CHECK(config->theme == kiosk::Theme::standard);
  CHECK(config->data_dir == "/var/lib/customs-kiosk");
  CHECK(problems_of(kiosk::parse_config("[kiosk]\noffice_name = \"X\"\n", "k.toml")) ==
        std::vector<std::string>{
            "k.toml:1: kiosk.id: is required: a name for this kiosk, e.g. id = \"hq-lobby-1\""});
  const auto none = problems_of(kiosk::parse_config("", "k.toml"));
  REQUIRE(none.size() == 1);
  CHECK(none[0].starts_with("k.toml: kiosk.id: is required"));
}

TEST_CASE("config: each bad setting is named with its exact line") {
  test::TempDir dir;
  test::write_file(dir / "signing.pub", "key\n");
  struct Case {
    std::size_t line;  // 1-based
    std::string text;
    std::string expected;  // "LINE: field: reason" after the file name
  };
  const std::vector<Case> cases = {
      {2, "id = \"HQ Lobby\"", "2: kiosk.id: must be 1 to 64 characters of a-z, 0-9 and -"},
      {2, "id = \"" + std::string(65, 'a') + "\"", "2: kiosk.id: must be 1 to 64 characters"},
      {2, "id = 7", "2: kiosk.id: must be text in double quotes"},
      {3, "office_name = \"\"", "3: kiosk.office_name: must be 1 to 200 bytes"},
      {3, "office_name = \"" + std::string(201, 'x') + "\"",
       "3: kiosk.office_name: must be 1 to 200"},
      {3, "office_name = \"a\\nb\"", "3: kiosk.office_name: must not hold control characters"},
      {5, "url = \"ftp://x.gov.vn/\"", "5: server.url: must start with https://"},
      {5, "url = \"https://\"", "5: server.url: has no server name"},
      {5, "url = \"https://me:secret@x.gov.vn/\"", "5: server.url: must not hold a user name"},
      {5, "url = \"https://x.gov.vn/a b\"", "5: server.url: must not hold spaces"},
      {5, "url = \"file://repo/\"", "5: server.url: file:// must be followed by a full path"},
      {6, "trust = \"signing.pub\"", "6: server.trust: must be a full path starting with /"},
      {7, "pin_sha256 = \"sha256//abc=\"", "7: server.pin_sha256: must look like \"sha256//\""},
      {7, "pin_sha256 = \"" + kPin + ";md5//x\"", "7: server.pin_sha256: must look like"},
      {8, "sync_minutes = 0", "8: server.sync_minutes: must be from 1 to 1440 (it is 0)"},
      {8, "sync_minutes = 1441", "8: server.sync_minutes: must be from 1 to 1440 (it is 1441)"},
      {8, "sync_minutes = \"5\"", "8: server.sync_minutes: must be a whole number from 1 to 1440"},
      {8, "sync_minutes = 2.5", "8: server.sync_minutes: must be a whole number"},
      {10, "orientation = \"sideways\"", "10: display.orientation: must be \"landscape\", "},
      {11, "theme = \"dark\"", "11: display.theme: must be \"standard\" or \"high-contrast\""},
      {12, "idle_timeout_seconds = 4", "12: display.idle_timeout_seconds: must be from 5 to 3600"},
      {12, "idle_timeout_seconds = 3601", "12: display.idle_timeout_seconds: must be from 5"},
      {14, "available = [\"vi\", \"fr\"]", "14: language.available: must be a list of \"vi\""},
      {14, "available = []", "14: language.available: must be a list"},
      {14, "available = \"vi\"", "14: language.available: must be a list"},
      {14, "available = [\"vi\", \"vi\"]", "14: language.available: names \"vi\" twice"},
      {15, "default = \"fr\"", "15: language.default: must be \"vi\" or \"en\""},
      {17, "pin_hash = \"2468\"", "17: staff.pin_hash: is not a PIN hash"},
      {19, "enabled = \"no\"", "19: printer.enabled: must be true or false"},
      {22, "data_dir = \"var/lib/kiosk\"", "22: storage.data_dir: must be a full path"},
      {22, "data_dir = \"\"", "22: storage.data_dir: must be a full path"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto lines = full_config((dir / "signing.pub").string());
    lines.at(c.line - 1) = c.text;
    const auto problems = problems_of(kiosk::parse_config(join(lines), "/etc/k.toml"));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].starts_with("/etc/k.toml:" + c.expected));
  }
}

TEST_CASE("config: every problem is reported at once, in the order of the file") {
  const auto problems = problems_of(kiosk::parse_config(
      "[kiosk]\nid = \"Bad Id\"\n[display]\ntheme = \"dark\"\nidle_timeout_seconds = 1\n"
      "[server]\nsync_minutes = 0\n",
      "k.toml"));
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].starts_with("k.toml:2: kiosk.id:"));
  CHECK(problems[1].starts_with("k.toml:4: display.theme:"));
  CHECK(problems[2].starts_with("k.toml:5: display.idle_timeout_seconds:"));
  CHECK(problems[3].starts_with("k.toml:7: server.sync_minutes:"));
}

TEST_CASE("config: a misspelt setting or table is an error, never ignored") {
  auto problems = problems_of(
      kiosk::parse_config("[kiosk]\nid = \"k\"\n[display]\nidle_timeout = 30\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "k.toml:4: display.idle_timeout: unknown setting; [display] has orientation, theme, "
        "idle_timeout_seconds");
  problems = problems_of(
      kiosk::parse_config("[kiosk]\nid = \"k\"\n\n[printr]\nenabled = true\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].starts_with("k.toml:4: printr: unknown table; the tables are [kiosk], "));
  problems = problems_of(kiosk::parse_config("id = \"k\"\n[kiosk]\nid = \"k\"\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].starts_with("k.toml:1: id: unknown setting outside any table"));
  problems =
      problems_of(kiosk::parse_config("[kiosk]\nid = \"k\"\n[kiosk.extra]\na = 1\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].starts_with("k.toml:3: kiosk.extra: unknown setting"));
  problems = problems_of(kiosk::parse_config("kiosk = 3\n", "k.toml"));
  REQUIRE_FALSE(problems.empty());
  CHECK(problems[0].starts_with("k.toml:1: kiosk: must be a table"));
}

TEST_CASE("config: a TOML syntax error gives its own line") {
  const auto problems =
      problems_of(kiosk::parse_config("[kiosk]\nid = \"k\"\n\nsync_minutes = = 3\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].starts_with("k.toml:4: TOML syntax: "));
  const auto dup = problems_of(kiosk::parse_config("[kiosk]\nid = \"a\"\nid = \"b\"\n", "k.toml"));
  REQUIRE(dup.size() == 1);
  CHECK(dup[0].starts_with("k.toml:3: TOML syntax: "));
  const auto utf8 = problems_of(
      kiosk::parse_config("[kiosk]\nid = \"a\"\noffice_name = \"\xc3\x28\"\n", "k.toml"));
  REQUIRE(utf8.size() == 1);
  CHECK(utf8[0].starts_with("k.toml:3: "));
}

TEST_CASE("config: plain http:// only to 127.0.0.1; file:// for tests") {
  test::TempDir dir;
  test::write_file(dir / "signing.pub", "key\n");
  const auto with_url = [&](const std::string& url) {
    return kiosk::parse_config("[kiosk]\nid = \"k\"\n[server]\nurl = \"" + url + "\"\ntrust = \"" +
                                   (dir / "signing.pub").string() + "\"\n",
                               "k.toml");
  };
  for (const std::string bad :
       {"http://content.example.gov.vn/kiosk/", "http://127.0.0.1.evil.example/",
        "http://127.0.0.1:0/", "http://127.0.0.1:99999/", "http://localhost:8080/",
        "HTTPS://x.gov.vn/", "content.example.gov.vn"}) {
    CAPTURE(bad);
    const auto problems = problems_of(with_url(bad));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].starts_with("k.toml:4: server.url: must start with https://"));
  }
  for (const std::string good : {"https://content.example.gov.vn/kiosk/", "http://127.0.0.1",
                                 "http://127.0.0.1:8080/repo/", "file:///srv/kiosk-repo/"}) {
    CAPTURE(good);
    CHECK(with_url(good).ok());
  }
}

TEST_CASE("config: server.trust is required with a url and must be a readable file") {
  test::TempDir dir;
  const std::string head = "[kiosk]\nid = \"k\"\n[server]\nurl = \"https://x.gov.vn/\"\n";
  auto problems = problems_of(kiosk::parse_config(head, "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].starts_with("k.toml:4: server.trust: is required when server.url is set"));
  problems = problems_of(kiosk::parse_config(head + "trust = \"\"\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].starts_with("k.toml:5: server.trust: must not be empty"));
  const auto missing = (dir / "signing.pub").string();
  problems = problems_of(kiosk::parse_config(head + "trust = \"" + missing + "\"\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "k.toml:5: server.trust: the file " + missing + " does not exist");
  problems = problems_of(
      kiosk::parse_config(head + "trust = \"" + dir.path().string() + "\"\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].ends_with(" is not a regular file"));
  test::write_file(dir / "signing.pub", "key\n");
  CHECK(kiosk::parse_config(head + "trust = \"" + missing + "\"\n", "k.toml").ok());
  // Offline, the key file is not needed.
  CHECK(kiosk::parse_config("[kiosk]\nid = \"k\"\n[server]\ntrust = \"/nonexistent/k.pub\"\n", "k")
            .ok());
}

TEST_CASE("config: the default language must be one of the available ones") {
  auto problems = problems_of(kiosk::parse_config(
      "[kiosk]\nid = \"k\"\n[language]\navailable = [\"en\"]\ndefault = \"vi\"\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "k.toml:5: language.default: \"vi\" is not in language.available");
  problems = problems_of(
      kiosk::parse_config("[kiosk]\nid = \"k\"\n[language]\navailable = [\"en\"]\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].starts_with("k.toml:4: language.default: \"vi\" is not in"));
  CHECK(kiosk::parse_config(
            "[kiosk]\nid = \"k\"\n[language]\navailable = [\"en\"]\ndefault = \"en\"\n", "k")
            .ok());
}

TEST_CASE("config: the staff PIN hash must look like crypto_pwhash_str output") {
  CHECK(kiosk::looks_like_pin_hash(kDemoPinHash));
  CHECK(
      kiosk::looks_like_pin_hash("$argon2i$v=19$m=32768,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                                 "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA"));
  for (const std::string& bad : std::vector<std::string>{
           "2468", "$argon2id$", kDemoPinHash.substr(0, 60), kDemoPinHash + " ",
           "$2y$10$abcdefghijklmnopqrstuv", "$argon2d$" + kDemoPinHash.substr(10),
           "$argon2id$v=16$m=65536,t=2,p=1$J1Y+VJyX3Jp3oali/xJ2LQ$nHjDm0ksK8I99Gff79w/ghxFPM/"
           "fLfsY43R6",
           kDemoPinHash + std::string(60, 'A')}) {
    CAPTURE(bad);
    CHECK_FALSE(kiosk::looks_like_pin_hash(bad));
  }
  const auto problems = problems_of(
      kiosk::parse_config("[kiosk]\nid = \"k\"\n[staff]\npin_hash = \"garbage\"\n", "k.toml"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].starts_with("k.toml:4: staff.pin_hash: is not a PIN hash"));
}

TEST_CASE("config: load_config refuses a missing, odd or huge file with its name") {
  test::TempDir dir;
  auto r = kiosk::load_config(dir / "none.toml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        (dir / "none.toml").string() + ": cannot read: the file does not exist");
  r = kiosk::load_config(dir.path());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.ends_with(": cannot read: not a regular file"));
  test::write_file(dir / "big.toml", "[kiosk]\nid = \"k\"\n" + std::string(2 << 20, '#'));
  r = kiosk::load_config(dir / "big.toml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.ends_with(": cannot read: larger than 1 MiB"));
  test::write_file(dir / "bad.toml", "[kiosk]\nid = \"K\"\n");
  r = kiosk::load_config(dir / "bad.toml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.starts_with((dir / "bad.toml").string() + ":2: kiosk.id: "));
}

TEST_CASE("kioskctl pin-hash --pin-stdin: a hash the kiosk's check accepts") {
  REQUIRE(sodium_init() >= 0);
  const auto r = run(KIOSKCTL_PATH, {"pin-hash", "--pin-stdin"}, "24681357\n");
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.ends_with("\n"));
  const std::string hash = r.out.substr(0, r.out.size() - 1);
  CHECK(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$"));
  CHECK(kiosk::looks_like_pin_hash(hash));
  CHECK(crypto_pwhash_str_verify(hash.c_str(), "24681357", 8) == 0);
  CHECK(crypto_pwhash_str_verify(hash.c_str(), "24681358", 8) != 0);
  CHECK(r.out.find("24681357") == std::string::npos);
  CHECK(r.err.find("24681357") == std::string::npos);
  // Pasted into kiosk.toml, it passes the check.
  CHECK(
      kiosk::parse_config("[kiosk]\nid = \"k\"\n[staff]\npin_hash = \"" + hash + "\"\n", "k").ok());
}

TEST_CASE("kioskctl pin-hash: refuses non-digits, bad lengths and no input") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"12a4\n", "the PIN must be digits only (0-9)"},
      {"123\n", "the PIN must have 4 to 12 digits (it has 3)"},
      {"1234567890123\n", "the PIN must have 4 to 12 digits (it has 13)"},
      {"\n", "the PIN must have 4 to 12 digits (it has 0)"},
      {"", "no PIN on standard input"},
  };
  for (const auto& [input, message] : cases) {
    CAPTURE(input);
    const auto r = run(KIOSKCTL_PATH, {"pin-hash", "--pin-stdin"}, input);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find(message) != std::string::npos);
  }
  auto r = run(KIOSKCTL_PATH, {"pin-hash"});  // no terminal to ask on
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("use --pin-stdin") != std::string::npos);
  r = run(KIOSKCTL_PATH, {"pin-hash", "1234"});
  CHECK(r.exit_code == 2);
  CHECK(run(KIOSKCTL_PATH, {"pin-hash", "--pin"}).exit_code == 2);
}

#ifdef CUSTOMS_KIOSK_PATH
TEST_CASE("customs-kiosk --check-config: ok on the shipped file, every problem on a broken one") {
  auto r = run(CUSTOMS_KIOSK_PATH, {"--check-config", kShipped.string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out == kShipped.string() + ": ok\n");
  CHECK(r.err.empty());

  test::TempDir dir;
  const auto broken = (dir / "kiosk.toml").string();
  test::write_file(broken,
                   "[kiosk]\nid = \"Sảnh 1\"\n[server]\nurl = \"http://content.example.gov.vn/\"\n"
                   "trust = \"/nonexistent/signing.pub\"\n[display]\nidle_timeot_seconds = 30\n");
  r = run(CUSTOMS_KIOSK_PATH, {"--check-config", broken});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err ==
        broken +
            ":2: kiosk.id: must be 1 to 64 characters of a-z, 0-9 and -, e.g. \"hq-lobby-1\"\n" +
            broken +
            ":4: server.url: must start with https:// (plain http:// is allowed only for "
            "127.0.0.1, for tests and demonstrations)\n" +
            broken +
            ":7: display.idle_timeot_seconds: unknown setting; [display] has orientation, theme, "
            "idle_timeout_seconds\n");

  r = run(CUSTOMS_KIOSK_PATH, {"--check-config", (dir / "none.toml").string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("none.toml: cannot read: the file does not exist") != std::string::npos);
}

TEST_CASE("customs-kiosk --config: refuses to start on a broken file, with the same messages") {
  test::TempDir dir;
  const auto broken = (dir / "kiosk.toml").string();
  test::write_file(broken, "[kiosk]\nid = \"k\"\n[display]\ntheme = \"dark\"\n");
  const auto r = run(CUSTOMS_KIOSK_PATH, {"--config", broken});
  CHECK(r.exit_code == 1);
  CHECK(r.err == broken + ":4: display.theme: must be \"standard\" or \"high-contrast\"\n");
  CHECK(run(CUSTOMS_KIOSK_PATH, {"--config", broken, "--demo"}).exit_code == 2);
  CHECK(run(CUSTOMS_KIOSK_PATH, {"--config"}).exit_code == 2);
}
#endif
