#pragma once
// The font atlas on the GPU as one byte per pixel. The stock backend uploads RGBA: four
// times the memory for the same glyph coverage (64 MB instead of 16 MB for the full CJK
// range at 36 px); a swizzle makes the single channel read as white with alpha.
#include <imgui.h>

namespace kiosk::app {

// Uploads ATLAS's alpha pixels, frees the CPU copy and returns the GL texture name.
unsigned upload_font_atlas(ImFontAtlas& atlas);
void delete_texture(unsigned texture);
// GL_MAX_TEXTURE_SIZE of the current context.
int max_texture_size();

}  // namespace kiosk::app
