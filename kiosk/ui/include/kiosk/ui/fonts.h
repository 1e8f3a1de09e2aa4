#pragma once
// Fonts for Chinese screens on Dear ImGui 1.86 (see shared/reference/imgui-kiosk.md §2):
// Noto Sans CJK SC through FreeType, the file mapped into memory once and shared by every
// size and every rebuild; headings baked only from the app's own strings; the body font
// with the whole CJK range so that any name or address can be shown.
#include <cstddef>
#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace kiosk::ui {

struct FontCandidate {
  std::string path;
  int face_index = 0;  // inside a .ttc collection
};

class FontFile {
 public:
  // CONFIGURED (may be empty) first, then Noto Sans CJK SC, then WenQuanYi Micro Hei.
  // The error names the Debian packages to install.
  static std::expected<FontFile, std::string> find(const std::string& configured_path);
  // The first of CANDIDATES that opens.
  static std::expected<FontFile, std::string> find_in(const std::vector<FontCandidate>& candidates);
  static std::expected<FontFile, std::string> open(const std::string& path, int face_index);

  FontFile(FontFile&& other) noexcept;
  FontFile& operator=(FontFile&&) = delete;
  FontFile(const FontFile&) = delete;
  ~FontFile();

  void* data() const { return m_data; }
  std::size_t size() const { return m_size; }
  int face_index() const { return m_face; }
  const std::string& path() const { return m_path; }

 private:
  FontFile(void* data, std::size_t size, int face, std::string path)
      : m_data(data), m_size(size), m_face(face), m_path(std::move(path)) {}
  void* m_data = nullptr;
  std::size_t m_size = 0;
  int m_face = 0;
  std::string m_path;
};

struct FontSizes {
  int body_px = 36;
  int heading_px = 64;
  int display_px = 112;
  // Large-text mode (大字): body text at least 44 px on a 1080-wide panel, headings larger.
  int large_body_px = 46;
  int large_heading_px = 76;
};

// What the body font covers. The first frame only needs the app's own strings (fast to
// build); the full CJK range (~0.5 s to build) is made in the background before any name
// or address has to be shown.
enum class BodyCoverage { app_text, full_cjk };

// The display font is the clock's: only these characters are baked at that size.
inline constexpr const char* kDisplayText = "0123456789: ";

// The fonts the screens draw with. In large-text mode the screens get body_large and
// heading_large in place of body and heading (for_text_size).
struct FontSet {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  ImFont* display = nullptr;        // kDisplayText only
  ImFont* body_large = nullptr;     // large-text mode; the app's strings only
  ImFont* heading_large = nullptr;  // large-text mode; the app's strings only
  BodyCoverage coverage = BodyCoverage::app_text;
  // Glyph ranges must outlive the atlas's use of them.
  std::shared_ptr<ImVector<ImWchar>> heading_ranges;
  std::shared_ptr<ImVector<ImWchar>> body_ranges;
  std::shared_ptr<ImVector<ImWchar>> display_ranges;
};

// FONTS as the screens use them at SIZE: large text swaps in the large body and heading.
FontSet for_text_size(const FontSet& fonts, bool large);

// Clears ATLAS, adds the fonts and builds it (FreeType, no power-of-two height).
// APP_TEXT is every string the screens may show (catalogue, centre name). Fails when the
// atlas would be taller than MAX_TEXTURE_PX, the GPU's limit.
std::expected<FontSet, std::string> build_fonts(ImFontAtlas& atlas, const FontFile& file,
                                                const FontSizes& sizes, std::string_view app_text,
                                                BodyCoverage coverage, int max_texture_px);

// The characters of TEXT that FONT has no glyph for (tests; logging of odd names).
std::u32string missing_glyphs(const ImFont& font, std::string_view text);

}  // namespace kiosk::ui
