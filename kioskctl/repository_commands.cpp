// kioskctl keygen, publish and verify: the department's side of sync.
#include <sys/stat.h>

#include <ctime>
#include <iostream>

#include "args.hpp"
#include "commands.hpp"
#include "content/authoring.hpp"
#include "sync/repository.hpp"
#include "sync/signing.hpp"

namespace kioskctl {
int cmd_keygen(int argc, char** argv) {
  auto parsed = parse_args(argc, argv, 2, {"out"}, {});
  if (!parsed) return usage_error("keygen", parsed.error().message);
  if (!parsed->positional.empty() || !parsed->value("out")) {
    return usage_error("keygen", "usage: kioskctl keygen --out DIR");
  }
  auto key = published::generate_key();
  if (!key) {
    std::cerr << "kioskctl keygen: " << key.error().message << "\n";
    return 1;
  }
  const std::filesystem::path dir = *parsed->value("out");
  if (auto s = published::write_key_files(*key, dir); !s) {
    std::cerr << "kioskctl keygen: " << s.error().message << "\n";
    return 1;
  }
  std::cout << "key " << key->public_key.id << ": keep " << (dir / "signing.key").string()
            << " secret (it signs content); give " << (dir / "signing.pub").string()
            << " to every kiosk\n";
  return 0;
}

int cmd_publish(int argc, char** argv) {
  auto parsed = parse_args(argc, argv, 2, {"repo", "key", "expires-days"}, {});
  if (!parsed) return usage_error("publish", parsed.error().message);
  const Args& args = *parsed;
  if (args.positional.size() != 1 || !args.value("repo") || !args.value("key")) {
    return usage_error("publish",
                       "usage: kioskctl publish SRC --repo DIR --key FILE [--expires-days N]");
  }
  int days = 30;
  if (const auto text = args.value("expires-days")) {
    char* end = nullptr;
    const long value = std::strtol(text->c_str(), &end, 10);
    if (end == text->c_str() || *end || value < 1 || value > 3650) {
      return usage_error("publish", "--expires-days must be a number from 1 to 3650");
    }
    days = static_cast<int>(value);
  }
  auto key = published::read_signing_key(*args.value("key"));
  if (!key) {
    std::cerr << "kioskctl publish: " << key.error().message << "\n";
    return 1;
  }
  const auto load = content::load_authoring_tree(args.positional[0]);
  if (!load.problems.empty()) {
    for (std::size_t i = 0; i < load.problems.size() && i < 100; ++i) {
      std::cerr << load.problems[i].to_string() << "\n";
    }
    std::cerr << "kioskctl publish: refused " << args.positional[0] << " (" << load.problems.size()
              << " problems); the repository was not changed\n";
    return 1;
  }
  auto report = published::publish(load.set, *args.value("repo"), *key, days, std::time(nullptr));
  if (!report) {
    std::cerr << "kioskctl publish: " << report.error().message << "\n";
    return 1;
  }
  std::cout << "published version " << report->version << " to " << *args.value("repo") << ": "
            << report->objects << " objects (" << report->new_objects << " new, " << report->changed
            << " items changed), expires " << report->expires << "\n";
  return 0;
}

int cmd_verify(int argc, char** argv) {
  auto parsed = parse_args(argc, argv, 2, {"repo", "trust"}, {});
  if (!parsed) return usage_error("verify", parsed.error().message);
  const Args& args = *parsed;
  if (!args.positional.empty() || !args.value("repo") || !args.value("trust")) {
    return usage_error("verify", "usage: kioskctl verify --repo DIR --trust FILE");
  }
  auto trust = published::read_public_key(*args.value("trust"));
  if (!trust) {
    std::cerr << "kioskctl verify: " << trust.error().message << "\n";
    return 1;
  }
  auto report = published::verify_repository(*args.value("repo"), *trust, std::time(nullptr));
  if (!report) {
    std::cerr << "kioskctl verify: refused: " << report.error().message << "\n";
    return 1;
  }
  std::cout << "ok: version " << report->head.version << ", " << report->head.objects
            << " objects, signed by " << trust->id << ", expires " << report->head.expires << "\n";
  return 0;
}

}  // namespace kioskctl
