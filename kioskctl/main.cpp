// kioskctl: the headless tool for the kiosk's content store.
#include <algorithm>
#include <cstdio>
#include <string_view>

#include "commands.hpp"

namespace {

constexpr const char* kUsage =
    "usage: kioskctl COMMAND [ARGS]\n"
    "\n"
    "Content store:\n"
    "  import SRC --db FILE                  build or update a cache from an authoring tree\n"
    "  search QUERY --db FILE [--lang vi|en] [--limit N] [--keys KEYS | --telex] [--json]\n"
    "                                        search documents and FAQs as a visitor would\n"
    "                                        (then the keys as typed, then the other language)\n"
    "  show ID --db FILE [--lang vi|en] [--json]\n"
    "                                        print one document or FAQ\n"
    "  stats --db FILE [--json]              what the cache holds\n"
    "\n"
    "Publishing (the department's side):\n"
    "  keygen --out DIR                      make DIR/signing.key (secret) and signing.pub\n"
    "  publish SRC --repo DIR --key FILE [--expires-days N]\n"
    "                                        sign an authoring tree as the next version\n"
    "  verify --repo DIR --trust FILE        check a repository as a kiosk would\n"
    "  rotate-key --repo DIR --old FILE --new FILE\n"
    "                                        let a new signing key replace the old one\n"
    "\n"
    "Kiosk sync:\n"
    "  sync --once --db FILE --server URL --trust FILE [--kiosk-id ID] [--pin sha256//B64]\n"
    "                                        fetch, verify and apply content; upload feedback\n"
    "  feedback add --db FILE --rating 1..4 [--comment TEXT] [--service ID]\n"
    "                                        queue one feedback as the kiosk does\n"
    "\n"
    "On-screen keyboard:\n"
    "  telex KEYS [--en]                     compose Telex keystrokes into Vietnamese text\n"
    "\n"
    "Kiosk set-up:\n"
    "  pin-hash [--pin-stdin]                ask for a staff PIN (4 to 12 digits) and print\n"
    "                                        its hash for kiosk.toml's staff.pin_hash\n"
    "\n"
    "Exit status: 0 done, 1 refused or failed, 2 usage error.\n";

struct Command {
  std::string_view name;
  int (*run)(int, char**);
};

constexpr Command kCommands[] = {
    {"import", kioskctl::cmd_import},     {"search", kioskctl::cmd_search},
    {"show", kioskctl::cmd_show},         {"stats", kioskctl::cmd_stats},
    {"keygen", kioskctl::cmd_keygen},     {"publish", kioskctl::cmd_publish},
    {"verify", kioskctl::cmd_verify},     {"telex", kioskctl::cmd_telex},
    {"pin-hash", kioskctl::cmd_pin_hash}, {"sync", kioskctl::cmd_sync},
    {"feedback", kioskctl::cmd_feedback}, {"rotate-key", kioskctl::cmd_rotate_key},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  for (const auto& c : kCommands) {
    if (c.name == command) return c.run(argc, argv);
  }
  std::fprintf(stderr, "kioskctl: unknown command \"%.*s\"\n\n%s",
               static_cast<int>(std::min<std::size_t>(command.size(), 64)), command.data(), kUsage);
  return 2;
}
