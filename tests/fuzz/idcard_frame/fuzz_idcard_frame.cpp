// Fuzzes the GA 467 frame decoders with arbitrary byte streams fed in arbitrary pieces, and
// the card-data split of "read" replies. Invariants: a decoded reply re-encodes to a frame
// that decodes to the same reply; the decoder never holds more than one frame's worth.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "drivers/idcard/frame.h"

using namespace drivers::idcard;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the piece size (1, 5, 10, ... 1275 bytes), so one input is also many
  // split patterns. (Every split point of real frames is covered by the unit tests.)
  std::size_t piece = data[0] == 0 ? 1 : data[0] * 5u;
  std::span<const std::uint8_t> stream(data + 1, size - 1);

  // The simulator's side: the whole stream at once.
  CommandDecoder commands;
  commands.feed(stream);
  while (auto item = commands.next()) {
    if (auto* command = std::get_if<Command>(&*item)) {
      auto frame = encode_command(command->code(), command->data);
      if (frame.size() > kMaxFrameSize) std::abort();
    }
  }

  ReplyDecoder replies;
  for (std::size_t at = 0; at < stream.size(); at += piece) {
    auto chunk = stream.subspan(at, std::min(piece, stream.size() - at));
    replies.feed(chunk);
    while (auto item = replies.next()) {
      if (auto* reply = std::get_if<Reply>(&*item)) {
        auto frame = encode_reply(reply->sw1, reply->sw2, reply->sw3, reply->data);
        ReplyDecoder again;
        again.feed(frame);
        auto back = again.next();
        if (!back || !std::holds_alternative<Reply>(*back)) std::abort();
        const auto& r = std::get<Reply>(*back);
        if (r.sw3 != reply->sw3 || r.data != reply->data) std::abort();
        (void)describe_sw3(reply->sw3);
        (void)parse_card_data(reply->data, Fingerprint::absent);
        (void)parse_card_data(reply->data, Fingerprint::present);
      }
    }
  }
  (void)replies.finish();
  return 0;
}
