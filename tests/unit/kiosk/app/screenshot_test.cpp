// A screenshot (SIGUSR1, --screenshot) must not turn later PNGs upside down: stb_image_write's
// vertical flip is one switch for the whole process, and the virtual printer writes receipt
// PNGs through the same library.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

#include <stb_image.h>

#include "drivers/printer/interpreter.h"
#include "platform/screenshot.h"
#include "temp_dir.h"

namespace {

struct Rgb {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;
  std::uint8_t red(int x, int y) const {
    return pixels[static_cast<std::size_t>(y * width + x) * 3];
  }
};

Rgb decode(const std::uint8_t* bytes, std::size_t size) {
  Rgb image;
  int channels = 0;
  unsigned char* data = stbi_load_from_memory(bytes, static_cast<int>(size), &image.width,
                                              &image.height, &channels, 3);
  REQUIRE(data != nullptr);
  image.pixels.assign(data, data + static_cast<std::size_t>(image.width) * image.height * 3);
  stbi_image_free(data);
  return image;
}

Rgb load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
  return decode(bytes.data(), bytes.size());
}

// 4 x 3 pixels, bottom-up as GL reads them: the last row given (the top of the screen) is red.
std::vector<std::uint8_t> gl_rows_red_on_top() {
  std::vector<std::uint8_t> rgb(4 * 3 * 3, 255);
  for (int x = 0; x < 4; ++x) {
    auto* p = &rgb[static_cast<std::size_t>((2 * 4 + x) * 3)];
    p[0] = 255;
    p[1] = 0;
    p[2] = 0;
  }
  for (int x = 0; x < 4; ++x) rgb[static_cast<std::size_t>(x * 3)] = 0;  // bottom row: cyan
  return rgb;
}

}  // namespace

TEST_CASE("screenshot: the top of the screen is the PNG's first row") {
  kiosk::testing::TempDir dir("kiosk-screenshot");
  const auto path = dir.path() / "shot.png";
  REQUIRE(kiosk::app::write_bottom_up_png(path, 4, 3, gl_rows_red_on_top()));
  Rgb shot = load(path);
  REQUIRE(shot.width == 4);
  REQUIRE(shot.height == 3);
  CHECK(shot.pixels[1] == 0);  // first row red (green channel 0)
  CHECK(shot.red(0, 2) == 0);  // last row cyan
}

TEST_CASE("screenshot: a receipt PNG written after a snapshot is the right way up") {
  kiosk::testing::TempDir dir("kiosk-screenshot");
  REQUIRE(kiosk::app::write_bottom_up_png(dir.path() / "shot.png", 4, 3, gl_rows_red_on_top()));

  // The first printed row is the page's top: black dots in row 0 only.
  drivers::printer::Page page;
  page.width = 8;
  page.height = 5;
  page.dots.assign(static_cast<std::size_t>(page.width * page.height), 0);
  for (int x = 0; x < page.width; ++x) page.dots[static_cast<std::size_t>(x)] = 1;
  auto png = drivers::printer::encode_png(page);
  REQUIRE_FALSE(png.empty());
  Rgb receipt = decode(png.data(), png.size());
  REQUIRE(receipt.height == 5);
  CHECK(receipt.red(0, 0) == 0);    // the printed row at the top
  CHECK(receipt.red(0, 4) == 255);  // blank paper at the bottom
}

TEST_CASE("screenshot: a size that does not match the pixels is refused, nothing written") {
  kiosk::testing::TempDir dir("kiosk-screenshot");
  const auto path = dir.path() / "shot.png";
  auto written = kiosk::app::write_bottom_up_png(path, 5, 3, gl_rows_red_on_top());
  REQUIRE_FALSE(written);
  CHECK(written.error().find("no picture") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(path));
}
