#pragma once
// Whether a receipt the virtual printer saved as a PNG carries a line of text, checked without
// OCR: the line is printed by the same encoder and interpreter on its own, and its dot rows
// are looked for, whole width, in the receipt.
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::testing {

struct DotRows {
  int width = 0;
  int height = 0;
  std::vector<bool> black;  // row-major
};

// The receipt as dots (darker than mid-grey = black); empty when it cannot be read.
DotRows load_receipt(const std::filesystem::path& png);

// The dot rows of one line of text, centred, in the default style, as the kiosk's
// printer (generic 80 mm) prints it, from its first black row to its last.
DotRows printed_line(const std::string& utf8);

// Whether `line`'s rows appear, one after another, somewhere in `receipt`.
bool contains_line(const DotRows& receipt, const DotRows& line);

}  // namespace kiosk::testing
