#include "registry.h"

#include <algorithm>

namespace kiosk::ctl {
namespace {
// Function-local so that registration from other files' static initialisers is safe.
std::vector<Command>& table() {
  static std::vector<Command> commands;
  return commands;
}
}  // namespace

bool register_command(const Command& command) {
  auto& commands = table();
  commands.push_back(command);
  std::ranges::sort(commands, {}, &Command::name);
  return true;
}

const Command* find_command(std::string_view name) {
  for (const auto& command : table()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

std::span<const Command> all_commands() { return table(); }

}  // namespace kiosk::ctl
