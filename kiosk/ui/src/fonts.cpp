#include "kiosk/ui/fonts.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/core.h>
#include <imgui_freetype.h>

#include <imgui_internal.h>  // ImTextCharFromUtf8

namespace kiosk::ui {
namespace {

// Face 2 of the Noto CJK collection is Simplified Chinese (0 JP, 1 KR, 2 SC, 3 TC, 4 HK).
const std::vector<FontCandidate> kCandidates = {
    {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2},
    {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0},
};

// The ranges of the body font: Latin, punctuation, CJK symbols, the unified ideographs
// (U+4E00..U+9FAF, everything ImWchar16 can hold of them) and full-width forms.
constexpr ImWchar kFullCjkRanges[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1
    0x2000, 0x206F,  // General Punctuation (— … “ ”)
    0x2190, 0x21FF,  // Arrows
    0x2460, 0x24FF,  // Enclosed numbers ①
    0x25A0, 0x25FF,  // Geometric shapes ● ○
    0x3000, 0x30FF,  // CJK symbols and punctuation (、。《》「」)
    0x4E00, 0x9FAF,  // CJK unified ideographs
    0xFF00, 0xFFEF,  // Full-width forms (，：（）)
    0,
};

std::shared_ptr<ImVector<ImWchar>> ranges_for(ImFontAtlas& atlas, std::string_view text) {
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(atlas.GetGlyphRangesDefault());
  builder.AddText(text.data(), text.data() + text.size());
  builder.AddText("：，。·…？");
  auto ranges = std::make_shared<ImVector<ImWchar>>();
  builder.BuildRanges(ranges.get());
  return ranges;
}

ImFont* add_font(ImFontAtlas& atlas, const FontFile& file, int px, const ImWchar* ranges) {
  ImFontConfig config;
  config.FontData = file.data();
  config.FontDataSize = static_cast<int>(file.size());
  config.FontDataOwnedByAtlas = false;  // the mapping is shared by every size
  config.FontNo = file.face_index();
  config.SizePixels = static_cast<float>(px);
  config.OversampleH = config.OversampleV = 1;
  config.PixelSnapH = true;
  config.GlyphRanges = ranges;
  fmt::format_to_n(config.Name, sizeof(config.Name) - 1, "{}px", px);
  return atlas.AddFont(&config);
}

}  // namespace

std::expected<FontFile, std::string> FontFile::open(const std::string& path, int face_index) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(fmt::format("{}: {}", path, std::strerror(errno)));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || info.st_size <= 0) {
    ::close(fd);
    return std::unexpected(fmt::format("{}: empty or unreadable font file", path));
  }
  // Mapped, not read: pages are shared with the page cache and only touched glyphs load.
  void* data =
      ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (data == MAP_FAILED) return std::unexpected(fmt::format("{}: {}", path, std::strerror(errno)));
  return FontFile(data, static_cast<std::size_t>(info.st_size), face_index, path);
}

std::expected<FontFile, std::string> FontFile::find(const std::string& configured_path) {
  // A configured font that is gone falls back to the packaged ones: a terminal that shows
  // Chinese in another face is better than one that does not start.
  std::vector<FontCandidate> candidates;
  if (!configured_path.empty()) {
    candidates.push_back(
        {configured_path, configured_path.ends_with("NotoSansCJK-Regular.ttc") ? 2 : 0});
  }
  candidates.insert(candidates.end(), kCandidates.begin(), kCandidates.end());
  return find_in(candidates);
}

std::expected<FontFile, std::string> FontFile::find_in(
    const std::vector<FontCandidate>& candidates) {
  std::string looked;
  for (const auto& candidate : candidates) {
    if (auto file = open(candidate.path, candidate.face_index)) return file;
    looked += (looked.empty() ? "" : ", ") + candidate.path;
  }
  return std::unexpected(fmt::format(
      "no Chinese font found (looked for {}); install the Debian package fonts-noto-cjk "
      "(or fonts-wqy-microhei): sudo apt-get install fonts-noto-cjk",
      looked));
}

FontFile::FontFile(FontFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)),
      m_size(std::exchange(other.m_size, 0)),
      m_face(other.m_face),
      m_path(std::move(other.m_path)) {}

FontFile::~FontFile() {
  if (m_data != nullptr) ::munmap(m_data, m_size);
}

std::expected<FontSet, std::string> build_fonts(ImFontAtlas& atlas, const FontFile& file,
                                                const FontSizes& sizes, std::string_view app_text,
                                                BodyCoverage coverage, int max_texture_px) {
  atlas.Clear();
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  atlas.TexDesiredWidth = coverage == BodyCoverage::full_cjk ? 4096 : 0;

  FontSet fonts;
  fonts.coverage = coverage;
  fonts.heading_ranges = ranges_for(atlas, app_text);
  const ImWchar* body_ranges = fonts.heading_ranges->Data;
  if (coverage == BodyCoverage::app_text) {
    fonts.body_ranges = fonts.heading_ranges;
  } else {
    body_ranges = kFullCjkRanges;
  }
  // The body font goes first: it is the default font.
  fonts.body = add_font(atlas, file, sizes.body_px, body_ranges);
  fonts.heading = add_font(atlas, file, sizes.heading_px, fonts.heading_ranges->Data);
  fonts.display_ranges = std::make_shared<ImVector<ImWchar>>();
  {
    ImFontGlyphRangesBuilder digits;
    digits.AddText(kDisplayText);
    digits.BuildRanges(fonts.display_ranges.get());
  }
  fonts.display = add_font(atlas, file, sizes.display_px, fonts.display_ranges->Data);
  // Large text (大字): the app's own strings only; outside text (a name, a hospital) is drawn
  // with the body font scaled up (widgets/text.cpp), so the atlas stays within 4096 px.
  fonts.body_large = add_font(atlas, file, sizes.large_body_px, fonts.heading_ranges->Data);
  fonts.heading_large = add_font(atlas, file, sizes.large_heading_px, fonts.heading_ranges->Data);
  if (!fonts.body || !fonts.heading || !fonts.display || !fonts.body_large ||
      !fonts.heading_large || !atlas.Build()) {
    return std::unexpected(fmt::format("{}: FreeType could not build the font atlas", file.path()));
  }
  if (atlas.TexHeight > max_texture_px || atlas.TexWidth > max_texture_px) {
    return std::unexpected(fmt::format(
        "the font atlas ({}x{}) exceeds the GPU's texture limit of {} px; lower display.body_px",
        atlas.TexWidth, atlas.TexHeight, max_texture_px));
  }
  return fonts;
}

FontSet for_text_size(const FontSet& fonts, bool large) {
  if (!large || fonts.body_large == nullptr || fonts.heading_large == nullptr) return fonts;
  FontSet out = fonts;
  out.body = fonts.body_large;
  out.heading = fonts.heading_large;
  return out;
}

std::u32string missing_glyphs(const ImFont& font, std::string_view text) {
  std::u32string missing;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    unsigned int c = 0;
    p += ImTextCharFromUtf8(&c, p, end);
    if (c < 0x20) continue;
    // ImWchar is 16-bit in Debian's build: ImGui reads anything beyond as U+FFFD.
    if (c == IM_UNICODE_CODEPOINT_INVALID ||
        font.FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) {
      missing.push_back(c);
    }
  }
  return missing;
}

}  // namespace kiosk::ui
