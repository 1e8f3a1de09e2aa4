#include "drivers/printer/encoder.h"

#include <algorithm>

#include <fmt/core.h>

#include "base/utf8.h"
#include "drivers/printer/text.h"
#include "gb18030.h"
#include "glyphs.h"
#include "qr.h"

namespace drivers::printer {
namespace {

using Bytes = std::vector<std::uint8_t>;

void put(Bytes& out, std::initializer_list<int> values) {
  for (int v : values) out.push_back(static_cast<std::uint8_t>(v));
}

int align_byte(Align a) {
  return a == Align::left ? 0 : a == Align::center ? 1 : 2;
}

class Encoder {
 public:
  explicit Encoder(const Profile& profile) : m_p(profile) { m_out.bytes = prologue(profile); }

  std::expected<void, Error> add(const Text& t) {
    set_style(t.style, t.align);
    for (const auto& line : wrap_text(t.utf8, columns(t.style))) emit_line(line, t.style);
    return {};
  }

  std::expected<void, Error> add(const Row& r);
  std::expected<void, Error> add(const Separator& s) {
    int count = columns({}) / std::max(1, char_columns(s.ch));
    std::u32string line(static_cast<std::size_t>(count), s.ch);
    set_style({}, Align::left);
    emit_line(base::utf8_encode(line), {});
    return {};
  }
  std::expected<void, Error> add(const Qr& q);
  std::expected<void, Error> add(const Barcode& b);
  std::expected<void, Error> add(const Image& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.dots.size() != static_cast<std::size_t>(image.width * image.height)) {
      return std::unexpected(Error{"image has no dots or its size does not match its data"});
    }
    if (image.width > m_p.dots) {
      return std::unexpected(
          Error{fmt::format("image is {} dots wide; the paper takes {}: scale it down first",
                            image.width, m_p.dots)});
    }
    put(m_out.bytes, {0x1B, 0x61, align_byte(image.align)});
    raster(image);
    return {};
  }
  std::expected<void, Error> add(const Feed& f) {
    put(m_out.bytes, {0x1B, 0x64, std::clamp(f.lines, 0, 255)});
    return {};
  }
  std::expected<void, Error> add(const Cut&) {
    switch (m_p.cut) {
      case CutKind::none: break;
      case CutKind::full: put(m_out.bytes, {0x1D, 0x56, 0x00}); break;
      case CutKind::partial: put(m_out.bytes, {0x1D, 0x56, 0x01}); break;
      case CutKind::feed_full: put(m_out.bytes, {0x1D, 0x56, 0x41, 0x00}); break;
      case CutKind::feed_partial: put(m_out.bytes, {0x1D, 0x56, 0x42, 0x00}); break;
    }
    return {};
  }

  Encoded take() { return std::move(m_out); }

 private:
  int columns(const Style& s) const { return m_p.columns() / (s.double_width ? 2 : 1); }

  void set_style(const Style& s, Align align) {
    put(m_out.bytes, {0x1B, 0x61, align_byte(align)});
    put(m_out.bytes, {0x1D, 0x21, (s.double_width ? 0x10 : 0) | (s.double_height ? 0x01 : 0)});
    put(m_out.bytes, {0x1B, 0x45, s.bold ? 1 : 0});
    put(m_out.bytes, {0x1B, 0x2D, s.underline ? 1 : 0});
    if (m_p.hanzi_mode) put(m_out.bytes, {0x1C, 0x2D, s.underline ? 1 : 0});
  }

  // One wrapped line: as text when every character is printable, else as an image.
  void emit_line(const std::string& utf8, const Style& style) {
    std::u32string text = base::utf8_decode(utf8);
    std::string bytes;
    bool as_image = false;
    for (char32_t cp : text) {
      if (char_columns(cp) == 0) continue;
      auto gb = m_gb.encode(cp);
      bool ok = gb && (cp < 0x80 || (m_p.hanzi_mode && detail::printable_at(m_p.gb_level, *gb)));
      if (!ok) {
        as_image = true;
        if (std::ranges::find(m_out.unprintable, cp) == m_out.unprintable.end()) {
          m_out.unprintable.push_back(cp);
        }
        continue;
      }
      bytes += *gb;
    }
    if (!as_image) {
      m_out.bytes.insert(m_out.bytes.end(), bytes.begin(), bytes.end());
      m_out.bytes.push_back(0x0A);
      return;
    }
    Image image = line_image(text, style);
    raster(image);
    int gap = m_p.line_spacing - image.height;
    if (gap > 0) put(m_out.bytes, {0x1B, 0x4A, gap});
  }

  Image line_image(const std::u32string& text, const Style& style) const {
    int sx = style.double_width ? 2 : 1;
    int sy = style.double_height ? 2 : 1;
    int cols = 0;
    for (char32_t cp : text) cols += char_columns(cp);
    Image image;
    image.width = std::max(8, (cols * m_p.font_a.width * sx + 7) / 8 * 8);
    image.height = std::max(m_p.font_a.height, m_p.hanzi.height) * sy;
    image.dots.assign(static_cast<std::size_t>(image.width * image.height), 0);
    int x = 0;
    for (char32_t cp : text) {
      int w = char_columns(cp);
      if (w == 0) continue;
      const FontCell& cell = w == 1 ? m_p.font_a : m_p.hanzi;
      auto g = detail::glyph(cp, cell.width, cell.height);
      for (int gy = 0; gy < g->height * sy; ++gy) {
        for (int gx = 0; gx < g->width * sx; ++gx) {
          bool on =
              g->at(gx / sx, gy / sy) || (style.bold && gx >= sx && g->at((gx - sx) / sx, gy / sy));
          bool line = style.underline && gy >= image.height - sy;
          int px = x + gx;
          if ((on || line) && px < image.width && gy < image.height) {
            image.dots[static_cast<std::size_t>(gy * image.width + px)] = 1;
          }
        }
      }
      x += w * m_p.font_a.width * sx;
    }
    return image;
  }

  void raster(const Image& image) {
    int width_bytes = (image.width + 7) / 8;
    for (int top = 0; top < image.height; top += m_p.image_band_rows) {
      int rows = std::min(m_p.image_band_rows, image.height - top);
      put(m_out.bytes,
          {0x1D, 0x76, 0x30, 0x00, width_bytes & 0xFF, width_bytes >> 8, rows & 0xFF, rows >> 8});
      for (int y = top; y < top + rows; ++y) {
        for (int xb = 0; xb < width_bytes; ++xb) {
          std::uint8_t byte = 0;
          for (int bit = 0; bit < 8; ++bit) {
            int x = xb * 8 + bit;
            if (x < image.width && image.dots[static_cast<std::size_t>(y * image.width + x)]) {
              byte |= static_cast<std::uint8_t>(0x80 >> bit);
            }
          }
          m_out.bytes.push_back(byte);
        }
      }
    }
  }

  const Profile& m_p;
  Encoded m_out;
  detail::GbCodec m_gb;
};

std::expected<void, Error> Encoder::add(const Row& r) {
  std::size_t n = r.cells.size();
  int total = columns(r.style);
  if (n == 0) return {};
  if (!r.columns.empty() && r.columns.size() != n) {
    return std::unexpected(Error{fmt::format(
        "a row has {} cells but {} column definitions; give one per cell", n, r.columns.size())});
  }
  std::vector<Column> cols = r.columns;
  if (cols.empty()) {
    cols.resize(n);
    for (std::size_t j = 1; j < n; ++j) {
      int cap = n == 2 ? total / 2 : (j + 1 == n ? total / 3 : total / 4);
      cols[j] = {std::clamp(text_columns(r.cells[j]), 1, std::max(1, cap)), Align::right};
    }
  }
  int fixed = static_cast<int>(n) - 1;  // one-space gaps
  int flexible = 0;
  for (const auto& c : cols) {
    fixed += c.width;
    flexible += c.width == 0 ? 1 : 0;
  }
  int rest = total - fixed;
  if (rest < flexible || (flexible == 0 && rest < 0)) {
    return std::unexpected(Error{fmt::format("a row's columns need {} columns but the line has {}",
                                             fixed + flexible, total)});
  }
  std::vector<int> widths;
  int shared = 0;
  for (const auto& c : cols) {
    int w = c.width;
    if (w == 0) {
      w = rest / flexible + (shared < rest % flexible ? 1 : 0);
      ++shared;
    }
    widths.push_back(w);
  }
  std::vector<std::vector<std::string>> wrapped;
  std::size_t height = 0;
  for (std::size_t j = 0; j < n; ++j) {
    wrapped.push_back(wrap_text(r.cells[j], widths[j]));
    height = std::max(height, wrapped.back().size());
  }
  set_style(r.style, Align::left);
  for (std::size_t k = 0; k < height; ++k) {
    std::string line;
    for (std::size_t j = 0; j < n; ++j) {
      std::string cell = k < wrapped[j].size() ? wrapped[j][k] : "";
      int w = widths[j];
      if (cols[j].align == Align::right) {
        line += pad_left(cell, w);
      } else if (cols[j].align == Align::center) {
        int left = (w - text_columns(cell)) / 2;
        line += pad_right(pad_left(cell, text_columns(cell) + left), w);
      } else {
        line += pad_right(cell, w);
      }
      if (j + 1 < n) line += ' ';
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    emit_line(line, r.style);
  }
  return {};
}

std::expected<void, Error> Encoder::add(const Qr& q) {
  if (q.module_dots < 1 || q.module_dots > 16) {
    return std::unexpected(
        Error{fmt::format("QR module size {} must be 1-16 dots", q.module_dots)});
  }
  int ec = static_cast<int>(q.ec);
  auto matrix = detail::make_qr(q.payload, ec);
  if (!matrix) {
    return std::unexpected(Error{fmt::format(
        "QR payload of {} bytes does not fit a QR code; shorten it", q.payload.size())});
  }
  int side = (matrix->size + 8) * q.module_dots;
  if (side > m_p.dots) {
    return std::unexpected(Error{fmt::format(
        "QR code would be {} dots wide, the paper takes {}: use a smaller module size or a "
        "shorter payload",
        side, m_p.dots)});
  }
  int quiet = 4 * q.module_dots;
  if (m_p.native_qr) {
    int k = static_cast<int>(q.payload.size()) + 3;
    put(m_out.bytes, {0x1B, 0x61, 0x01, 0x1B, 0x4A, quiet});
    put(m_out.bytes, {0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00});
    put(m_out.bytes, {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, q.module_dots});
    put(m_out.bytes, {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x30 + ec});
    put(m_out.bytes, {0x1D, 0x28, 0x6B, k & 0xFF, k >> 8, 0x31, 0x50, 0x30});
    m_out.bytes.insert(m_out.bytes.end(), q.payload.begin(), q.payload.end());
    put(m_out.bytes, {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30});
    put(m_out.bytes, {0x1B, 0x4A, quiet});
    return {};
  }
  Image image;
  image.width = side;
  image.height = side;
  image.dots.assign(static_cast<std::size_t>(side * side), 0);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      int mx = x / q.module_dots - 4;
      int my = y / q.module_dots - 4;
      if (mx >= 0 && my >= 0 && mx < matrix->size && my < matrix->size &&
          matrix->modules[static_cast<std::size_t>(my * matrix->size + mx)]) {
        image.dots[static_cast<std::size_t>(y * side + x)] = 1;
      }
    }
  }
  put(m_out.bytes, {0x1B, 0x61, 0x01});
  raster(image);
  return {};
}

std::expected<void, Error> Encoder::add(const Barcode& b) {
  if (b.data.empty() || b.data.size() > 250) {
    return std::unexpected(Error{"a CODE128 barcode needs 1 to 250 characters"});
  }
  for (char c : b.data) {
    if (c < 0x20 || c > 0x7E) {
      return std::unexpected(
          Error{fmt::format("barcode data '{}' has a character outside printable ASCII", b.data)});
    }
  }
  int module = std::clamp(b.module_dots, 1, 6);
  int width = (11 * (static_cast<int>(b.data.size()) + 2) + 13 + 20) * module;
  if (width > m_p.dots) {
    return std::unexpected(Error{fmt::format(
        "barcode '{}' would be {} dots wide, the paper takes {}", b.data, width, m_p.dots)});
  }
  int n = static_cast<int>(b.data.size()) + 2;
  put(m_out.bytes, {0x1D, 0x48, b.text_below ? 2 : 0, 0x1D, 0x66, 0x00});
  put(m_out.bytes, {0x1D, 0x68, std::clamp(b.height, 1, 255), 0x1D, 0x77, module});
  put(m_out.bytes, {0x1B, 0x61, 0x01, 0x1D, 0x6B, 73, n, '{', 'B'});
  m_out.bytes.insert(m_out.bytes.end(), b.data.begin(), b.data.end());
  return {};
}

}  // namespace

std::vector<std::uint8_t> prologue(const Profile& p) {
  Bytes out;
  put(out, {0x1B, 0x40, 0x1B, 0x4D, 0x00, 0x1B, 0x20, 0x00, 0x1B, 0x33, p.line_spacing});
  if (p.hanzi_mode) put(out, {0x1C, 0x26, 0x1C, 0x53, 0x00, 0x00});
  put(out, {0x1B, 0x61, 0x00, 0x1D, 0x21, 0x00});
  return out;
}

std::expected<Encoded, Error> encode(const Document& document, const Profile& profile) {
  Encoder encoder(profile);
  for (const Block& block : document.blocks) {
    auto done = std::visit([&](const auto& b) { return encoder.add(b); }, block);
    if (!done) return std::unexpected(done.error());
  }
  return encoder.take();
}

}  // namespace drivers::printer
