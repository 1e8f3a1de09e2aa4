// Status decoding takes any reply bytes: the reply parser splits them in any chunks, each
// DLE EOT and ASB reply decodes, and the decoded status is self-consistent.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/printer/status.h"

using namespace drivers::printer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  std::size_t chunk = (data[0] % 8) + 1;
  std::span<const std::uint8_t> rest(data + 1, size - 1);
  ReplyParser parser;
  std::size_t seen = 0;
  StatusBytes bytes;
  int dle = 0;
  while (!rest.empty()) {
    std::size_t n = rest.size() < chunk ? rest.size() : chunk;
    parser.feed(rest.first(n));
    rest = rest.subspan(n);
    while (auto reply = parser.next()) {
      seen += reply->bytes.size();
      if (reply->bytes.empty() && reply->kind != Reply::Kind::unknown) __builtin_trap();
      if (reply->kind == Reply::Kind::dle_eot) {
        std::uint8_t b = reply->bytes[0];
        if (!is_status_reply(b)) __builtin_trap();
        switch (dle++ % 4) {
          case 0: bytes.printer = b; break;
          case 1: bytes.offline_cause = b; break;
          case 2: bytes.error_cause = b; break;
          default: bytes.roll_paper = b; break;
        }
      } else if (reply->kind == Reply::Kind::asb) {
        if (reply->bytes.size() != 4) __builtin_trap();
        Status s = decode_asb(std::span<const std::uint8_t, 4>(reply->bytes.data(), 4));
        if (!s.replied) __builtin_trap();
      } else if (reply->kind == Reply::Kind::gs_r) {
        (void)decode_gs_r_paper(reply->bytes[0]);
      }
    }
  }
  if (seen > size) __builtin_trap();
  Status s = decode_status(bytes);
  if (s.replied != (dle > 0)) __builtin_trap();
  if (s.replied && s.problem().has_value() != s.error_text().has_value()) __builtin_trap();
  if (s.paper == Paper::out && !s.problem()) __builtin_trap();
  return 0;
}
