#include "qr.h"

#include <qrencode.h>

namespace drivers::printer::detail {

std::optional<QrMatrix> make_qr(std::string_view data, int ec) {
  if (data.empty() || data.size() > 7089) return std::nullopt;
  static constexpr QRecLevel kLevels[] = {QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H};
  QRcode* code = QRcode_encodeData(static_cast<int>(data.size()),
                                   reinterpret_cast<const unsigned char*>(data.data()), 0,
                                   kLevels[ec & 3]);
  if (code == nullptr) return std::nullopt;
  QrMatrix m;
  m.size = code->width;
  m.modules.resize(static_cast<std::size_t>(m.size * m.size));
  for (std::size_t i = 0; i < m.modules.size(); ++i) m.modules[i] = code->data[i] & 1;
  QRcode_free(code);
  return m;
}

}  // namespace drivers::printer::detail
