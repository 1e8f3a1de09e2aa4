#include "barcodes.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

#include <fmt/core.h>

#include "code128.h"

namespace drivers::printer::detail {
namespace {

using Result = std::expected<BarcodeRow, std::string>;

// Bars and spaces, each a run of dots.
class Row {
 public:
  void run(bool bar, int dots) { m_dots.insert(m_dots.end(), static_cast<std::size_t>(dots), bar); }
  // A module pattern ("101"): each character one module of `module` dots.
  void modules(std::string_view pattern, int module) {
    for (char c : pattern) run(c == '1', module);
  }
  std::vector<std::uint8_t> take() { return std::move(m_dots); }

 private:
  std::vector<std::uint8_t> m_dots;
};

// EAN/UPC digit sets (ISO/IEC 15420): L (odd), G (even) and R, seven modules each.
constexpr std::array<const char*, 10> kL = {"0001101", "0011001", "0010011", "0111101", "0100011",
                                            "0110001", "0101111", "0111011", "0110111", "0001011"};
constexpr std::array<const char*, 10> kG = {"0100111", "0110011", "0011011", "0100001", "0011101",
                                            "0111001", "0000101", "0010001", "0001001", "0010111"};
constexpr std::array<const char*, 10> kR = {"1110010", "1100110", "1101100", "1000010", "1011100",
                                            "1001110", "1010000", "1000100", "1001000", "1110100"};
// EAN-13: the parity of the left six digits, chosen by the first digit (G = 1).
constexpr std::array<const char*, 10> kEan13Parity = {"000000", "001011", "001101", "001110",
                                                      "010011", "011001", "011100", "010101",
                                                      "010110", "011010"};
// UPC-E with number system 0: parity of the six digits by check digit (G = even = 1).
constexpr std::array<const char*, 10> kUpcEParity = {"111000", "110100", "110010", "110001",
                                                     "101100", "100110", "100011", "101010",
                                                     "101001", "100101"};

bool all_digits(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

// Modulo-10 check digit with weights 3, 1, 3, ... from the right.
char check_digit(std::string_view digits) {
  int sum = 0;
  int weight = 3;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = 4 - weight;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// Digits of the given count, or of count-1 with the check digit added. A wrong check digit
// is refused: the symbol would not scan.
std::expected<std::string, std::string> with_check(std::string_view data, std::size_t count,
                                                   std::string_view name) {
  if (!all_digits(data) || (data.size() != count && data.size() != count - 1)) {
    return std::unexpected(
        fmt::format("{} needs {} or {} digits, got \"{}\"", name, count - 1, count, data));
  }
  std::string digits(data.substr(0, count - 1));
  char check = check_digit(digits);
  if (data.size() == count && data.back() != check) {
    return std::unexpected(
        fmt::format("{} \"{}\" has the check digit {}, not {}", name, data, data.back(), check));
  }
  return digits + check;
}

Result ean(std::string_view digits, int module) {
  // digits: 13 (EAN-13, UPC-A with a leading 0) or 8 (EAN-8), check digit included.
  Row row;
  row.modules("101", module);
  bool ean8 = digits.size() == 8;
  std::size_t half = ean8 ? 4 : 6;
  std::size_t first = ean8 ? 0 : 1;
  const char* parity = ean8 ? "0000" : kEan13Parity[static_cast<std::size_t>(digits[0] - '0')];
  for (std::size_t i = 0; i < half; ++i) {
    auto d = static_cast<std::size_t>(digits[first + i] - '0');
    row.modules(parity[i] == '1' ? kG[d] : kL[d], module);
  }
  row.modules("01010", module);
  for (std::size_t i = 0; i < half; ++i) {
    row.modules(kR[static_cast<std::size_t>(digits[first + half + i] - '0')], module);
  }
  row.modules("101", module);
  return BarcodeRow{row.take(), std::string(digits)};
}

// UPC-E's six digits from a UPC-A number (number system 0 or 1), or "" when it has no
// zero-suppressed form.
std::string compress_upc_a(std::string_view a) {
  std::string_view m = a.substr(1, 5);  // manufacturer
  std::string_view p = a.substr(6, 5);  // product
  auto zeros = [](std::string_view s) {
    return std::ranges::all_of(s, [](char c) { return c == '0'; });
  };
  if (m[2] >= '0' && m[2] <= '2' && zeros(m.substr(3)) && zeros(p.substr(0, 2))) {
    return fmt::format("{}{}{}{}", m.substr(0, 2), p.substr(2), m[2], "");
  }
  if (zeros(m.substr(3)) && zeros(p.substr(0, 3)))
    return fmt::format("{}{}3", m.substr(0, 3), p.substr(3));
  if (zeros(m.substr(4)) && zeros(p.substr(0, 4)))
    return fmt::format("{}{}4", m.substr(0, 4), p.substr(4));
  if (p[4] >= '5' && zeros(p.substr(0, 4))) return fmt::format("{}{}", m, p[4]);
  return {};
}

// The UPC-A number (11 digits, no check) that six UPC-E digits stand for.
std::string expand_upc_e(char system, std::string_view e) {
  std::string out(1, system);
  switch (e[5]) {
    case '0':
    case '1':
    case '2': out += fmt::format("{}{}0000{}", e.substr(0, 2), e[5], e.substr(2, 3)); break;
    case '3': out += fmt::format("{}00000{}", e.substr(0, 3), e.substr(3, 2)); break;
    case '4': out += fmt::format("{}00000{}", e.substr(0, 4), e[4]); break;
    default: out += fmt::format("{}0000{}", e.substr(0, 5), e[5]); break;
  }
  return out;
}

Result upc_e(std::string_view data, int module) {
  if (!all_digits(data))
    return std::unexpected(fmt::format("UPC-E takes digits only, got \"{}\"", data));
  char system = '0';
  std::string six;
  std::string_view given_check;
  switch (data.size()) {
    case 6: six = data; break;
    case 7:
    case 8:
      system = data[0];
      six = data.substr(1, 6);
      if (data.size() == 8) given_check = data.substr(7, 1);
      break;
    case 11:
    case 12:
      system = data[0];
      six = compress_upc_a(data.substr(0, 11));
      if (six.empty()) {
        return std::unexpected(
            fmt::format("UPC-A \"{}\" has no UPC-E (zero-suppressed) form", data));
      }
      if (data.size() == 12) given_check = data.substr(11, 1);
      break;
    default:
      return std::unexpected(
          fmt::format("UPC-E needs 6, 7, 8, 11 or 12 digits, got {}", data.size()));
  }
  if (system != '0' && system != '1') {
    return std::unexpected(fmt::format("UPC-E number system must be 0 or 1, got {}", system));
  }
  char check = check_digit(expand_upc_e(system, six));
  if (!given_check.empty() && given_check[0] != check) {
    return std::unexpected(
        fmt::format("UPC-E \"{}\" has the check digit {}, not {}", data, given_check, check));
  }
  const char* parity = kUpcEParity[static_cast<std::size_t>(check - '0')];
  Row row;
  row.modules("101", module);
  for (std::size_t i = 0; i < 6; ++i) {
    bool even = (parity[i] == '1') == (system == '0');
    auto d = static_cast<std::size_t>(six[i] - '0');
    row.modules(even ? kG[d] : kL[d], module);
  }
  row.modules("010101", module);
  return BarcodeRow{row.take(), fmt::format("{}{}{}", system, six, check)};
}

// Wide element width in dots for a narrow one of `module` dots (Epson's GS w table).
int wide_of(int module) {
  constexpr std::array<int, 7> kWide = {0, 3, 5, 8, 10, 13, 15};
  return kWide[static_cast<std::size_t>(std::clamp(module, 1, 6))];
}

// Elements alternating bar/space from a bar, '1' = wide.
void wide_narrow(Row& row, std::string_view pattern, int module, bool bar_first = true) {
  bool bar = bar_first;
  for (char c : pattern) {
    row.run(bar, c == '1' ? wide_of(module) : module);
    bar = !bar;
  }
}

constexpr std::string_view kCode39Chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%*";
constexpr std::array<const char*, 44> kCode39 = {
    "000110100", "100100001", "001100001", "101100000", "000110001", "100110000", "001110000",
    "000100101", "100100100", "001100100", "100001001", "001001001", "101001000", "000011001",
    "100011000", "001011000", "000001101", "100001100", "001001100", "000011100", "100000011",
    "001000011", "101000010", "000010011", "100010010", "001010010", "000000111", "100000110",
    "001000110", "000010110", "110000001", "011000001", "111000000", "010010001", "110010000",
    "011010000", "010000101", "110000100", "011000100", "010101000", "010100010", "010001010",
    "000101010", "010010100"};

Result code39(std::string_view data, int module) {
  std::string_view body = data;
  if (body.size() >= 2 && body.front() == '*' && body.back() == '*')
    body = body.substr(1, body.size() - 2);
  if (body.empty()) return std::unexpected(std::string("CODE39 without data"));
  Row row;
  auto put = [&](char c) {
    wide_narrow(row, kCode39[kCode39Chars.find(c)], module);
    row.run(false, module);  // inter-character gap
  };
  put('*');
  for (char c : body) {
    if (c == '*' || kCode39Chars.find(c) == std::string_view::npos) {
      return std::unexpected(
          fmt::format("CODE39 cannot encode '{}' (0-9, A-Z, space and -.$/+%)", c));
    }
    put(c);
  }
  wide_narrow(row, kCode39[kCode39Chars.find('*')], module);
  return BarcodeRow{row.take(), fmt::format("*{}*", body)};
}

constexpr std::array<const char*, 10> kItf = {"00110", "10001", "01001", "11000", "00101",
                                              "10100", "01100", "00011", "10010", "01010"};

Result itf(std::string_view data, int module) {
  if (!all_digits(data) || data.size() < 2) {
    return std::unexpected(fmt::format("ITF takes two or more digits, got \"{}\"", data));
  }
  std::string_view digits =
      data.substr(0, data.size() & ~std::size_t{1});  // an odd last digit is ignored
  Row row;
  wide_narrow(row, "0000", module);
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    const char* bars = kItf[static_cast<std::size_t>(digits[i] - '0')];
    const char* spaces = kItf[static_cast<std::size_t>(digits[i + 1] - '0')];
    for (int e = 0; e < 5; ++e) {
      row.run(true, bars[e] == '1' ? wide_of(module) : module);
      row.run(false, spaces[e] == '1' ? wide_of(module) : module);
    }
  }
  wide_narrow(row, "100", module);
  return BarcodeRow{row.take(), std::string(digits)};
}

constexpr std::string_view kCodabarChars = "0123456789-$:/.+ABCD";
constexpr std::array<const char*, 20> kCodabar = {
    "0000011", "0000110", "0001001", "1100000", "0010010", "1000010", "0100001",
    "0100100", "0110000", "1001000", "0001100", "0011000", "1000101", "1010001",
    "1010100", "0010101", "0011010", "0101001", "0001011", "0001110"};

Result codabar(std::string_view data, int module) {
  auto start_stop = [](char c) { return (c >= 'A' && c <= 'D') || (c >= 'a' && c <= 'd'); };
  if (data.size() < 3 || !start_stop(data.front()) || !start_stop(data.back())) {
    return std::unexpected(
        fmt::format("CODABAR needs start and stop characters A-D, got \"{}\"", data));
  }
  Row row;
  std::string text;
  for (std::size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (c >= 'a' && c <= 'd') c = static_cast<char>(c - 'a' + 'A');
    auto at = kCodabarChars.find(c);
    if (at == std::string_view::npos || (at >= 16 && i != 0 && i + 1 != data.size())) {
      return std::unexpected(fmt::format("CODABAR cannot encode '{}' inside the data", c));
    }
    if (i > 0) row.run(false, module);
    wide_narrow(row, kCodabar[at], module);
    text += c;
  }
  return BarcodeRow{row.take(), text};
}

// CODE93: values 0-42 are "0-9A-Z-. $/+%", 43-46 the shifts ($) (%) (/) (+); widths of
// bar, space, bar, space, bar, space in modules.
constexpr std::string_view kCode93Chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";
constexpr std::array<const char*, 47> kCode93 = {
    "131112", "111213", "111312", "111411", "121113", "121212", "121311", "111114",
    "131211", "141111", "211113", "211212", "211311", "221112", "221211", "231111",
    "112113", "112212", "112311", "122112", "132111", "111123", "111222", "111321",
    "121122", "131121", "212112", "212211", "211122", "211221", "221121", "222111",
    "112122", "112221", "122121", "123111", "121131", "311112", "311211", "321111",
    "112131", "113121", "211131", "121221", "312111", "311121", "122211"};
constexpr const char* kCode93StartStop = "111141";

Result code93(std::string_view data, int module) {
  std::vector<int> values;
  for (char c : data) {
    auto at = kCode93Chars.find(c);
    if (at != std::string_view::npos) {
      values.push_back(static_cast<int>(at));
    } else if (c >= 'a' && c <= 'z') {  // full ASCII: (+) and the capital
      values.push_back(46);
      values.push_back(10 + (c - 'a'));
    } else {
      return std::unexpected(
          fmt::format("CODE93 cannot encode byte {:02X}", static_cast<unsigned char>(c)));
    }
  }
  if (values.empty()) return std::unexpected(std::string("CODE93 without data"));
  auto check = [&](int max_weight) {
    int sum = 0;
    int weight = 1;
    for (auto it = values.rbegin(); it != values.rend(); ++it) {
      sum += *it * weight;
      weight = weight == max_weight ? 1 : weight + 1;
    }
    values.push_back(sum % 47);
  };
  check(20);  // C
  check(15);  // K
  Row row;
  auto put = [&](const char* widths) {
    bool bar = true;
    for (const char* w = widths; *w; ++w) {
      row.run(bar, (*w - '0') * module);
      bar = !bar;
    }
  };
  put(kCode93StartStop);
  for (int v : values) put(kCode93[static_cast<std::size_t>(v)]);
  put(kCode93StartStop);
  row.run(true, module);  // termination bar
  return BarcodeRow{row.take(), std::string(data)};
}

}  // namespace

std::expected<Symbology, std::string> symbology_of(int m) {
  if (m >= 0 && m <= 6) m += 65;
  if (m < 65 || m > 73) {
    return std::unexpected(
        fmt::format("barcode type {} (GS k) is not one the virtual printer draws", m));
  }
  return static_cast<Symbology>(m - 65);
}

std::string_view name_of(Symbology s) {
  constexpr std::array<std::string_view, 9> kNames = {
      "UPC-A", "UPC-E", "EAN-13", "EAN-8", "CODE39", "ITF", "CODABAR", "CODE93", "CODE128"};
  return kNames[static_cast<std::size_t>(s)];
}

std::expected<BarcodeRow, std::string> encode_barcode(Symbology s,
                                                      std::span<const std::uint8_t> bytes,
                                                      int module) {
  module = std::clamp(module, 1, 6);
  std::string_view data(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  switch (s) {
    case Symbology::upc_a: {
      auto digits = with_check(data, 12, "UPC-A");
      if (!digits) return std::unexpected(digits.error());
      auto row = ean("0" + *digits, module);
      if (row) row->text = *digits;
      return row;
    }
    case Symbology::ean13: {
      auto digits = with_check(data, 13, "EAN-13");
      if (!digits) return std::unexpected(digits.error());
      return ean(*digits, module);
    }
    case Symbology::ean8: {
      auto digits = with_check(data, 8, "EAN-8");
      if (!digits) return std::unexpected(digits.error());
      return ean(*digits, module);
    }
    case Symbology::upc_e: return upc_e(data, module);
    case Symbology::code39: return code39(data, module);
    case Symbology::itf: return itf(data, module);
    case Symbology::codabar: return codabar(data, module);
    case Symbology::code93: return code93(data, module);
    case Symbology::code128: {
      auto symbol = code128(bytes);
      if (!symbol) return std::unexpected(std::string("CODE128 data must start with {A, {B or {C"));
      Row row;
      for (std::uint8_t m : symbol->modules) row.run(m != 0, module);
      return BarcodeRow{row.take(), symbol->text};
    }
  }
  return std::unexpected(std::string("unknown symbology"));
}

}  // namespace drivers::printer::detail
