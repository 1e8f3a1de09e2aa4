#pragma once
// The interpreter's state, shared by the byte loop (interpreter.cpp) and the command
// handlers (commands_esc.cpp, commands_gs.cpp, commands_fs_dle.cpp).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drivers/printer/interpreter.h"
#include "gb18030.h"
#include "sheet.h"

namespace drivers::printer {

struct Interpreter::Impl {
  Impl(InterpreterOptions o, ReplySink r)
      : options(o), replies(std::move(r)), sheet(o.dots, o.max_page_dots) {
    reset();
  }

  // Print modes restored by ESC @.
  void reset();
  // Handles the command or character at the start of `in`; returns the bytes it used, or
  // 0 when the command is not complete yet.
  std::size_t step(std::span<const std::uint8_t> in);
  std::size_t esc(std::span<const std::uint8_t> in);
  std::size_t gs(std::span<const std::uint8_t> in);
  std::size_t gs_paren(std::span<const std::uint8_t> in);
  std::size_t fs(std::span<const std::uint8_t> in);
  // GS ( L and GS 8 L: `header` bytes up to the parameters, `length` bytes of parameters.
  std::size_t graphics(std::span<const std::uint8_t> in, std::size_t header, std::size_t length);
  void graphics_done();
  std::size_t dle(std::span<const std::uint8_t> in);
  std::size_t text(std::span<const std::uint8_t> in);

  void character(char32_t cp, bool wide);
  void put_glyph(char32_t cp, FontCell cell, const detail::Ink& ink, int left, int right);
  void print_qr(std::span<const std::uint8_t> data, int module, int ec);
  void print_barcode(int type, std::span<const std::uint8_t> data);
  void raster_done();
  void reply(std::initializer_list<std::uint8_t> bytes);
  void warn(std::string message);
  void warn_unknown(std::span<const std::uint8_t> in, std::size_t length);
  void print_line() { sheet.print_line(line_spacing, align); }
  void flush_line() { sheet.flush_line(line_spacing, align); }

  InterpreterOptions options;
  ReplySink replies;
  detail::Sheet sheet;
  detail::GbCodec codec;
  PrinterState state;
  std::vector<std::string> warnings;
  std::size_t warning_total = 0;
  std::vector<char32_t> missing_glyphs;

  std::vector<std::uint8_t> pending;  // bytes not yet consumed
  std::size_t skip = 0;               // bytes of a skipped command's data still to come
  std::size_t collect = 0;            // image bytes still to come
  enum class Collecting { raster, graphics_raster, graphics_column };
  Collecting collecting = Collecting::raster;
  std::vector<std::uint8_t> raster;
  int raster_width_bytes = 0;
  int raster_height = 0;
  int raster_sx = 1;
  int raster_sy = 1;

  // Graphics stored by GS ( L / GS 8 L fn 112/113, printed by fn 50.
  int graphics_width = 0;  // dots of the image being collected
  int graphics_height = 0;
  std::size_t graphics_extra = 0;  // data bytes after the image, skipped
  detail::Glyph stored_graphics;
  int stored_sx = 1;
  int stored_sy = 1;

  // Print modes.
  bool hanzi_mode = true;
  bool font_b = false;
  bool bold = false;
  int underline = 0;
  int hanzi_underline = 0;
  bool esc_double_width = false;
  bool esc_double_height = false;
  bool fs_double_width = false;
  bool fs_double_height = false;
  int size_w = 1;  // GS !
  int size_h = 1;
  bool reverse = false;
  int right_spacing = 0;
  int hanzi_left = 0;
  int hanzi_right = 0;
  int line_spacing = 30;
  Align align = Align::left;
  int code_page = 0;
  int left_margin = 0;
  int area_width = 0;

  // Barcodes and QR codes.
  int hri = 0;
  bool hri_font_b = false;
  int barcode_height = 162;
  int barcode_module = 3;
  int qr_module = 3;
  int qr_ec = 0;
  std::vector<std::uint8_t> qr_data;
};

}  // namespace drivers::printer
