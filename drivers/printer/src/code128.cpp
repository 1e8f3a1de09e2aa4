#include "code128.h"

#include <array>

namespace drivers::printer::detail {
namespace {

// Bar and space widths of the 107 symbols, bar first (ISO/IEC 15417 table 1).
constexpr std::array<const char*, 107> kPatterns = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112"};

void append(std::vector<std::uint8_t>& modules, int value) {
  bool bar = true;
  for (const char* p = kPatterns[static_cast<std::size_t>(value)]; *p; ++p) {
    for (int i = 0; i < *p - '0'; ++i) modules.push_back(bar ? 1 : 0);
    bar = !bar;
  }
}

}  // namespace

std::optional<Code128> code128(std::span<const std::uint8_t> data) {
  if (data.size() < 2 || data[0] != '{' || data[1] < 'A' || data[1] > 'C') return std::nullopt;
  char set = static_cast<char>(data[1]);
  std::vector<int> values{set == 'A' ? 103 : set == 'B' ? 104 : 105};
  Code128 out;
  for (std::size_t i = 2; i < data.size(); ++i) {
    std::uint8_t c = data[i];
    if (c == '{' && i + 1 < data.size()) {
      std::uint8_t e = data[++i];
      switch (e) {
        case 'A': values.push_back(101); set = 'A'; continue;
        case 'B': values.push_back(100); set = 'B'; continue;
        case 'C': values.push_back(99); set = 'C'; continue;
        case 'S': values.push_back(98); continue;
        case '1': values.push_back(102); continue;
        case '2': values.push_back(97); continue;
        case '3': values.push_back(96); continue;
        case '4': values.push_back(set == 'A' ? 101 : 100); continue;
        case '{': c = '{'; break;
        default: continue;  // an unknown escape is dropped, as printers do
      }
    }
    int value = -1;
    if (set == 'C') {
      if (c <= 99) {
        value = c;
        out.text += static_cast<char>('0' + c / 10);
        out.text += static_cast<char>('0' + c % 10);
      }
    } else if (set == 'B') {
      if (c >= 32 && c <= 127) value = c - 32;
    } else {
      if (c < 32) value = c + 64;
      else if (c <= 95) value = c - 32;
    }
    if (value < 0) continue;
    if (set != 'C' && c >= 32 && c < 127) out.text += static_cast<char>(c);
    values.push_back(value);
  }
  int sum = values[0];
  for (std::size_t i = 1; i < values.size(); ++i) sum += static_cast<int>(i) * values[i];
  values.push_back(sum % 103);
  values.push_back(106);
  for (int v : values) append(out.modules, v);
  return out;
}

}  // namespace drivers::printer::detail
