#pragma once
// What a receipt is made of, independent of bytes: the encoder turns a Document into ESC/POS
// for one profile. Text is UTF-8; widths are in Font A columns (a Hanzi counts two).
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace drivers::printer {

enum class Align { left, center, right };

struct Style {
  bool bold = false;
  bool double_width = false;
  bool double_height = false;
  bool underline = false;
  friend bool operator==(const Style&, const Style&) = default;
};

struct Text {
  std::string utf8;  // '\n' starts a new line; long lines wrap
  Style style;
  Align align = Align::left;
};

struct Column {
  int width = 0;  // columns; 0 = what is left after the fixed columns and one-space gaps
  Align align = Align::left;
};

// Two or three cells side by side. Without columns: the first cell takes the rest of the
// line, the others (right-aligned) take their own width. A cell too long for its column
// wraps inside it.
struct Row {
  std::vector<std::string> cells;
  std::vector<Column> columns;
  Style style;
};

struct Separator {
  char32_t ch = U'-';  // repeated across the line; a wide character fills half as many
};

enum class QrEc { l, m, q, h };

struct Qr {
  std::string payload;  // keep it ASCII (a URL, a claim reference)
  int module_dots = 6;  // 1-16
  QrEc ec = QrEc::m;
};

struct Barcode {  // CODE128 (code set B)
  std::string data;  // printable ASCII
  int height = 80;   // dots
  int module_dots = 2;
  bool text_below = true;
};

struct Image {
  int width = 0;   // dots
  int height = 0;  // dots
  std::vector<std::uint8_t> dots;  // row-major, width * height, non-zero = black
  Align align = Align::center;
};

struct Feed {
  int lines = 1;
};

struct Cut {};

using Block = std::variant<Text, Row, Separator, Qr, Barcode, Image, Feed, Cut>;

class Document {
 public:
  Document& text(std::string utf8, Style style = {}, Align align = Align::left) {
    blocks.emplace_back(Text{std::move(utf8), style, align});
    return *this;
  }
  Document& row(std::vector<std::string> cells, std::vector<Column> columns = {},
                Style style = {}) {
    blocks.emplace_back(Row{std::move(cells), std::move(columns), style});
    return *this;
  }
  Document& separator(char32_t ch = U'-') {
    blocks.emplace_back(Separator{ch});
    return *this;
  }
  Document& qr(std::string payload, int module_dots = 6, QrEc ec = QrEc::m) {
    blocks.emplace_back(Qr{std::move(payload), module_dots, ec});
    return *this;
  }
  Document& barcode(std::string data, int height = 80) {
    blocks.emplace_back(Barcode{std::move(data), height, 2, true});
    return *this;
  }
  Document& image(Image image) {
    blocks.emplace_back(std::move(image));
    return *this;
  }
  Document& feed(int lines = 1) {
    blocks.emplace_back(Feed{lines});
    return *this;
  }
  Document& cut() {
    blocks.emplace_back(Cut{});
    return *this;
  }

  std::vector<Block> blocks;
};

}  // namespace drivers::printer
