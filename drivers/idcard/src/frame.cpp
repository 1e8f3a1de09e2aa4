#include "drivers/idcard/frame.h"

#include <algorithm>
#include <cstring>

#include <fmt/core.h>

namespace drivers::idcard {
namespace {

struct Sw3Meaning {
  std::uint8_t code;
  const char* words;
};
constexpr Sw3Meaning kSw3Meanings[] = {
    {0x90, "operation succeeded"},
    {0x91, "the card has no content for this item"},
    {0x9F, "card found"},
    {0x10, "the reader received a frame with a bad checksum"},
    {0x11, "the reader received a frame with a bad length"},
    {0x21, "the reader rejected the command (bad value or combination)"},
    {0x23, "operation not authorised"},
    {0x24, "unrecognised error"},
    {0x31, "the card failed to authenticate the SAM"},
    {0x32, "the SAM failed to authenticate the card"},
    {0x33, "information verification error"},
    {0x40, "not an ID card (unrecognised card type)"},
    {0x41, "reading the card failed (card moved or lifted?)"},
    {0x47, "getting a random number from the card failed"},
    {0x60, "the SAM failed its self-test and accepts no commands"},
    {0x66, "the SAM is not authorised and cannot be used"},
    {0x80, "no card found (or the card just read is still on the reader)"},
    {0x81, "selecting the card failed"},
};

std::uint16_t be16(std::span<const std::uint8_t> bytes, std::size_t at) {
  return static_cast<std::uint16_t>(bytes[at] << 8 | bytes[at + 1]);
}

// The first preamble in BYTES, or an empty span. memchr keeps the hunt through long stretches
// of noise cheap.
std::span<const std::uint8_t> find_preamble(std::span<const std::uint8_t> bytes) {
  std::size_t at = 0;
  while (at + kPreamble.size() <= bytes.size()) {
    const void* hit = std::memchr(bytes.data() + at, kPreamble[0], bytes.size() - at - 4);
    if (hit == nullptr) break;
    at = static_cast<std::size_t>(static_cast<const std::uint8_t*>(hit) - bytes.data());
    if (std::memcmp(bytes.data() + at, kPreamble.data(), kPreamble.size()) == 0) {
      return bytes.subspan(at, kPreamble.size());
    }
    ++at;
  }
  return {};
}

void put_be16(Bytes& out, std::size_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}

}  // namespace

std::string describe_sw3(std::uint8_t sw3) {
  for (const auto& meaning : kSw3Meanings) {
    if (meaning.code == sw3) return fmt::format("{} (0x{:02X})", meaning.words, sw3);
  }
  return fmt::format("undocumented status (0x{:02X})", sw3);
}

bool is_known_sw3(std::uint8_t sw3) {
  return std::ranges::any_of(kSw3Meanings, [&](const auto& m) { return m.code == sw3; });
}

std::uint8_t checksum(std::span<const std::uint8_t> length_and_body) {
  std::uint8_t x = 0;
  for (auto b : length_and_body) x ^= b;
  return x;
}

Bytes encode_frame(std::span<const std::uint8_t> body) {
  Bytes frame(kPreamble.begin(), kPreamble.end());
  put_be16(frame, body.size() + 1);
  frame.insert(frame.end(), body.begin(), body.end());
  frame.push_back(checksum(std::span(frame).subspan(5)));
  return frame;
}

Bytes encode_command(cmd::Code code, std::span<const std::uint8_t> data) {
  Bytes body{code.cmd, code.para};
  body.insert(body.end(), data.begin(), data.end());
  return encode_frame(body);
}

Bytes encode_reply(std::uint8_t sw1, std::uint8_t sw2, std::uint8_t sw3,
                   std::span<const std::uint8_t> data) {
  Bytes body{sw1, sw2, sw3};
  body.insert(body.end(), data.begin(), data.end());
  return encode_frame(body);
}

void FrameDecoder::feed(std::span<const std::uint8_t> bytes) {
  compact();
  if (bytes.empty()) return;
  std::size_t old = m_buffer.size();
  if (m_buffer.capacity() < old + bytes.size()) {
    m_buffer.reserve(std::max(old + bytes.size(), old * 2));
  }
  m_buffer.resize(old + bytes.size());
  std::memcpy(m_buffer.data() + old, bytes.data(), bytes.size());
}

void FrameDecoder::compact() {
  if (m_start == 0) return;
  if (m_start == m_buffer.size() || m_start >= 4096) {
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(m_start));
    m_start = 0;
  }
}

void FrameDecoder::reset() {
  m_buffer.clear();
  m_start = 0;
  m_garbage = 0;
}

std::optional<std::variant<RawFrame, FrameFault>> FrameDecoder::next() {
  std::span<const std::uint8_t> pending(m_buffer.data() + m_start, m_buffer.size() - m_start);
  auto found = find_preamble(pending);
  if (found.empty()) {
    // Keep a tail that may be the start of a preamble; the rest is garbage.
    std::size_t keep = std::min<std::size_t>(pending.size(), kPreamble.size() - 1);
    m_garbage += pending.size() - keep;
    m_start += pending.size() - keep;
    compact();
    return std::nullopt;
  }
  auto skip = static_cast<std::size_t>(found.data() - pending.data());
  m_garbage += skip;
  m_start += skip;
  pending = pending.subspan(skip);
  if (pending.size() < kHeaderSize) return std::nullopt;

  std::size_t length = be16(pending, 5);
  if (length < m_min_length || length > kMaxLength) {
    m_start += 1;  // resume the hunt inside the false start
    return FrameFault{FrameFault::Kind::length,
                      length < m_min_length
                          ? fmt::format("length: LEN {} is below the minimum {} for this frame",
                                        length, m_min_length)
                          : fmt::format("length: LEN {} exceeds the largest GA 467 frame ({})",
                                        length, kMaxLength)};
  }
  if (pending.size() < kHeaderSize + length) return std::nullopt;

  auto covered = pending.subspan(5, 2 + length);  // LEN, body, CHK
  std::uint8_t expected = checksum(covered.first(covered.size() - 1));
  std::uint8_t got = covered.back();
  if (expected != got) {
    m_start += 1;
    return FrameFault{FrameFault::Kind::checksum,
                      fmt::format("checksum: frame of {} bytes has XOR 0x{:02X} but says 0x{:02X} "
                                  "(garbled on the line?)",
                                  kHeaderSize + length, expected, got)};
  }
  RawFrame frame{Bytes(pending.begin() + kHeaderSize, pending.begin() + kHeaderSize + length - 1)};
  m_start += kHeaderSize + length;
  compact();
  return frame;
}

std::optional<FrameFault> FrameDecoder::finish() const {
  std::span<const std::uint8_t> pending(m_buffer.data() + m_start, m_buffer.size() - m_start);
  if (pending.size() < kPreamble.size() || !std::ranges::equal(pending.first(5), kPreamble)) {
    return std::nullopt;
  }
  if (pending.size() < kHeaderSize) {
    return FrameFault{FrameFault::Kind::truncated,
                      "truncated: the stream ends after the preamble, before the length field"};
  }
  std::size_t length = be16(pending, 5);
  return FrameFault{FrameFault::Kind::truncated,
                    fmt::format("truncated: the frame announces {} bytes after its header but "
                                "only {} arrived",
                                length, pending.size() - kHeaderSize)};
}

std::optional<Reply> parse_reply(std::span<const std::uint8_t> body) {
  if (body.size() < 3) return std::nullopt;
  return Reply{body[0], body[1], body[2], Bytes(body.begin() + 3, body.end())};
}

std::optional<Command> parse_command(std::span<const std::uint8_t> body) {
  if (body.size() < 2) return std::nullopt;
  return Command{body[0], body[1], Bytes(body.begin() + 2, body.end())};
}

std::optional<std::variant<Reply, FrameFault>> ReplyDecoder::next() {
  auto item = m_frames.next();
  if (!item) return std::nullopt;
  if (auto* fault = std::get_if<FrameFault>(&*item)) return *fault;
  // The frame decoder's minimum length guarantees SW1 SW2 SW3.
  return *parse_reply(std::get<RawFrame>(*item).body);
}

std::optional<std::variant<Command, FrameFault>> CommandDecoder::next() {
  auto item = m_frames.next();
  if (!item) return std::nullopt;
  if (auto* fault = std::get_if<FrameFault>(&*item)) return *fault;
  return *parse_command(std::get<RawFrame>(*item).body);
}

std::expected<CardData, Error> parse_card_data(std::span<const std::uint8_t> data,
                                               Fingerprint fingerprint) {
  const bool with_fingerprint = fingerprint == Fingerprint::present;
  const std::size_t header = with_fingerprint ? 6 : 4;
  auto fail = [](std::string message) {
    return std::unexpected(Error{Error::Kind::data, std::move(message)});
  };
  if (data.size() < header) {
    return fail(fmt::format("card data of {} bytes is shorter than its {}-byte length header",
                            data.size(), header));
  }
  std::size_t text_len = be16(data, 0);
  std::size_t photo_len = be16(data, 2);
  std::size_t fp_len = with_fingerprint ? be16(data, 4) : 0;
  if (text_len != 256) {
    return fail(fmt::format("card text block is {} bytes; GA 467 cards have 256", text_len));
  }
  if (header + text_len + photo_len + fp_len != data.size()) {
    return fail(fmt::format(
        "card data lengths (text {}, photo {}, fingerprint {}) do not add up to the {} bytes "
        "received",
        text_len, photo_len, fp_len, data.size() - header));
  }
  CardData card;
  auto at = data.subspan(header);
  std::ranges::copy(at.first(256), card.text.begin());
  at = at.subspan(256);
  card.photo.assign(at.begin(), at.begin() + static_cast<std::ptrdiff_t>(photo_len));
  at = at.subspan(photo_len);
  card.fingerprint.assign(at.begin(), at.end());
  return card;
}

Bytes encode_card_data(const CardData& card, Fingerprint fingerprint) {
  const bool with_fingerprint = fingerprint == Fingerprint::present;
  Bytes out;
  put_be16(out, card.text.size());
  put_be16(out, card.photo.size());
  if (with_fingerprint) put_be16(out, card.fingerprint.size());
  out.insert(out.end(), card.text.begin(), card.text.end());
  out.insert(out.end(), card.photo.begin(), card.photo.end());
  if (with_fingerprint) out.insert(out.end(), card.fingerprint.begin(), card.fingerprint.end());
  return out;
}

}  // namespace drivers::idcard
