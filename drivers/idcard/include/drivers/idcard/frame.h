#pragma once
// GA 467 frames (reference/idcard.md §1-2), both directions. Pure: bytes in, values out.
//
//   AA AA AA 96 69 | LEN (u16 BE) | body (LEN-1 bytes) | XOR
//
// LEN counts the body and the checksum; the XOR covers LEN and the body. A host command's
// body is CMD PARA DATA; a reader's reply body is SW1 SW2 SW3 DATA.
#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "drivers/idcard/error.h"

namespace drivers::idcard {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::array<std::uint8_t, 5> kPreamble{0xAA, 0xAA, 0xAA, 0x96, 0x69};
inline constexpr std::size_t kHeaderSize = 7;       // preamble + length
inline constexpr std::size_t kMaxFrameSize = 2321;  // read with two fingerprints
inline constexpr std::size_t kMaxLength = kMaxFrameSize - kHeaderSize;

// Commands the driver and the simulator know (§2.1).
namespace cmd {
struct Code {
  std::uint8_t cmd;
  std::uint8_t para;
  friend bool operator==(Code, Code) = default;
};
inline constexpr Code kResetSam{0x10, 0xFF};
inline constexpr Code kSamStatus{0x11, 0xFF};
inline constexpr Code kSamId{0x12, 0xFF};
inline constexpr Code kFindCard{0x20, 0x01};
inline constexpr Code kSelectCard{0x20, 0x02};
inline constexpr Code kReadBase{0x30, 0x01};
inline constexpr Code kReadAppended{0x30, 0x03};
inline constexpr Code kReadBaseFingerprint{0x30, 0x10};
inline constexpr std::uint8_t kSetBaud = 0x60;  // PARA 00..04 = 115200, 57600, 38400, 19200, 9600
inline constexpr Code kSetMaxRfBytes{0x61, 0xFF};  // one data byte, 24..255
}  // namespace cmd

// SW3 codes (§2.3).
namespace sw3 {
inline constexpr std::uint8_t kOk = 0x90;
inline constexpr std::uint8_t kNoContent = 0x91;
inline constexpr std::uint8_t kFindOk = 0x9F;
inline constexpr std::uint8_t kChecksumError = 0x10;
inline constexpr std::uint8_t kLengthError = 0x11;
inline constexpr std::uint8_t kCommandError = 0x21;
inline constexpr std::uint8_t kUnauthorised = 0x23;
inline constexpr std::uint8_t kUnknownError = 0x24;
inline constexpr std::uint8_t kCardAuthSamFailed = 0x31;
inline constexpr std::uint8_t kSamAuthCardFailed = 0x32;
inline constexpr std::uint8_t kVerifyError = 0x33;
inline constexpr std::uint8_t kNotIdCard = 0x40;
inline constexpr std::uint8_t kReadFailed = 0x41;
inline constexpr std::uint8_t kRandomFailed = 0x47;
inline constexpr std::uint8_t kSelfTestFailed = 0x60;
inline constexpr std::uint8_t kSamNotAuthorised = 0x66;
inline constexpr std::uint8_t kFindFailed = 0x80;
inline constexpr std::uint8_t kSelectFailed = 0x81;
}  // namespace sw3

// "read card failed (0x41)": the meaning in words, with the code in hex.
std::string describe_sw3(std::uint8_t sw3);
// Whether SW3 is a documented code (the table of §2.3).
bool is_known_sw3(std::uint8_t sw3);

// XOR of LEN and body: frame[5] .. frame[N-2].
std::uint8_t checksum(std::span<const std::uint8_t> length_and_body);

// A complete frame around BODY (CMD PARA DATA or SW1 SW2 SW3 DATA).
Bytes encode_frame(std::span<const std::uint8_t> body);
Bytes encode_command(cmd::Code code, std::span<const std::uint8_t> data = {});
Bytes encode_reply(std::uint8_t sw1, std::uint8_t sw2, std::uint8_t sw3,
                   std::span<const std::uint8_t> data = {});

struct Command {
  std::uint8_t cmd = 0;
  std::uint8_t para = 0;
  Bytes data;
  cmd::Code code() const { return {cmd, para}; }
};

struct Reply {
  std::uint8_t sw1 = 0;
  std::uint8_t sw2 = 0;
  std::uint8_t sw3 = 0;
  Bytes data;
};

// A fault the decoder found in the byte stream. It has already resynchronised.
struct FrameFault {
  enum class Kind {
    checksum,   // XOR mismatch
    length,     // LEN too small for the frame kind, or larger than any GA 467 frame
    truncated,  // only from finish(): the stream ended inside a frame
  };
  Kind kind;
  std::string message;
};

// The body of a frame whose length and checksum were right.
struct RawFrame {
  Bytes body;
};

// Incremental decoder: feed bytes as they come (any split), take frames out. It hunts for the
// preamble, skipping garbage, reads LEN, waits for exactly LEN bytes, verifies the XOR. After
// a fault it resumes the hunt one byte after the bad preamble, so a real frame hidden behind a
// false start is still found. Memory is bounded by kMaxFrameSize.
class FrameDecoder {
 public:
  // MIN_LENGTH: the smallest LEN that makes sense (3 for commands, 4 for replies).
  explicit FrameDecoder(std::size_t min_length) : m_min_length(min_length) {}

  void feed(std::span<const std::uint8_t> bytes);
  // The next frame or fault, or nothing until more bytes are fed.
  std::optional<std::variant<RawFrame, FrameFault>> next();
  // At the end of the stream: a fault if a frame was started but not finished.
  std::optional<FrameFault> finish() const;
  void reset();

  // Bytes thrown away while hunting for a preamble, since construction or reset().
  std::size_t garbage_bytes() const { return m_garbage; }
  // Bytes held for a frame that is not complete yet.
  std::size_t buffered() const { return m_buffer.size() - m_start; }

 private:
  void compact();
  std::size_t m_min_length;
  Bytes m_buffer;
  std::size_t m_start = 0;
  std::size_t m_garbage = 0;
};

// Frame body -> reply / command. Nothing when the body is too short for the kind.
std::optional<Reply> parse_reply(std::span<const std::uint8_t> body);
std::optional<Command> parse_command(std::span<const std::uint8_t> body);

class ReplyDecoder {
 public:
  ReplyDecoder() : m_frames(4) {}
  void feed(std::span<const std::uint8_t> bytes) { m_frames.feed(bytes); }
  std::optional<std::variant<Reply, FrameFault>> next();
  std::optional<FrameFault> finish() const { return m_frames.finish(); }
  void reset() { m_frames.reset(); }
  std::size_t garbage_bytes() const { return m_frames.garbage_bytes(); }

 private:
  FrameDecoder m_frames;
};

class CommandDecoder {
 public:
  CommandDecoder() : m_frames(3) {}
  void feed(std::span<const std::uint8_t> bytes) { m_frames.feed(bytes); }
  std::optional<std::variant<Command, FrameFault>> next();
  void reset() { m_frames.reset(); }

 private:
  FrameDecoder m_frames;
};

// The data of a "read fixed info" reply (30 01 and 30 10): text-len, photo-len[, fp-len],
// then the blocks. The blocks are copied; the photo stays raw ("WLT", §3.6).
struct CardData {
  std::array<std::uint8_t, 256> text{};
  Bytes photo;        // 1024 bytes
  Bytes fingerprint;  // 0, 512 or 1024 bytes (30 10 only)
};
// Which read the data answers: 30 01 (text and photo) or 30 10, which adds a fingerprint
// block and a third length field.
enum class Fingerprint { absent, present };
std::expected<CardData, Error> parse_card_data(std::span<const std::uint8_t> data,
                                               Fingerprint fingerprint);
// The reply data for CARD (inverse of parse_card_data).
Bytes encode_card_data(const CardData& card, Fingerprint fingerprint);

}  // namespace drivers::idcard
