// The GA 467 frame codec, including the pitfalls of reference/idcard.md §6.2 that live at the
// byte level (1 fixed sizes, 2 SW1/SW2, 3 success codes, 6 constants and buffers, 7 checksums,
// 11 health check).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "drivers/idcard/frame.h"

using namespace drivers::idcard;

namespace {
Bytes hex(const std::string& text) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < text.size();) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    out.push_back(static_cast<std::uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
    i += 2;
  }
  return out;
}

std::vector<std::variant<Reply, FrameFault>> drain(ReplyDecoder& decoder) {
  std::vector<std::variant<Reply, FrameFault>> out;
  while (auto item = decoder.next()) out.push_back(std::move(*item));
  return out;
}

CardData sample_card(std::size_t fingerprint_bytes = 0) {
  CardData card;
  for (std::size_t i = 0; i < card.text.size(); ++i) card.text[i] = static_cast<std::uint8_t>(i);
  card.photo.resize(1024);
  for (std::size_t i = 0; i < 1024; ++i) card.photo[i] = static_cast<std::uint8_t>(255 - i % 256);
  card.fingerprint.assign(fingerprint_bytes, 0x5A);
  return card;
}
}  // namespace

TEST_CASE("command frames match the reference table byte for byte (pitfalls 6, 7, 11)") {
  CHECK(encode_command(cmd::kResetSam) == hex("AA AA AA 96 69 00 03 10 FF EC"));
  CHECK(encode_command(cmd::kSamStatus) == hex("AA AA AA 96 69 00 03 11 FF ED"));
  CHECK(encode_command(cmd::kSamId) == hex("AA AA AA 96 69 00 03 12 FF EE"));
  CHECK(encode_command(cmd::kFindCard) == hex("AA AA AA 96 69 00 03 20 01 22"));
  CHECK(encode_command(cmd::kSelectCard) == hex("AA AA AA 96 69 00 03 20 02 21"));
  CHECK(encode_command(cmd::kReadBase) == hex("AA AA AA 96 69 00 03 30 01 32"));
  CHECK(encode_command(cmd::kReadAppended) == hex("AA AA AA 96 69 00 03 30 03 30"));
  CHECK(encode_command(cmd::kReadBaseFingerprint) == hex("AA AA AA 96 69 00 03 30 10 23"));
  CHECK(encode_command({cmd::kSetBaud, 0x00}) == hex("AA AA AA 96 69 00 03 60 00 63"));
  CHECK(encode_command({cmd::kSetBaud, 0x04}) == hex("AA AA AA 96 69 00 03 60 04 67"));
  const std::uint8_t rf[] = {0x50};
  CHECK(encode_command(cmd::kSetMaxRfBytes, rf) == hex("AA AA AA 96 69 00 04 61 FF 50 CA"));
  // The health check is 11 FF, not the SAM-ID command (pitfall 11); reset is 10 (pitfall 6).
  CHECK(cmd::kSamStatus == cmd::Code{0x11, 0xFF});
  CHECK(cmd::kResetSam.cmd == 0x10);
}

TEST_CASE("reply frames match the reference examples, incl. the one typed wrong in the wild") {
  CHECK(encode_reply(0, 0, sw3::kOk) == hex("AA AA AA 96 69 00 04 00 00 90 94"));
  CHECK(encode_reply(0, 0, sw3::kFindOk, Bytes(4, 0)) ==
        hex("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"));
  CHECK(encode_reply(0, 0, sw3::kOk, Bytes(8, 0)) ==
        hex("AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C"));
  CHECK(encode_reply(0, 0, sw3::kFindFailed) == hex("AA AA AA 96 69 00 04 00 00 80 84"));
  // Pitfall 7: "select failed" is ...81 85; a hand-typed "...80 85" does not decode.
  CHECK(encode_reply(0, 0, sw3::kSelectFailed) == hex("AA AA AA 96 69 00 04 00 00 81 85"));
  CHECK(encode_reply(0, 0, sw3::kReadFailed) == hex("AA AA AA 96 69 00 04 00 00 41 45"));
  ReplyDecoder decoder;
  decoder.feed(hex("AA AA AA 96 69 00 04 00 00 80 85"));
  auto items = drain(decoder);
  REQUIRE(items.size() == 1);
  REQUIRE(std::holds_alternative<FrameFault>(items[0]));
  CHECK(std::get<FrameFault>(items[0]).kind == FrameFault::Kind::checksum);
}

TEST_CASE("the read reply is 1295 bytes with text at 14 and photo at 270") {
  auto card = sample_card();
  auto frame = encode_reply(0, 0, sw3::kOk, encode_card_data(card, Fingerprint::absent));
  REQUIRE(frame.size() == 1295);
  CHECK(Bytes(frame.begin(), frame.begin() + 14) == hex("AA AA AA 96 69 05 08 00 00 90 01 00 04 00"));
  CHECK(std::equal(card.text.begin(), card.text.end(), frame.begin() + 14));
  CHECK(std::equal(card.photo.begin(), card.photo.end(), frame.begin() + 270));
  CHECK(frame[1294] == checksum(std::span(frame).subspan(5, 1289)));
}

TEST_CASE("every split point of a read reply gives the same single reply (pitfall 1)") {
  auto card = sample_card();
  auto frame = encode_reply(0, 0, sw3::kOk, encode_card_data(card, Fingerprint::absent));
  for (std::size_t split = 0; split <= frame.size(); ++split) {
    ReplyDecoder decoder;
    decoder.feed(std::span(frame).first(split));
    auto early = drain(decoder);
    REQUIRE(early.size() == (split == frame.size() ? 1u : 0u));
    decoder.feed(std::span(frame).subspan(split));
    auto late = drain(decoder);
    REQUIRE(early.size() + late.size() == 1);
    const auto& item = early.empty() ? late[0] : early[0];
    REQUIRE(std::holds_alternative<Reply>(item));
    CHECK(std::get<Reply>(item).data.size() == 1284);
  }
  ReplyDecoder bytewise;
  std::size_t replies = 0;
  for (auto b : frame) {
    bytewise.feed(std::span(&b, 1));
    replies += drain(bytewise).size();
  }
  CHECK(replies == 1);
}

TEST_CASE("noise before, between and after frames is skipped and counted") {
  ReplyDecoder decoder;
  Bytes stream = hex("00 FF AA AA 96 13");
  auto a = encode_reply(0, 0, sw3::kFindOk, Bytes(4, 0));
  auto b = encode_reply(0, 0, sw3::kOk);
  stream.insert(stream.end(), a.begin(), a.end());
  stream.push_back(0x42);
  stream.insert(stream.end(), b.begin(), b.end());
  stream.push_back(0xAA);
  decoder.feed(stream);
  auto items = drain(decoder);
  REQUIRE(items.size() == 2);
  CHECK(std::get<Reply>(items[0]).sw3 == sw3::kFindOk);
  CHECK(std::get<Reply>(items[1]).sw3 == sw3::kOk);
  CHECK(decoder.garbage_bytes() == 7);
  CHECK_FALSE(decoder.finish());  // a lone AA is not a started frame
}

TEST_CASE("a false preamble in noise costs a length fault, not the real frame behind it") {
  ReplyDecoder decoder;
  Bytes stream = hex("AA AA AA 96 69 7F FF");  // LEN 32767: no GA 467 frame is that long
  auto real = encode_reply(0, 0, sw3::kOk);
  stream.insert(stream.end(), real.begin(), real.end());
  decoder.feed(stream);
  auto items = drain(decoder);
  REQUIRE(items.size() == 2);
  REQUIRE(std::holds_alternative<FrameFault>(items[0]));
  CHECK(std::get<FrameFault>(items[0]).kind == FrameFault::Kind::length);
  CHECK(std::get<FrameFault>(items[0]).message.starts_with("length"));
  CHECK(std::get<Reply>(items[1]).sw3 == sw3::kOk);

  ReplyDecoder small;
  small.feed(hex("AA AA AA 96 69 00 02 00 02"));
  auto fault = small.next();
  REQUIRE(fault);
  CHECK(std::get<FrameFault>(*fault).kind == FrameFault::Kind::length);
}

TEST_CASE("a checksum fault is reported and the next frame still decodes") {
  ReplyDecoder decoder;
  auto bad = encode_reply(0, 0, sw3::kOk, Bytes(8, 0));
  bad.back() ^= 0x01;
  auto good = encode_reply(0, 0, sw3::kFindFailed);
  decoder.feed(bad);
  decoder.feed(good);
  auto items = drain(decoder);
  REQUIRE(items.size() == 2);
  CHECK(std::get<FrameFault>(items[0]).kind == FrameFault::Kind::checksum);
  CHECK(std::get<FrameFault>(items[0]).message.starts_with("checksum"));
  CHECK(std::get<Reply>(items[1]).sw3 == sw3::kFindFailed);
}

TEST_CASE("a frame cut short is reported as truncated at the end of the stream") {
  auto frame = encode_reply(0, 0, sw3::kOk, encode_card_data(sample_card(), Fingerprint::absent));
  ReplyDecoder decoder;
  decoder.feed(std::span(frame).first(700));
  CHECK(drain(decoder).empty());
  auto fault = decoder.finish();
  REQUIRE(fault);
  CHECK(fault->kind == FrameFault::Kind::truncated);
  CHECK(fault->message.starts_with("truncated"));

  ReplyDecoder header_only;
  header_only.feed(std::span(frame).first(6));
  CHECK(drain(header_only).empty());
  REQUIRE(header_only.finish());
}

TEST_CASE("the largest reply (two fingerprints, 2321 bytes) fits (pitfall 6)") {
  for (std::size_t fp : {0u, 512u, 1024u}) {
    auto card = sample_card(fp);
    auto frame = encode_reply(0, 0, sw3::kOk, encode_card_data(card, Fingerprint::present));
    CHECK(frame.size() == 1297 + fp);
    ReplyDecoder decoder;
    decoder.feed(frame);
    auto item = decoder.next();
    REQUIRE(item);
    auto parsed = parse_card_data(std::get<Reply>(*item).data, Fingerprint::present);
    REQUIRE(parsed);
    CHECK(parsed->fingerprint.size() == fp);
    CHECK(parsed->photo == card.photo);
  }
  CHECK(kMaxFrameSize == 2321);
}

TEST_CASE("garbage alone never grows the decoder's buffer") {
  ReplyDecoder decoder;
  Bytes junk(100000);
  for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<std::uint8_t>(i * 13 % 0xA0);
  decoder.feed(junk);
  CHECK(drain(decoder).empty());
  CHECK(decoder.garbage_bytes() >= junk.size() - 4);
}

TEST_CASE("SW1/SW2 are carried but never decide (pitfall 2)") {
  ReplyDecoder decoder;
  decoder.feed(encode_reply(0x6A, 0x82, sw3::kReadFailed));
  auto item = decoder.next();
  REQUIRE(item);
  const auto& reply = std::get<Reply>(*item);
  CHECK(reply.sw1 == 0x6A);
  CHECK(reply.sw2 == 0x82);
  CHECK(reply.sw3 == sw3::kReadFailed);
}

TEST_CASE("status words have their documented meanings (pitfall 3)") {
  CHECK(describe_sw3(0x9F) == "card found (0x9F)");
  CHECK(describe_sw3(0x80).find("no card") != std::string::npos);
  CHECK(describe_sw3(0x91).find("no content") != std::string::npos);
  CHECK(describe_sw3(0x66).find("not authorised") != std::string::npos);
  CHECK(describe_sw3(0x41).find("0x41") != std::string::npos);
  CHECK(describe_sw3(0xA1) == "undocumented status (0xA1)");
  CHECK(is_known_sw3(0x47));
  CHECK_FALSE(is_known_sw3(0xA1));
}

TEST_CASE("card data lengths must add up") {
  auto data = encode_card_data(sample_card(), Fingerprint::absent);
  CHECK(parse_card_data(data, Fingerprint::absent));
  auto short_by_one = data;
  short_by_one.pop_back();
  auto e = parse_card_data(short_by_one, Fingerprint::absent);
  REQUIRE_FALSE(e);
  CHECK(e.error().kind == Error::Kind::data);
  auto wrong_text = data;
  wrong_text[0] = 0x02;
  CHECK_FALSE(parse_card_data(wrong_text, Fingerprint::absent));
  CHECK_FALSE(parse_card_data(Bytes{0x01}, Fingerprint::absent));
  // The photo is kept as the raw bytes, never interpreted (pitfall 12).
  auto parsed = parse_card_data(data, Fingerprint::absent);
  CHECK(parsed->photo == sample_card().photo);
}

TEST_CASE("commands decode on the simulator's side") {
  CommandDecoder decoder;
  const std::uint8_t rf[] = {0x50};
  auto a = encode_command(cmd::kFindCard);
  auto b = encode_command(cmd::kSetMaxRfBytes, rf);
  decoder.feed(a);
  decoder.feed(b);
  auto first = decoder.next();
  auto second = decoder.next();
  REQUIRE(first);
  REQUIRE(second);
  CHECK(std::get<Command>(*first).code() == cmd::kFindCard);
  CHECK(std::get<Command>(*second).data == Bytes{0x50});
  CHECK_FALSE(decoder.next());
}
