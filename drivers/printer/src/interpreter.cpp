#include <algorithm>

#include <fmt/core.h>
#include <fmt/format.h>

#include "barcodes.h"
#include "interpreter_impl.h"
#include "qr.h"

namespace drivers::printer {

InterpreterOptions InterpreterOptions::from(const Profile& p) {
  InterpreterOptions o;
  o.dots = p.dots;
  o.font_a = p.font_a;
  o.font_b = p.font_b;
  o.hanzi = p.hanzi;
  o.hanzi_mode = p.gb_level != GbLevel::none;
  return o;
}

Interpreter::Interpreter(InterpreterOptions options, ReplySink replies)
    : m(std::make_unique<Impl>(options, std::move(replies))) {}
Interpreter::~Interpreter() = default;

void Interpreter::set_state(const PrinterState& state) {
  m->state = state;
}

void Interpreter::feed(std::span<const std::uint8_t> bytes) {
  auto& pending = m->pending;
  pending.insert(pending.end(), bytes.begin(), bytes.end());
  std::size_t pos = 0;
  while (pos < pending.size()) {
    std::size_t avail = pending.size() - pos;
    if (m->skip > 0) {
      std::size_t n = std::min(m->skip, avail);
      m->skip -= n;
      pos += n;
      continue;
    }
    if (m->collect > 0) {
      std::size_t n = std::min(m->collect, avail);
      m->raster.insert(m->raster.end(), pending.begin() + static_cast<std::ptrdiff_t>(pos),
                       pending.begin() + static_cast<std::ptrdiff_t>(pos + n));
      m->collect -= n;
      pos += n;
      if (m->collect == 0) m->raster_done();
      continue;
    }
    std::size_t used = m->step(std::span(pending).subspan(pos));
    if (used == 0) break;
    pos += used;
  }
  pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(pos));
}

void Interpreter::finish() {
  if (!m->pending.empty() || m->collect > 0 || m->skip > 0) {
    m->warn(fmt::format(
        "the job ended inside a command ({} bytes pending: {:02X})",
        m->pending.size() + m->collect + m->skip,
        fmt::join(std::span(m->pending).first(std::min<std::size_t>(m->pending.size(), 8)), " ")));
    m->pending.clear();
    m->collect = 0;
    m->skip = 0;
    m->raster.clear();
    m->collecting = Impl::Collecting::raster;
    m->graphics_extra = 0;
  }
  m->flush_line();
  if (m->sheet.truncated()) {
    m->warn(
        fmt::format("the page was longer than {} dots and was cut off", m->options.max_page_dots));
  }
  m->sheet.cut();
}

std::vector<Page> Interpreter::take_pages() {
  return m->sheet.take_pages();
}
std::size_t Interpreter::pages_ready() const {
  return m->sheet.pages_ready();
}
const std::vector<std::string>& Interpreter::warnings() const {
  return m->warnings;
}
std::size_t Interpreter::warning_count() const {
  return m->warning_total;
}
const std::vector<char32_t>& Interpreter::missing_glyphs() const {
  return m->missing_glyphs;
}

void Interpreter::Impl::reset() {
  hanzi_mode = options.hanzi_mode;
  font_b = bold = reverse = false;
  underline = hanzi_underline = 0;
  esc_double_width = esc_double_height = fs_double_width = fs_double_height = false;
  size_w = size_h = 1;
  right_spacing = hanzi_left = hanzi_right = 0;
  line_spacing = 30;
  align = Align::left;
  code_page = 0;
  left_margin = area_width = 0;
  sheet.set_area(0, 0);
  hri = 0;
  hri_font_b = false;
  barcode_height = 162;
  barcode_module = 3;
  qr_module = 3;
  qr_ec = 0;
}

void Interpreter::Impl::warn(std::string message) {
  ++warning_total;
  if (warnings.size() < options.max_warnings) warnings.push_back(std::move(message));
}

void Interpreter::Impl::warn_unknown(std::span<const std::uint8_t> in, std::size_t length) {
  if (warnings.size() >= options.max_warnings) {  // counted, not formatted
    ++warning_total;
    return;
  }
  warn(fmt::format("skipped unknown command {:02X}",
                   fmt::join(in.first(std::min(length, in.size())), " ")));
}

void Interpreter::Impl::reply(std::initializer_list<std::uint8_t> bytes) {
  if (replies) replies(std::span(bytes.begin(), bytes.size()));
}

std::size_t Interpreter::Impl::step(std::span<const std::uint8_t> in) {
  std::uint8_t b = in[0];
  switch (b) {
    case 0x0A: print_line(); return 1;
    case 0x0D: return 1;  // CR: printers here print on LF only
    case 0x0C: flush_line(); return 1;
    case 0x09: {
      int cell = (font_b ? options.font_b.width : options.font_a.width) * size_w;
      int stop = (sheet.x() / (8 * cell) + 1) * 8 * cell;
      sheet.set_x(stop);
      return 1;
    }
    case 0x1B: return esc(in);
    case 0x1D: return gs(in);
    case 0x1C: return fs(in);
    case 0x10: return dle(in);
    case 0x00:
    case 0x07:
    case 0x11:
    case 0x13:
    case 0x18: return 1;
    default: break;
  }
  if (b < 0x20 || b == 0x7F) {
    warn_unknown(in, 1);
    return 1;
  }
  return text(in);
}

std::size_t Interpreter::Impl::text(std::span<const std::uint8_t> in) {
  std::uint8_t b = in[0];
  if (b < 0x80) {
    character(b, false);
    return 1;
  }
  if (!hanzi_mode) {
    auto cp = codec.decode_code_page(code_page, b);
    character(cp.value_or(U'\uFFFD'), false);
    return 1;
  }
  if (b == 0x80 || b == 0xFF) {
    character(U'\uFFFD', false);
    return 1;
  }
  if (in.size() < 2) return 0;
  std::uint8_t second = in[1];
  std::size_t length = second >= 0x30 && second <= 0x39 ? 4 : 2;
  if (length == 4 && in.size() < 4) return 0;
  auto cp = codec.decode(in.data(), length);
  if (!cp) {
    character(U'\uFFFD', true);
    return length == 4 ? 4 : (second >= 0x40 && second != 0x7F && second != 0xFF ? 2 : 1);
  }
  character(*cp, true);
  return length;
}

void Interpreter::Impl::character(char32_t cp, bool wide) {
  detail::Ink ink;
  ink.bold = bold;
  ink.reverse = reverse;
  FontCell cell;
  int left = 0;
  int right = 0;
  if (wide) {
    cell = options.hanzi;
    ink.sx = std::max(size_w, fs_double_width ? 2 : 1);
    ink.sy = std::max(size_h, fs_double_height ? 2 : 1);
    ink.underline = hanzi_underline;
    left = hanzi_left * ink.sx;
    right = hanzi_right * ink.sx;
  } else {
    cell = font_b ? options.font_b : options.font_a;
    ink.sx = std::max(size_w, esc_double_width ? 2 : 1);
    ink.sy = std::max(size_h, esc_double_height ? 2 : 1);
    ink.underline = underline;
    right = right_spacing * ink.sx;
  }
  put_glyph(cp, cell, ink, left, right);
}

void Interpreter::Impl::put_glyph(char32_t cp, FontCell cell, const detail::Ink& ink, int left,
                                  int right) {
  auto g = detail::glyph(cp, cell.width, cell.height);
  if (g->missing && std::ranges::find(missing_glyphs, cp) == missing_glyphs.end()) {
    missing_glyphs.push_back(cp);
    warn(fmt::format("no glyph for U+{:04X}; printed as an empty box",
                     static_cast<std::uint32_t>(cp)));
  }
  sheet.put(std::move(g), ink, left, right);
}

void Interpreter::Impl::print_qr(std::span<const std::uint8_t> data, int module, int ec) {
  flush_line();
  std::string payload(data.begin(), data.end());
  auto matrix = detail::make_qr(payload, std::clamp(ec, 0, 3));
  if (!matrix) {
    warn(fmt::format("QR code with {} bytes of data could not be made; nothing printed",
                     data.size()));
    return;
  }
  detail::Glyph bitmap{matrix->size, matrix->size, matrix->modules};
  module = std::clamp(module, 1, 16);
  if (matrix->size * module > sheet.area_width()) {
    warn("QR code wider than the print area; nothing printed");
    return;
  }
  sheet.block(bitmap, module, module, align);
}

void Interpreter::Impl::print_barcode(int type, std::span<const std::uint8_t> data) {
  flush_line();
  auto symbology = detail::symbology_of(type);
  if (!symbology) {
    warn(symbology.error());
    return;
  }
  auto row = detail::encode_barcode(*symbology, data, barcode_module);
  if (!row) {
    warn(fmt::format("{}; nothing printed", row.error()));
    return;
  }
  if (static_cast<int>(row->dots.size()) > sheet.area_width()) {
    warn(fmt::format("{} barcode {} dots wide is wider than the print area; nothing printed",
                     detail::name_of(*symbology), row->dots.size()));
    return;
  }
  // HRI characters in Font A (or B after GS f 1), centred under or over the bars.
  auto draw_text = [&] {
    for (char c : row->text) {
      put_glyph(static_cast<unsigned char>(c), hri_font_b ? options.font_b : options.font_a, {}, 0,
                0);
    }
    sheet.print_line(0, align);
  };
  if (hri == 1 || hri == 3) draw_text();
  detail::Glyph bars{static_cast<int>(row->dots.size()), 1, std::move(row->dots)};
  sheet.block(bars, 1, std::max(1, barcode_height), align);
  if (hri == 2 || hri == 3) draw_text();
}

KIOSK_PIXEL_LOOP void Interpreter::Impl::raster_done() {
  if (collecting != Collecting::raster) {
    graphics_done();
    return;
  }
  detail::Glyph bitmap{raster_width_bytes * 8, raster_height, {}};
  bitmap.dots.resize(static_cast<std::size_t>(bitmap.width * bitmap.height));
  for (std::size_t i = 0; i < raster.size() && i * 8 < bitmap.dots.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      if (raster[i] & (0x80 >> bit)) bitmap.dots[i * 8 + static_cast<std::size_t>(bit)] = 1;
    }
  }
  raster.clear();
  if (bitmap.width * raster_sx > sheet.area_width()) {
    warn(fmt::format("raster image {} dots wide is wider than the print area; clipped",
                     bitmap.width * raster_sx));
  }
  sheet.block(bitmap, raster_sx, raster_sy, align);
}

std::vector<Page> render(std::span<const std::uint8_t> bytes, const InterpreterOptions& options,
                         std::vector<std::string>* warnings,
                         std::vector<char32_t>* missing_glyphs) {
  Interpreter interpreter(options);
  interpreter.feed(bytes);
  interpreter.finish();
  if (warnings) {
    warnings->insert(warnings->end(), interpreter.warnings().begin(), interpreter.warnings().end());
  }
  if (missing_glyphs) {
    missing_glyphs->insert(missing_glyphs->end(), interpreter.missing_glyphs().begin(),
                           interpreter.missing_glyphs().end());
  }
  return interpreter.take_pages();
}

}  // namespace drivers::printer
