#include "args.h"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>

#include <fmt/core.h>

namespace kiosk::ctl {
namespace {
bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::ranges::find(list, item) != list.end();
}
}  // namespace

void private_files() {
  ::umask(077);
}

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  auto it = m_values.find(name);
  if (it == m_values.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ParsedArgs::get_all(const std::string& name) const {
  auto it = m_values.find(name);
  return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

std::expected<std::optional<std::int64_t>, std::string> ParsedArgs::get_int(
    const std::string& name, std::int64_t min, std::int64_t max) const {
  auto text = get(name);
  if (!text) return std::optional<std::int64_t>{};
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < min || value > max) {
    return std::unexpected(
        fmt::format("{} expects a whole number from {} to {}, got '{}'", name, min, max, *text));
  }
  return std::optional<std::int64_t>{value};
}

std::expected<ParsedArgs, std::string> parse_args(const Args& args, const ArgSpec& spec) {
  ParsedArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      parsed.positionals.insert(parsed.positionals.end(), args.begin() + i + 1, args.end());
      break;
    }
    if (!arg.starts_with("--")) {
      parsed.positionals.push_back(arg);
      continue;
    }
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    if (contains(spec.flags, name) && !inline_value) {
      parsed.m_values[name].push_back("");
    } else if (contains(spec.options, name)) {
      if (inline_value) {
        parsed.m_values[name].push_back(*inline_value);
      } else if (i + 1 < args.size()) {
        parsed.m_values[name].push_back(args[++i]);
      } else {
        return std::unexpected(fmt::format("{} needs a value", name));
      }
    } else {
      return std::unexpected(fmt::format("unknown option {}", arg));
    }
  }
  return parsed;
}

int usage_error(const std::string& message) {
  fmt::print(stderr, "kioskctl: {}\n", message);
  return kExitUsage;
}

}  // namespace kiosk::ctl
