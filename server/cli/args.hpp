// Command-line arguments of kiosk-server: positionals and --options.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "content/result.hpp"

namespace kiosk_server::cli {

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string, std::less<>> values;  // --name VALUE or --name=VALUE
  std::set<std::string, std::less<>> flags;                // --name

  std::optional<std::string> value(std::string_view name) const;
  bool flag(std::string_view name) const { return flags.count(name) > 0; }
};

// Parses argv[first..]. `value_options` take a value, `flag_options` do not;
// any other "--name" is an error.
content::Result<Args> parse_args(int argc, char** argv, int first,
                                 const std::set<std::string, std::less<>>& value_options,
                                 const std::set<std::string, std::less<>>& flag_options);

// Reports a usage error on stderr with a pointer to --help; returns 2.
int usage_error(std::string_view command, const std::string& message);

// Reports a failure on stderr; returns 1.
int failure(std::string_view command, const std::string& message);

}  // namespace kiosk_server::cli
