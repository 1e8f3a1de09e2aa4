#include "glyphs.h"

#include "box_drawing.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <tuple>

#include <fmt/core.h>

namespace drivers::printer::detail {
namespace {

class Font {
 public:
  Font() {
    const char* path = std::getenv("KIOSK_PRINTER_FONT");
    const char* face_env = std::getenv("KIOSK_PRINTER_FONT_FACE");
    std::string file = path && *path ? path : kDefaultFont;
    long face = face_env && *face_env ? std::strtol(face_env, nullptr, 10) : kDefaultFace;
    if (FT_Init_FreeType(&m_library) != 0) {
      m_problem = "FreeType could not start";
      return;
    }
    if (FT_New_Face(m_library, file.c_str(), face, &m_face) != 0) {
      m_problem = fmt::format("cannot load font {} (face {}); install fonts-noto-cjk", file, face);
      m_face = nullptr;
    }
  }
  ~Font() {
    if (m_face) FT_Done_Face(m_face);
    if (m_library) FT_Done_FreeType(m_library);
  }

  std::shared_ptr<const Glyph> get(char32_t cp, int width, int height) {
    std::lock_guard lock(m_mutex);
    auto key = std::make_tuple(cp, width, height);
    if (auto it = m_cache.find(key); it != m_cache.end()) return it->second;
    auto g = std::make_shared<Glyph>(render(cp, width, height));
    if (m_cache.size() < 50000) m_cache.emplace(key, g);
    return g;
  }

  std::string problem() const { return m_problem; }

 private:
  Glyph render(char32_t cp, int width, int height) {
    Glyph g{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width * height))};
    if (cp == U' ' || cp == U'\u3000') return g;
    if (auto drawn = box_drawing(cp, width, height)) return std::move(*drawn);
    FT_UInt index = m_face ? FT_Get_Char_Index(m_face, cp) : 0;
    if (index == 0) {
      draw_box(g);
      return g;
    }
    bool wide = width >= height;
    // Latin glyphs get a smaller em so that descenders stay inside the cell; Hanzi fill it
    // but for a dot of air on each side, as printer fonts do.
    int em = wide ? height - 2 : height * 5 / 6;
    int baseline = wide ? 1 + (em * 88 + 50) / 100 : (height * 4 + 2) / 5;
    if (FT_Set_Pixel_Sizes(m_face, 0, static_cast<FT_UInt>(em)) != 0 ||
        FT_Load_Glyph(m_face, index, FT_LOAD_DEFAULT) != 0 ||
        FT_Render_Glyph(m_face->glyph, FT_RENDER_MODE_NORMAL) != 0) {
      draw_box(g);
      return g;
    }
    const FT_Bitmap& bm = m_face->glyph->bitmap;
    int bw = static_cast<int>(bm.width);
    int bh = static_cast<int>(bm.rows);
    if (bw == 0 || bh == 0) return g;
    // Too wide for the cell (W, M in a 12-dot cell): squeeze horizontally.
    int out_w = std::min(bw, width - (wide ? 0 : 1));
    out_w = std::max(out_w, 1);
    int x0 = (width - out_w) / 2;
    int y0 = baseline - m_face->glyph->bitmap_top;
    for (int y = 0; y < bh; ++y) {
      int ty = y0 + y;
      if (ty < 0 || ty >= height) continue;
      for (int x = 0; x < out_w; ++x) {
        int sx = out_w == bw ? x : x * bw / out_w;
        unsigned char v = bm.buffer[y * bm.pitch + sx];
        if (out_w != bw && sx + 1 < bw) v = std::max(v, bm.buffer[y * bm.pitch + sx + 1]);
        if (v >= 100) g.dots[static_cast<std::size_t>(ty * width + x0 + x)] = 1;
      }
    }
    return g;
  }

  static void draw_box(Glyph& g) {
    g.missing = true;
    for (int y = 2; y < g.height - 2; ++y) {
      for (int x = 1; x < g.width - 1; ++x) {
        bool edge = y == 2 || y == g.height - 3 || x == 1 || x == g.width - 2;
        if (edge) g.dots[static_cast<std::size_t>(y * g.width + x)] = 1;
      }
    }
  }

  FT_Library m_library = nullptr;
  FT_Face m_face = nullptr;
  std::string m_problem;
  std::mutex m_mutex;
  std::map<std::tuple<char32_t, int, int>, std::shared_ptr<const Glyph>> m_cache;
};

Font& font() {
  static Font instance;
  return instance;
}

}  // namespace

std::shared_ptr<const Glyph> glyph(char32_t cp, int width, int height) {
  width = std::clamp(width, 1, 64);
  height = std::clamp(height, 1, 64);
  return font().get(cp, width, height);
}

std::string font_problem() {
  return font().problem();
}

}  // namespace drivers::printer::detail
