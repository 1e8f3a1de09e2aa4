#pragma once
// Reads back the text a rendered ImGui frame draws, from the frame's own output: the vertex
// buffers of ImDrawData. ImFont::RenderText emits each visible glyph as one quad of four
// vertices whose UVs are exactly the glyph's rectangle in the font atlas, in the order
// (U0,V0) (U1,V0) (U1,V1) (U0,V1). Matching those quads against every baked glyph of every
// font in the atlas recovers the code points in drawing order. Rectangles, lines and
// rounded shapes sample the atlas's single white pixel, so they never match a glyph and
// end a run. Spaces are invisible glyphs and emit no quad, so runs carry no spaces.
//
// This observes what reaches the GPU, not what the screen code meant to pass to ImGui: a
// name drawn by any path (AddText, ImGui::Text, a fallback font) shows up, and a name that
// is computed but never drawn does not.
#include <array>
#include <map>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>

namespace kiosk::ui::testing {

// ImGui's own UTF-8 encoder, so the read-back adds no code of its own to trust.
inline std::string to_utf8(const std::u32string& text) {
  std::string out;
  char buf[5];
  for (char32_t cp : text) out += ImTextCharToUtf8(buf, static_cast<unsigned int>(cp));
  return out;
}

// Every glyph run drawn in DATA, as UTF-8, one run per line, draw lists in render order.
inline std::string drawn_text(const ImDrawData& data, const ImFontAtlas& atlas) {
  using Key = std::array<float, 4>;
  std::map<Key, char32_t> glyphs;
  for (const ImFont* font : atlas.Fonts) {
    for (const ImFontGlyph& g : font->Glyphs) {
      if (g.Visible)
        glyphs.emplace(Key{g.U0, g.V0, g.U1, g.V1}, static_cast<char32_t>(g.Codepoint));
    }
  }
  std::string out;
  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImVector<ImDrawVert>& v = data.CmdLists[l]->VtxBuffer;
    std::u32string run;
    auto end_run = [&] {
      if (!run.empty()) out += to_utf8(run) + "\n";
      run.clear();
    };
    int i = 0;
    while (i < v.Size) {
      if (i + 3 < v.Size) {
        const ImVec2 a = v[i].uv, b = v[i + 1].uv, c = v[i + 2].uv, d = v[i + 3].uv;
        bool quad = b.x == c.x && a.x == d.x && a.y == b.y && c.y == d.y;
        auto found = quad ? glyphs.find(Key{a.x, a.y, c.x, c.y}) : glyphs.end();
        if (found != glyphs.end()) {
          run.push_back(found->second);
          i += 4;
          continue;
        }
      }
      end_run();
      ++i;
    }
    end_run();
  }
  return out;
}

// How many glyphs DATA draws at each text size, in whole pixels: a glyph's quad on screen
// against its bitmap in the atlas gives the scale it was drawn at, times its font's size.
inline std::map<int, int> drawn_text_sizes(const ImDrawData& data, const ImFontAtlas& atlas) {
  using Key = std::array<float, 4>;
  std::map<Key, std::pair<const ImFont*, const ImFontGlyph*>> glyphs;
  for (const ImFont* font : atlas.Fonts) {
    for (const ImFontGlyph& g : font->Glyphs) {
      if (g.Visible) glyphs.emplace(Key{g.U0, g.V0, g.U1, g.V1}, std::pair(font, &g));
    }
  }
  std::map<int, int> sizes;
  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImVector<ImDrawVert>& v = data.CmdLists[l]->VtxBuffer;
    for (int i = 0; i + 3 < v.Size;) {
      const ImVec2 a = v[i].uv, b = v[i + 1].uv, c = v[i + 2].uv, d = v[i + 3].uv;
      const bool quad = b.x == c.x && a.x == d.x && a.y == b.y && c.y == d.y;
      auto found = quad ? glyphs.find(Key{a.x, a.y, c.x, c.y}) : glyphs.end();
      if (found == glyphs.end()) {
        ++i;
        continue;
      }
      const auto [font, glyph] = found->second;
      const float native_h = glyph->Y1 - glyph->Y0;
      if (native_h > 0.0f) {
        const float drawn_h = v[i + 2].pos.y - v[i].pos.y;
        ++sizes[static_cast<int>(font->FontSize * drawn_h / native_h + 0.5f)];
      }
      i += 4;
    }
  }
  return sizes;
}

}  // namespace kiosk::ui::testing
