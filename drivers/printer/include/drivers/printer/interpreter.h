#pragma once
// The virtual printer's engine: an ESC/POS interpreter that draws the paper one pixel per dot.
// It takes byte streams from any generator, in chunks of any size (a command split across
// chunks is completed by the next). Unknown commands are skipped with a warning naming their
// bytes; nothing in the input can make it crash. Status queries are answered through the
// reply sink from the configured PrinterState.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "drivers/printer/error.h"
#include "drivers/printer/profile.h"
#include "drivers/printer/status.h"

namespace drivers::printer {

// One cut-off piece of paper.
struct Page {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> dots;  // row-major, 1 = black
  bool black(int x, int y) const { return dots[static_cast<std::size_t>(y * width + x)] != 0; }
};

// What the virtual printer reports when asked.
struct PrinterState {
  Paper paper = Paper::ok;  // ok, near_end or out
  bool cover_open = false;
  bool offline = false;
  bool cutter_error = false;
  friend bool operator==(const PrinterState&, const PrinterState&) = default;
};

struct InterpreterOptions {
  int dots = 576;
  FontCell font_a{12, 24};
  FontCell font_b{9, 17};
  FontCell hanzi{24, 24};
  bool hanzi_mode = true;          // the power-on state, restored by ESC @
  int max_page_dots = 32000;       // longer pages are cut off with a warning (4 m at 203 dpi)
  std::size_t max_warnings = 200;  // kept; the rest are only counted

  static InterpreterOptions from(const Profile& profile);
};

class Interpreter {
 public:
  using ReplySink = std::function<void(std::span<const std::uint8_t>)>;

  explicit Interpreter(InterpreterOptions options = {}, ReplySink replies = {});
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  void set_state(const PrinterState& state);
  void feed(std::span<const std::uint8_t> bytes);
  // The end of the job: prints what is left in the line buffer and closes the page.
  void finish();
  // Pages finished by a cut or by finish(), oldest first; blank pages are dropped.
  std::vector<Page> take_pages();
  std::size_t pages_ready() const;

  const std::vector<std::string>& warnings() const;
  std::size_t warning_count() const;  // including those not kept
  // Characters printed as an empty box because the font has no glyph for them, each once,
  // in the order they first came.
  const std::vector<char32_t>& missing_glyphs() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

// Renders a whole byte stream; warnings (and characters without a glyph) are appended when
// asked for.
std::vector<Page> render(std::span<const std::uint8_t> bytes, const InterpreterOptions& options,
                         std::vector<std::string>* warnings = nullptr,
                         std::vector<char32_t>* missing_glyphs = nullptr);

// 8-bit greyscale PNG, black on white.
std::vector<std::uint8_t> encode_png(const Page& page);
std::expected<void, Error> write_png(const Page& page, const std::filesystem::path& file);

}  // namespace drivers::printer
