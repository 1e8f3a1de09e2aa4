#pragma once
// A small argument reader shared by kioskctl's commands: `--name value`, `--name=value`,
// repeated options, bare flags and positionals. It knows nothing of any command.
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "registry.h"

namespace kiosk::ctl {

struct ArgSpec {
  std::vector<std::string> options;  // take a value: {"--port", "--baud"}
  std::vector<std::string> flags;    // take none:    {"--unmasked"}
};

class ParsedArgs {
 public:
  std::vector<std::string> positionals;

  bool has(const std::string& name) const { return m_values.contains(name); }
  std::optional<std::string> get(const std::string& name) const;
  std::vector<std::string> get_all(const std::string& name) const;
  // A whole number in [min, max]; an error message names the option otherwise.
  std::expected<std::optional<std::int64_t>, std::string> get_int(const std::string& name,
                                                                  std::int64_t min,
                                                                  std::int64_t max) const;

 private:
  friend std::expected<ParsedArgs, std::string> parse_args(const Args&, const ArgSpec&);
  std::map<std::string, std::vector<std::string>> m_values;
};

// Unknown options, a missing value: an error naming the argument.
std::expected<ParsedArgs, std::string> parse_args(const Args& args, const ArgSpec& spec);

// umask 077: every file and folder a command creates (databases, keys, exports) is the
// operator's alone. main() calls it before any command runs.
void private_files();

// Prints "kioskctl: <message>" to stderr and returns kExitUsage.
int usage_error(const std::string& message);

}  // namespace kiosk::ctl
