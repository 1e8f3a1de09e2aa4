#include "drivers/printer/profile.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <toml++/toml.h>

namespace drivers::printer {
namespace {

std::unexpected<Error> fail(std::string_view source, std::string_view what) {
  return std::unexpected(Error{fmt::format("printer profile {}: {}", source, what)});
}

template <typename E>
std::optional<E> parse_enum(std::string_view text, std::initializer_list<E> values) {
  for (E value : values) {
    if (to_string(value) == text) return value;
  }
  return std::nullopt;
}

std::expected<FontCell, Error> read_cell(const toml::node_view<const toml::node>& node,
                                         FontCell fallback, std::string_view source,
                                         std::string_view key) {
  if (!node) return fallback;
  const auto* array = node.as_array();
  if (array == nullptr || array->size() != 2 || !array->is_homogeneous<int64_t>()) {
    return fail(source, fmt::format("fonts.{} must be [width, height] in dots", key));
  }
  FontCell cell{static_cast<int>(*array->get(0)->value<int64_t>()),
                static_cast<int>(*array->get(1)->value<int64_t>())};
  if (cell.width < 4 || cell.width > 64 || cell.height < 4 || cell.height > 64) {
    return fail(source, fmt::format("fonts.{} must be between 4 and 64 dots each way", key));
  }
  return cell;
}

std::expected<Profile, Error> from_table(const toml::table& table, std::string_view source) {
  Profile p = generic_80mm();
  auto id = table["id"].value<std::string>();
  if (!id || id->empty()) return fail(source, "needs an 'id' string such as \"generic-80mm\"");
  p.id = *id;
  p.name = table["name"].value_or(p.id);
  p.dots = static_cast<int>(table["dots"].value_or<int64_t>(p.dots));
  if (p.dots < 128 || p.dots > 1024 || p.dots % 8 != 0) {
    return fail(source, fmt::format("dots = {} must be a multiple of 8 from 128 to 1024", p.dots));
  }
  p.dpi = static_cast<int>(table["dpi"].value_or<int64_t>(p.dpi));
  auto a = read_cell(table["fonts"]["a"], p.font_a, source, "a");
  auto b = read_cell(table["fonts"]["b"], p.font_b, source, "b");
  auto h = read_cell(table["fonts"]["hanzi"], p.hanzi, source, "hanzi");
  if (!a) return std::unexpected(a.error());
  if (!b) return std::unexpected(b.error());
  if (!h) return std::unexpected(h.error());
  p.font_a = *a;
  p.font_b = *b;
  p.hanzi = *h;

  p.hanzi_mode = table["chinese"]["hanzi_mode"].value_or(p.hanzi_mode);
  std::string gb = table["chinese"]["gb_level"].value_or(std::string(to_string(p.gb_level)));
  auto level = parse_enum(gb, {GbLevel::none, GbLevel::gb2312, GbLevel::gbk, GbLevel::gb18030_2,
                               GbLevel::gb18030_4});
  if (!level) {
    return fail(source, fmt::format("chinese.gb_level '{}' is not one of none, gb2312, gbk, "
                                    "gb18030-2, gb18030-4", gb));
  }
  p.gb_level = *level;
  if (p.gb_level == GbLevel::none) p.hanzi_mode = false;

  p.native_qr = table["features"]["native_qr"].value_or(p.native_qr);
  std::string cut = table["features"]["cut"].value_or(std::string(to_string(p.cut)));
  auto cut_kind = parse_enum(cut, {CutKind::none, CutKind::full, CutKind::partial,
                                   CutKind::feed_full, CutKind::feed_partial});
  if (!cut_kind) {
    return fail(source, fmt::format("features.cut '{}' is not one of none, full, partial, "
                                    "feed-full, feed-partial", cut));
  }
  p.cut = *cut_kind;
  p.line_spacing = static_cast<int>(table["features"]["line_spacing"].value_or<int64_t>(30));
  p.image_band_rows = static_cast<int>(table["features"]["image_band_rows"].value_or<int64_t>(128));
  if (p.line_spacing < 0 || p.line_spacing > 255) {
    return fail(source, "features.line_spacing must be 0-255 dots");
  }
  if (p.image_band_rows < 8 || p.image_band_rows > 1024) {
    return fail(source, "features.image_band_rows must be 8-1024");
  }

  if (const auto* queries = table["status"]["dle_eot"].as_array()) {
    p.status_queries.clear();
    for (const auto& item : *queries) {
      auto n = item.value<int64_t>();
      if (!n || *n < 1 || *n > 4) return fail(source, "status.dle_eot lists numbers 1 to 4");
      p.status_queries.push_back(static_cast<int>(*n));
    }
  }
  p.answers_gs_r = table["status"]["gs_r"].value_or(p.answers_gs_r);
  return p;
}

}  // namespace

Profile generic_80mm() { return Profile{}; }

std::expected<Profile, Error> parse_profile(std::string_view toml_text, std::string_view source) {
  try {
    toml::table table = toml::parse(toml_text, source);
    return from_table(table, source);
  } catch (const toml::parse_error& e) {
    return fail(source, fmt::format("line {}: {}", e.source().begin.line, e.description()));
  }
}

std::expected<Profile, Error> load_profile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(file.string(), "cannot be read; check the path and its permissions");
  std::stringstream text;
  text << in.rdbuf();
  return parse_profile(text.str(), file.string());
}

std::expected<std::vector<Profile>, Error> load_profiles(const std::filesystem::path& folder) {
  std::error_code ec;
  std::vector<Profile> profiles;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.path().extension() != ".toml") continue;
    auto profile = load_profile(entry.path());
    if (!profile) return std::unexpected(profile.error());
    profiles.push_back(std::move(*profile));
  }
  if (ec) {
    return std::unexpected(
        Error{fmt::format("printer profiles folder {}: {}", folder.string(), ec.message())});
  }
  std::ranges::sort(profiles, {}, &Profile::id);
  return profiles;
}

std::expected<Profile, Error> find_profile(const std::filesystem::path& folder,
                                           std::string_view id) {
  auto profiles = load_profiles(folder);
  if (profiles) {
    for (auto& p : *profiles) {
      if (p.id == id) return p;
    }
  }
  if (id == generic_80mm().id) return generic_80mm();
  if (!profiles) return std::unexpected(profiles.error());
  return std::unexpected(Error{
      fmt::format("no printer profile '{}' in {}; the ids are the 'id' keys of its *.toml files",
                  id, folder.string())});
}

std::string_view to_string(GbLevel level) {
  switch (level) {
    case GbLevel::none: return "none";
    case GbLevel::gb2312: return "gb2312";
    case GbLevel::gbk: return "gbk";
    case GbLevel::gb18030_2: return "gb18030-2";
    case GbLevel::gb18030_4: return "gb18030-4";
  }
  return "?";
}

std::string_view to_string(CutKind cut) {
  switch (cut) {
    case CutKind::none: return "none";
    case CutKind::full: return "full";
    case CutKind::partial: return "partial";
    case CutKind::feed_full: return "feed-full";
    case CutKind::feed_partial: return "feed-partial";
  }
  return "?";
}

}  // namespace drivers::printer
