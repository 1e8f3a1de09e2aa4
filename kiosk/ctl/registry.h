#pragma once
// The table of kioskctl's top-level commands. A command file registers itself with
// KIOSKCTL_COMMAND; main() looks the first argument up here.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ctl {

// Exit codes shared by every command (issue texts fix some of them per command).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

using Args = std::vector<std::string>;

struct Command {
  std::string_view name;     // "idcard"
  std::string_view summary;  // one line for `kioskctl --help`
  int (*run)(const Args& args);  // args after the command name
};

bool register_command(const Command& command);
const Command* find_command(std::string_view name);
std::span<const Command> all_commands();

}  // namespace kiosk::ctl

#define KIOSKCTL_COMMAND(ident, name, summary, fn) \
  [[maybe_unused]] static const bool kioskctl_registered_##ident = \
      ::kiosk::ctl::register_command({name, summary, fn})
