// kiosk-server user: the staff console's accounts.
#include <cstdio>
#include <iostream>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "console/accounts.hpp"
#include "console/console_store.hpp"
#include "kiosk_server/utc_time.hpp"

namespace kiosk_server::cli {
namespace {

using namespace kiosk_server::console;

// The first line of standard input, without its line end.
std::string password_from_stdin() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int cmd_user(int argc, char** argv) {
  const std::string usage =
      "usage: kiosk-server user add|list|disable|password [NAME] --db FILE "
      "[--role ROLE] [--password-stdin]";
  if (argc < 3) return usage_error("user", usage);
  const std::string verb = argv[2];
  auto args = parse_args(argc, argv, 3, {"db", "role"}, {"password-stdin"});
  if (!args) return usage_error("user", args.error().message);
  const auto db = args->value("db");
  if (!db) return usage_error("user " + verb, "--db FILE is required");
  const bool wants_name = verb == "add" || verb == "disable" || verb == "password";
  if (verb != "list" && !wants_name)
    return usage_error("user", "unknown command \"" + verb + "\"; " + usage);
  if (args->positional.size() != (wants_name ? 1u : 0u)) return usage_error("user " + verb, usage);
  if ((verb == "add" || verb == "password") && !args->flag("password-stdin")) {
    return usage_error("user " + verb, "give the password on standard input with --password-stdin");
  }
  if (verb != "add" && args->value("role"))
    return usage_error("user " + verb, "--role is for user add");

  auto store = open_sqlite_console_store(*db);
  if (!store) return failure("user", store.error().message);
  auto& s = **store;
  SystemClock clock;

  if (verb == "list") {
    auto users = s.users();
    if (!users) return failure("user list", users.error().message);
    for (const auto& u : *users) {
      std::printf("%-24s %-10s %s%s\n", u.name.c_str(), u.role.c_str(), u.created.c_str(),
                  u.disabled ? "  disabled" : "");
    }
    return 0;
  }
  const std::string name = args->positional[0];
  if (const auto problem = user_name_problem(name); !problem.empty()) {
    return usage_error("user " + verb, problem);
  }
  auto existing = s.find_user(name);
  if (!existing) return failure("user " + verb, existing.error().message);
  const auto audit = [&](const std::string& action, const std::string& detail) {
    (void)s.append_audit({0, format_utc(clock.now()), "(command line)", "", action, name, detail});
  };

  if (verb == "disable") {
    if (!*existing) return failure("user disable", "no user \"" + name + "\"");
    if (!s.set_disabled(name, true) || !s.end_sessions(name)) {
      return failure("user disable", "the database could not be written");
    }
    audit("user-disable", "");
    std::printf("disabled %s; its sessions have ended\n", name.c_str());
    return 0;
  }

  const auto password = password_from_stdin();
  if (const auto problem = password_problem(password); !problem.empty()) {
    return failure("user " + verb, problem);
  }
  auto hash = hash_password(password);
  if (!hash) return failure("user " + verb, hash.error().message);

  if (verb == "password") {
    if (!*existing) return failure("user password", "no user \"" + name + "\"");
    if (!s.set_password(name, *hash) || !s.end_sessions(name)) {
      return failure("user password", "the database could not be written");
    }
    audit("user-password", "set from the command line; every session ended");
    std::printf("password of %s changed; its sessions have ended\n", name.c_str());
    return 0;
  }
  const auto role = args->value("role");
  if (!role || !parse_role(*role)) {
    return usage_error("user add", "--role must be viewer, editor, publisher or admin");
  }
  if (*existing) return failure("user add", "a user \"" + name + "\" exists already");
  if (auto st = s.add_user({name, *role, *hash, format_utc(clock.now()), false}); !st) {
    return failure("user add", st.error().message);
  }
  audit("user-add", "role " + *role);
  std::printf("added %s (%s)\n", name.c_str(), role->c_str());
  return 0;
}

}  // namespace kiosk_server::cli
