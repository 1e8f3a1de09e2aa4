#include "box_drawing.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace drivers::printer::detail {
namespace {

// U+2500-U+257F: the weight of the arm to the left, up, right and down of the centre:
// 0 none, 1 light, 2 heavy, 3 double; then 'd' when dashed, 'a' for arcs (drawn as
// corners), 'x' for the diagonals. From the Unicode character names.
constexpr std::array<const char*, 128> kArms = {
    "1010",  "2020",  "0101",  "0202",  "1010d", "2020d", "0101d", "0202d",  // 2500
    "1010d", "2020d", "0101d", "0202d", "0011",  "0021",  "0012",  "0022",   // 2508
    "1001",  "2001",  "1002",  "2002",  "0110",  "0120",  "0210",  "0220",   // 2510
    "1100",  "2100",  "1200",  "2200",  "0111",  "0121",  "0211",  "0112",   // 2518
    "0212",  "0221",  "0122",  "0222",  "1101",  "2101",  "1201",  "1102",   // 2520
    "1202",  "2201",  "2102",  "2202",  "1011",  "2011",  "1021",  "2021",   // 2528
    "1012",  "2012",  "1022",  "2022",  "1110",  "2110",  "1120",  "2120",   // 2530
    "1210",  "2210",  "1220",  "2220",  "1111",  "2111",  "1121",  "2121",   // 2538
    "1211",  "1112",  "1212",  "2211",  "1221",  "2112",  "1122",  "2221",   // 2540
    "2122",  "2212",  "1222",  "2222",  "1010d", "2020d", "0101d", "0202d",  // 2548
    "3030",  "0303",  "0031",  "0013",  "0033",  "3001",  "1003",  "3003",   // 2550
    "0130",  "0310",  "0330",  "3100",  "1300",  "3300",  "0131",  "0313",   // 2558
    "0333",  "3101",  "1303",  "3303",  "3031",  "1013",  "3033",  "3130",   // 2560
    "1310",  "3330",  "3131",  "1313",  "3333",  "0011a", "1001a", "1100a",  // 2568
    "0110a", "0000x", "0000x", "0000x", "1000",  "0100",  "0010",  "0001",   // 2570
    "2000",  "0200",  "0020",  "0002",  "1020",  "0102",  "2010",  "0201"};  // 2578

class Canvas {
 public:
  Canvas(int width, int height)
      : g{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width * height))} {}
  void fill(int x0, int y0, int x1, int y1) {
    for (int y = std::max(0, y0); y < std::min(g.height, y1); ++y) {
      for (int x = std::max(0, x0); x < std::min(g.width, x1); ++x) set(x, y);
    }
  }
  void set(int x, int y) {
    if (x >= 0 && y >= 0 && x < g.width && y < g.height)
      g.dots[static_cast<std::size_t>(y * g.width + x)] = 1;
  }
  void clear(int x, int y) { g.dots[static_cast<std::size_t>(y * g.width + x)] = 0; }
  Glyph g;
};

// The bands (start offset from the centre, thickness) of a line of that weight.
struct Band {
  int start;
  int size;
};
std::array<Band, 2> bands(int weight, int light) {
  switch (weight) {
    case 1: return {Band{-light / 2, light}, Band{0, 0}};
    case 2: return {Band{-light, 2 * light}, Band{0, 0}};
    case 3: return {Band{-light / 2 - light, light}, Band{-light / 2 + light, light}};
    default: return {Band{0, 0}, Band{0, 0}};
  }
}
// Where the widest of two crossing lines starts and ends, relative to the centre.
Band span_of(int a, int b, int light) {
  int weight = std::max(a, b);
  if (weight == 0) return {0, 0};
  auto bs = bands(weight, light);
  int end = weight == 3 ? bs[1].start + bs[1].size : bs[0].start + bs[0].size;
  return {bs[0].start, end - bs[0].start};
}

Glyph lines(const char* arms, int width, int height) {
  Canvas c(width, height);
  int light = std::max(1, height / 12);
  int cx = width / 2;
  int cy = height / 2;
  int left = arms[0] - '0', up = arms[1] - '0', right = arms[2] - '0', down = arms[3] - '0';
  char kind = arms[4];
  if (kind == 'x') return c.g;  // the diagonals are drawn by the caller
  // A horizontal arm reaches over the vertical line's width and the other way round.
  Band vertical = span_of(up, down, light);
  Band horizontal = span_of(left, right, light);
  auto horizontal_arm = [&](int weight, int x0, int x1) {
    for (Band b : bands(weight, light)) c.fill(x0, cy + b.start, x1, cy + b.start + b.size);
  };
  auto vertical_arm = [&](int weight, int y0, int y1) {
    for (Band b : bands(weight, light)) c.fill(cx + b.start, y0, cx + b.start + b.size, y1);
  };
  horizontal_arm(left, 0, cx + vertical.start + vertical.size);
  horizontal_arm(right, cx + vertical.start, width);
  vertical_arm(up, 0, cy + horizontal.start + horizontal.size);
  vertical_arm(down, cy + horizontal.start, height);
  if (kind == 'd') {
    // Dashed: gaps across the line, 3 dashes per cell.
    bool across = left || right;
    int length = across ? width : height;
    for (int i = 0; i < length; ++i) {
      if ((i * 6 / std::max(1, length)) % 2 == 0) continue;
      for (int j = 0; j < (across ? height : width); ++j) {
        if (across)
          c.clear(i, j);
        else
          c.clear(j, i);
      }
    }
  }
  return c.g;
}

Glyph diagonal(char32_t cp, int width, int height) {
  Canvas c(width, height);
  int light = std::max(1, height / 12);
  for (int y = 0; y < height; ++y) {
    int x = y * width / height;
    for (int t = 0; t < light; ++t) {
      if (cp != U'\u2571') c.set(x + t, y);              // ╲ and ╳
      if (cp != U'\u2572') c.set(width - 1 - x - t, y);  // ╱ and ╳
    }
  }
  return c.g;
}

Glyph block(char32_t cp, int w, int h) {
  Canvas c(w, h);
  int n = static_cast<int>(cp - 0x2580);
  auto eighths_from_bottom = [&](int k) { c.fill(0, h - h * k / 8, w, h); };
  auto eighths_from_left = [&](int k) { c.fill(0, 0, w * k / 8, h); };
  auto quadrants = [&](bool ul, bool ur, bool ll, bool lr) {
    if (ul) c.fill(0, 0, w / 2, h / 2);
    if (ur) c.fill(w / 2, 0, w, h / 2);
    if (ll) c.fill(0, h / 2, w / 2, h);
    if (lr) c.fill(w / 2, h / 2, w, h);
  };
  switch (n) {
    case 0x00: c.fill(0, 0, w, h / 2); break;  // ▀
    case 0x08: c.fill(0, 0, w, h); break;      // █
    case 0x10: c.fill(w / 2, 0, w, h); break;  // ▐
    case 0x11:                                 // ░ ▒ ▓
    case 0x12:
    case 0x13:
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
          bool on = n == 0x11   ? (x % 2 == 0 && y % 2 == 0)
                    : n == 0x12 ? (x + y) % 2 == 0
                                : !(x % 2 == 1 && y % 2 == 1);
          if (on) c.set(x, y);
        }
      }
      break;
    case 0x14: c.fill(0, 0, w, std::max(1, h / 8)); break;      // ▔
    case 0x15: c.fill(w - std::max(1, w / 8), 0, w, h); break;  // ▕
    case 0x16: quadrants(false, false, true, false); break;
    case 0x17: quadrants(false, false, false, true); break;
    case 0x18: quadrants(true, false, false, false); break;
    case 0x19: quadrants(true, false, true, true); break;
    case 0x1A: quadrants(true, false, false, true); break;
    case 0x1B: quadrants(true, true, true, false); break;
    case 0x1C: quadrants(true, true, false, true); break;
    case 0x1D: quadrants(false, true, false, false); break;
    case 0x1E: quadrants(false, true, true, false); break;
    case 0x1F: quadrants(false, true, true, true); break;
    default:
      if (n >= 0x01 && n <= 0x07) eighths_from_bottom(n);             // ▁ … ▇
      if (n >= 0x09 && n <= 0x0F) eighths_from_left(8 - (n - 0x08));  // ▉ … ▏
      break;
  }
  return c.g;
}

}  // namespace

std::optional<Glyph> box_drawing(char32_t cp, int width, int height) {
  if (cp < 0x2500 || cp > 0x259F) return std::nullopt;
  if (cp >= 0x2580) return block(cp, width, height);
  if (cp >= 0x2571 && cp <= 0x2573) return diagonal(cp, width, height);
  return lines(kArms[static_cast<std::size_t>(cp - 0x2500)], width, height);
}

}  // namespace drivers::printer::detail
