#pragma once
// What differs between printer families: paper width in dots, cell sizes, Chinese mode and
// GB level, native QR, cut command and which status queries the firmware answers.
// Profiles live in assets/printers/*.toml; generic_80mm() is the default.
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/printer/error.h"

namespace drivers::printer {

// Which characters the printer's Hanzi font can print.
enum class GbLevel {
  none,       // no Hanzi font (Epson ANK models): every non-ASCII character becomes an image
  gb2312,     // 2-byte codes A1-F7 / A1-FE only
  gbk,        // 2-byte codes 81-FE / 40-FE
  gb18030_2,  // GB18030 2-byte area only (same codes as GBK)
  gb18030_4,  // GB18030 including 4-byte sequences
};

enum class CutKind { none, full, partial, feed_full, feed_partial };

struct FontCell {
  int width = 12;
  int height = 24;
  friend bool operator==(const FontCell&, const FontCell&) = default;
};

struct Profile {
  std::string id = "generic-80mm";
  std::string name = "Generic 80 mm ESC/POS printer (203 dpi)";
  int dots = 576;  // printable width
  int dpi = 203;
  FontCell font_a{12, 24};
  FontCell font_b{9, 17};
  FontCell hanzi{24, 24};
  bool hanzi_mode = true;  // send FS & in the prologue
  GbLevel gb_level = GbLevel::gb18030_2;
  bool native_qr = true;   // GS ( k; otherwise QR codes are sent as raster images
  CutKind cut = CutKind::feed_partial;
  int line_spacing = 30;      // dots, ESC 3 n
  int image_band_rows = 128;  // GS v 0 images are sent in bands of at most this many rows
  std::vector<int> status_queries{1, 2, 3, 4};  // DLE EOT n the firmware answers
  bool answers_gs_r = true;  // GS r 1 after a job confirms that the job was processed

  // Font A columns per line: 48 at 576 dots, 42 at 512.
  int columns() const { return dots / font_a.width; }
  friend bool operator==(const Profile&, const Profile&) = default;
};

// The default: 576 dots, GB18030 2-byte Hanzi, native QR, DLE EOT 1-4 and GS r.
Profile generic_80mm();

std::expected<Profile, Error> parse_profile(std::string_view toml_text, std::string_view source);
std::expected<Profile, Error> load_profile(const std::filesystem::path& file);
// Every *.toml in the folder, sorted by id.
std::expected<std::vector<Profile>, Error> load_profiles(const std::filesystem::path& folder);
// The profile with that id from the folder; "generic-80mm" also works without the folder.
std::expected<Profile, Error> find_profile(const std::filesystem::path& folder, std::string_view id);

std::string_view to_string(GbLevel level);
std::string_view to_string(CutKind cut);

}  // namespace drivers::printer
