#pragma once
// Document -> ESC/POS bytes for one profile. Deterministic: the same document and profile
// give the same bytes (the golden tests rely on it).
#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "drivers/printer/document.h"
#include "drivers/printer/error.h"
#include "drivers/printer/profile.h"

namespace drivers::printer {

struct Encoded {
  std::vector<std::uint8_t> bytes;
  // Characters the profile's Hanzi font cannot print, in order of first appearance. Lines
  // holding them were sent as raster images of the glyphs instead of text.
  std::vector<char32_t> unprintable;
};

// Fails on what cannot be printed at all: a QR code or barcode wider than the paper, a
// barcode with characters outside printable ASCII, an image wider than the paper.
std::expected<Encoded, Error> encode(const Document& document, const Profile& profile);

// The bytes every job starts with: ESC @, font A, spacing, line spacing, Hanzi mode.
std::vector<std::uint8_t> prologue(const Profile& profile);

}  // namespace drivers::printer
