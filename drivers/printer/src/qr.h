#pragma once
// QR symbols through libqrencode (8-bit mode, smallest version that fits).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace drivers::printer::detail {

struct QrMatrix {
  int size = 0;                       // modules per side, without quiet zone
  std::vector<std::uint8_t> modules;  // size * size, 1 = dark
};

// ec: 0 = L, 1 = M, 2 = Q, 3 = H. nullopt when the data does not fit any version.
std::optional<QrMatrix> make_qr(std::string_view data, int ec);

}  // namespace drivers::printer::detail
