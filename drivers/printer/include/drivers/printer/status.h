#pragma once
// Printer status: DLE EOT 1-4 real-time replies and Automatic Status Back decoded into what
// the kiosk acts on, and a parser that tells the reply kinds apart in one byte stream
// (escpos.md 1.9.6), so stale or interleaved bytes are never mistaken for an answer.
#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace drivers::printer {

enum class Paper { ok, near_end, out, unknown };
std::string_view to_string(Paper paper);  // "ok", "near_end", "out", "unknown"

// The raw replies to DLE EOT 1 (printer), 2 (offline cause), 3 (error cause), 4 (roll paper).
// A missing value means the query was not sent or not answered.
struct StatusBytes {
  std::optional<std::uint8_t> printer = std::nullopt;
  std::optional<std::uint8_t> offline_cause = std::nullopt;
  std::optional<std::uint8_t> error_cause = std::nullopt;
  std::optional<std::uint8_t> roll_paper = std::nullopt;
};

struct Status {
  bool replied = false;  // at least one valid reply arrived
  bool online = false;
  Paper paper = Paper::unknown;
  bool cover_open = false;
  bool cutter_error = false;
  bool unrecoverable_error = false;
  bool recoverable_error = false;       // DLE EOT 3 bit 2 (mechanical, model-dependent)
  bool auto_recoverable_error = false;  // head overheat and the like: clears by itself
  bool error = false;                   // DLE EOT 2 bit 6: "an error occurred"
  bool feed_button = false;             // paper being fed by the FEED button

  // Why a job cannot start now, in words for the operator; nullopt when it can.
  // Paper near end is not a reason: it is a warning.
  std::optional<std::string> problem() const;
  // The worst condition as a short phrase ("paper out", "no reply"); nullopt when all is well.
  std::optional<std::string> error_text() const;
  friend bool operator==(const Status&, const Status&) = default;
};

// A DLE EOT reply has the fixed bits 0xx1xx10.
constexpr bool is_status_reply(std::uint8_t b) { return (b & 0x93) == 0x12; }

Status decode_status(const StatusBytes& bytes);
// The 4-byte Automatic Status Back message (GS a n).
Status decode_asb(std::span<const std::uint8_t, 4> message);
// GS r 1 reply (paper sensor): near end bits 0x03, paper end bits 0x0C.
Paper decode_gs_r_paper(std::uint8_t reply);

inline std::array<std::uint8_t, 3> status_query(int n) {
  return {0x10, 0x04, static_cast<std::uint8_t>(n)};
}

struct Reply {
  enum class Kind { dle_eot, asb, gs_r, xon_xoff, block, unknown };
  Kind kind = Kind::unknown;
  std::vector<std::uint8_t> bytes;
  friend bool operator==(const Reply&, const Reply&) = default;
};

// Splits the bytes a printer sends back into replies. Fed in any chunks; a block (GS I
// string, GS ( H) is held until its terminating NUL, up to 256 bytes.
class ReplyParser {
 public:
  void feed(std::span<const std::uint8_t> bytes);
  std::optional<Reply> next();
  void clear();

 private:
  void parse();
  std::vector<std::uint8_t> m_partial;
  Reply::Kind m_partial_kind = Reply::Kind::unknown;
  std::deque<Reply> m_ready;
};

}  // namespace drivers::printer
