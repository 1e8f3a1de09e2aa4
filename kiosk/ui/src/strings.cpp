#include "kiosk/ui/strings.h"

#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <toml++/toml.h>

namespace kiosk::ui {
namespace {

using Entries = std::map<std::string, std::string, std::less<>>;

std::expected<void, std::string> flatten(const toml::table& table, const std::string& prefix,
                                         const std::string& origin, Entries& out) {
  for (const auto& [key, node] : table) {
    std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      if (auto nested = flatten(*sub, path, origin, out); !nested) return nested;
    } else if (auto text = node.value<std::string>(); text && node.is_string()) {
      out.emplace(path, *text);
    } else {
      return std::unexpected(fmt::format("{}:{}: {}: expected text in quotes", origin,
                                         node.source().begin.line, path));
    }
  }
  return {};
}

std::expected<Entries, std::string> parse_language(std::string_view text, const std::string& origin) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    return std::unexpected(fmt::format("{}:{}: not valid TOML: {}", origin, e.source().begin.line,
                                       e.description()));
  }
  Entries entries;
  if (auto ok = flatten(root, "", origin, entries); !ok) return std::unexpected(ok.error());
  return entries;
}

std::expected<std::string, std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(fmt::format("{}: cannot read the string catalogue", path.string()));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::expected<Catalogue, std::string> Catalogue::load(const std::filesystem::path& dir) {
  auto zh = read_file(dir / "zh-CN.toml");
  if (!zh) return std::unexpected(zh.error());
  auto en = read_file(dir / "en.toml");
  if (!en) return std::unexpected(en.error());
  return from_texts(*zh, (dir / "zh-CN.toml").string(), *en, (dir / "en.toml").string());
}

std::expected<Catalogue, std::string> Catalogue::parse(std::string_view zh_cn_toml,
                                                       std::string_view en_toml) {
  return from_texts(zh_cn_toml, "zh-CN.toml", en_toml, "en.toml");
}

std::expected<Catalogue, std::string> Catalogue::from_texts(std::string_view zh_cn_toml,
                                                            const std::string& zh_cn_origin,
                                                            std::string_view en_toml,
                                                            const std::string& en_origin) {
  auto zh = parse_language(zh_cn_toml, zh_cn_origin);
  if (!zh) return std::unexpected(zh.error());
  auto en = parse_language(en_toml, en_origin);
  if (!en) return std::unexpected(en.error());
  Catalogue catalogue;
  catalogue.m_zh_cn = std::move(*zh);
  catalogue.m_en = std::move(*en);
  return catalogue;
}

const std::map<std::string, std::string, std::less<>>& Catalogue::entries(core::Language language) const {
  return language == core::Language::zh_CN ? m_zh_cn : m_en;
}

const std::string& Catalogue::text(std::string_view key, core::Language language) const {
  const auto& table = entries(language);
  if (auto it = table.find(key); it != table.end()) return it->second;
  // Remember the miss so the returned reference stays valid.
  static thread_local std::map<std::string, std::string, std::less<>> missing;
  return missing.try_emplace(std::string(key), std::string(key)).first->second;
}

std::vector<std::string> Catalogue::missing_keys() const {
  std::vector<std::string> missing;
  for (const auto& [key, _] : m_zh_cn) {
    if (!m_en.contains(key)) missing.push_back("en: " + key);
  }
  for (const auto& [key, _] : m_en) {
    if (!m_zh_cn.contains(key)) missing.push_back("zh-CN: " + key);
  }
  return missing;
}

std::string Catalogue::all_text() const {
  std::string text;
  for (const auto* table : {&m_zh_cn, &m_en}) {
    for (const auto& [_, value] : *table) text += value;
  }
  return text;
}

}  // namespace kiosk::ui
