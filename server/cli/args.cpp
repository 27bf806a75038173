#include "args.hpp"

#include <iostream>

namespace kiosk_server::cli {

std::optional<std::string> Args::value(std::string_view name) const {
  const auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

content::Result<Args> parse_args(int argc, char** argv, int first,
                                 const std::set<std::string, std::less<>>& value_options,
                                 const std::set<std::string, std::less<>>& flag_options) {
  Args args;
  for (int i = first; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.size() < 3 || arg.rfind("--", 0) != 0) {
      args.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (value_options.count(name)) {
      if (inline_value) {
        args.values[name] = *inline_value;
      } else if (i + 1 < argc) {
        args.values[name] = argv[++i];
      } else {
        return content::Error{"--" + name + " needs a value"};
      }
    } else if (flag_options.count(name) && !inline_value) {
      args.flags.insert(name);
    } else {
      return content::Error{"unknown option --" + name};
    }
  }
  return args;
}

int usage_error(std::string_view command, const std::string& message) {
  std::cerr << "kiosk-server " << command << ": " << message << "\n"
            << "run \"kiosk-server --help\" for usage\n";
  return 2;
}

int failure(std::string_view command, const std::string& message) {
  std::cerr << "kiosk-server " << command << ": " << message << "\n";
  return 1;
}

}  // namespace kiosk_server::cli
