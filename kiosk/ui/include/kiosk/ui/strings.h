#pragma once
// The string catalogue: every word the screens show, per language, loaded at start from
// assets/i18n/<language>.toml. Keys are dotted ("attract.prompt").
#include <expected>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/session.h"

namespace kiosk::ui {

class Catalogue {
 public:
  // Reads zh-CN.toml and en.toml from DIR. A missing file or bad TOML is an error.
  static std::expected<Catalogue, std::string> load(const std::filesystem::path& dir);
  // The same from text (tests, fuzzing).
  static std::expected<Catalogue, std::string> parse(std::string_view zh_cn_toml,
                                                     std::string_view en_toml);

  // The text for KEY; a key missing from the catalogue shows as the key itself, so a
  // mistake is visible on screen instead of crashing.
  const std::string& text(std::string_view key, core::Language language) const;

  // Keys present in one language but not the other, as "en: attract.prompt".
  std::vector<std::string> missing_keys() const;
  // Every string of every language, concatenated: what the heading fonts must cover.
  std::string all_text() const;
  const std::map<std::string, std::string, std::less<>>& entries(core::Language language) const;

 private:
  static std::expected<Catalogue, std::string> from_texts(std::string_view zh_cn_toml,
                                                          const std::string& zh_cn_origin,
                                                          std::string_view en_toml,
                                                          const std::string& en_origin);
  std::map<std::string, std::string, std::less<>> m_zh_cn;
  std::map<std::string, std::string, std::less<>> m_en;
};

}  // namespace kiosk::ui
