#include "openapi_check.h"

#include <regex>
#include <sstream>
#include <vector>

#include <fmt/core.h>

namespace kiosk::test {
namespace {
std::size_t indent(const std::string& line) {
  const auto first = line.find_first_not_of(' ');
  return first == std::string::npos ? line.size() : first;
}

// The lines nested under the first line equal to `header` (after `from`), or empty.
std::vector<std::string> block(const std::vector<std::string>& lines, const std::string& header) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] != header) continue;
    const std::size_t level = indent(header);
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      if (!lines[j].empty() && lines[j].find_first_not_of(' ') != std::string::npos &&
          indent(lines[j]) <= level) {
        break;
      }
      out.push_back(lines[j]);
    }
    break;
  }
  return out;
}
}  // namespace

bool OpenApi::declares(const std::string& path, const std::string& method, int status) const {
  std::vector<std::string> lines;
  std::istringstream in(m_text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const auto path_block = block(lines, fmt::format("  {}:", path));
  const auto method_block = block(path_block, fmt::format("    {}:", method));
  const auto responses = block(method_block, "      responses:");
  const std::string key = fmt::format("        '{}':", status);
  for (const auto& line : responses) {
    if (line.starts_with(key)) return true;
  }
  return false;
}

std::set<std::string> OpenApi::schema_refs() const {
  std::set<std::string> refs;
  static const std::regex ref(R"(schemas\.json#/\$defs/([A-Za-z]+))");
  for (auto it = std::sregex_iterator(m_text.begin(), m_text.end(), ref);
       it != std::sregex_iterator(); ++it) {
    refs.insert((*it)[1]);
  }
  return refs;
}

}  // namespace kiosk::test
