#pragma once
// The one-dimensional symbologies of GS k (escpos.md 1.6): UPC-A, UPC-E, EAN-13, EAN-8,
// CODE39, ITF, CODABAR, CODE93 and CODE128, as a printer draws them: check digits added
// where the data leaves them out, UPC-E expanded to check it, guard bars, no quiet zones
// (the paper's margin is the quiet zone).
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <vector>

namespace drivers::printer::detail {

enum class Symbology { upc_a, upc_e, ean13, ean8, code39, itf, codabar, code93, code128 };

struct BarcodeRow {
  std::vector<std::uint8_t> dots;  // one entry per dot across, 1 = bar
  std::string text;                // the human-readable interpretation (GS H)
};

// GS k m: m 0-6 (NUL-terminated form) and 65-73 (length-prefixed); unexpected otherwise.
std::expected<Symbology, std::string> symbology_of(int m);
std::string_view name_of(Symbology s);

// `module` is the GS w width in dots (narrow element); wide elements of CODE39, ITF and
// CODABAR follow Epson's ratios (2:5, 3:8, 4:10, 5:13, 6:15). The error says why a printer
// would print nothing.
std::expected<BarcodeRow, std::string> encode_barcode(Symbology s,
                                                      std::span<const std::uint8_t> data,
                                                      int module);

}  // namespace drivers::printer::detail
