// kioskctl telex: Telex keystrokes in, Vietnamese text out, as the kiosk's
// keyboard would compose them.
#include <iostream>
#include <string>
#include <string_view>

#include "args.hpp"
#include "commands.hpp"
#include "kiosk/telex.hpp"

namespace kioskctl {
int cmd_telex(int argc, char** argv) {
  auto parsed = parse_args(argc, argv, 2, {}, {"en"});
  if (!parsed) return usage_error("telex", parsed.error().message);
  const Args& args = *parsed;
  if (args.positional.size() != 1) {
    return usage_error("telex", "usage: kioskctl telex KEYS [--en]");
  }
  kiosk::TelexComposer composer;
  composer.vietnamese = !args.flag("en");
  composer.press_keys(args.positional[0]);
  std::cout << composer.text() << "\n";
  return 0;
}

}  // namespace kioskctl
