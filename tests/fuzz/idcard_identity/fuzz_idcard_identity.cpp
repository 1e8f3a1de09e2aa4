// Fuzzes the decoding of the 256-byte text block (all four layouts, chosen by byte 248) and
// the UTF-16LE conversion. Invariants: the UTF-8 produced is well-formed; a decoded identity's
// validity flag agrees with its list of problems.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "base/mod11_2.h"
#include "drivers/idcard/identity.h"

using namespace drivers::idcard;

namespace {
bool is_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> bytes(data, size);
  if (!is_utf8(utf16le_to_utf8(bytes))) std::abort();
  if (size < kTextSize) return 0;
  auto text = bytes.first(kTextSize);
  auto identity = decode_identity(text);
  if (identity) {
    if (identity->id_number_valid != identity->problems.empty()) std::abort();
    for (const auto* s : {&identity->name, &identity->name_en, &identity->address,
                          &identity->id_number, &identity->issuer, &identity->nation}) {
      if (!is_utf8(*s)) std::abort();
    }
    (void)format_expiry(identity->valid_to);
    (void)identity->expired(Date{2026, 1, 1});
    identity->wipe();
    if (!identity->name.empty() || !identity->id_number.empty()) std::abort();
  }
  // The rest of the input exercises the check-character functions.
  auto rest = bytes.subspan(kTextSize);
  std::string s(rest.begin(), rest.end());
  (void)base::mod11_2_check(s.substr(0, 17));
  (void)icao_check_digit(s.substr(0, 14));
  (void)nation_name(s.substr(0, 2));
  (void)parse_date(s.substr(0, 8));
  return 0;
}
