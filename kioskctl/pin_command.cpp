// kioskctl pin-hash: a staff PIN in, the line for kiosk.toml's staff.pin_hash
// out. The PIN is read from the terminal without echo (asked twice), or as one
// line from standard input with --pin-stdin, and is never printed.
#include <fcntl.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <string>

#include "args.hpp"
#include "commands.hpp"

namespace kioskctl {
namespace {

constexpr std::size_t kMinDigits = 4;
constexpr std::size_t kMaxDigits = 12;
constexpr std::size_t kMaxLine = 256;

// Wipes its text when it dies: a PIN should not linger in freed memory.
struct Secret {
  std::string text;
  ~Secret() { sodium_memzero(text.data(), text.size()); }
};

// One line from `fd` into `line`, without its line end; false at end of input
// before any byte, or for a line longer than kMaxLine.
bool read_line(int fd, Secret& line) {
  line.text.clear();
  line.text.reserve(kMaxLine + 1);
  bool any = false;
  char c = 0;
  while (true) {
    const ssize_t n = read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    any = true;
    if (c == '\n') break;
    if (line.text.size() > kMaxLine) return false;
    line.text.push_back(c);
  }
  if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  return any;
}

std::string check_pin(const std::string& pin) {
  if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return "the PIN must be digits only (0-9)";
  }
  if (pin.size() < kMinDigits || pin.size() > kMaxDigits) {
    return "the PIN must have 4 to 12 digits (it has " + std::to_string(pin.size()) + ")";
  }
  return {};
}

// Asks on the terminal with echo off; restores the terminal whatever happens.
bool ask(int tty, const char* prompt, Secret& answer) {
  (void)!write(tty, prompt, std::char_traits<char>::length(prompt));
  termios old{};
  const bool is_tty = tcgetattr(tty, &old) == 0;
  if (is_tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    tcsetattr(tty, TCSAFLUSH, &quiet);
  }
  const bool ok = read_line(tty, answer);
  if (is_tty) tcsetattr(tty, TCSAFLUSH, &old);
  return ok;
}

}  // namespace

int cmd_pin_hash(int argc, char** argv) {
  auto parsed = parse_args(argc, argv, 2, {}, {"pin-stdin"});
  if (!parsed) return usage_error("pin-hash", parsed.error().message);
  if (!parsed->positional.empty()) {
    return usage_error("pin-hash", "usage: kioskctl pin-hash [--pin-stdin]");
  }
  if (sodium_init() < 0) {
    std::cerr << "kioskctl pin-hash: libsodium cannot start\n";
    return 1;
  }
  Secret pin;
  if (parsed->flag("pin-stdin")) {
    if (!read_line(STDIN_FILENO, pin)) {
      std::cerr << "kioskctl pin-hash: no PIN on standard input (one line of 4 to 12 digits)\n";
      return 1;
    }
  } else {
    const int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (tty < 0) {
      std::cerr << "kioskctl pin-hash: no terminal to ask on; use --pin-stdin\n";
      return 1;
    }
    Secret again;
    const bool typed = ask(tty, "New staff PIN (4 to 12 digits): ", pin);
    const bool confirmed = typed && check_pin(pin.text).empty() &&
                           ask(tty, "The same PIN again: ", again) && again.text == pin.text;
    close(tty);
    if (!typed) {
      std::cerr << "kioskctl pin-hash: no PIN was typed\n";
      return 1;
    }
    if (check_pin(pin.text).empty() && !confirmed) {
      std::cerr << "kioskctl pin-hash: the two PINs differ; nothing was made\n";
      return 1;
    }
  }
  if (auto why = check_pin(pin.text); !why.empty()) {
    std::cerr << "kioskctl pin-hash: " << why << "; nothing was made\n";
    return 1;
  }
  // The kiosk checks with crypto_pwhash_str_verify; the interactive limits
  // keep a tap on "OK" under a second on a small lobby PC.
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, pin.text.c_str(), pin.text.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    std::cerr << "kioskctl pin-hash: out of memory while hashing\n";
    return 1;
  }
  std::cout << hash << "\n";
  std::cerr << "Paste this line into /etc/customs-kiosk/kiosk.toml under [staff] as\n"
               "  pin_hash = \"...\"\n";
  return 0;
}

}  // namespace kioskctl
