#include <catch2/catch.hpp>

#include "drivers/printer/status.h"

using namespace drivers::printer;

namespace {
Status only_printer(std::uint8_t b) { return decode_status({.printer = b}); }
Status only_offline(std::uint8_t b) { return decode_status({.offline_cause = b}); }
Status only_error(std::uint8_t b) { return decode_status({.error_cause = b}); }
Status only_paper(std::uint8_t b) { return decode_status({.roll_paper = b}); }
}  // namespace

TEST_CASE("a DLE EOT reply is recognised by its fixed bits") {
  CHECK(is_status_reply(0x12));
  CHECK(is_status_reply(0x16));
  CHECK(is_status_reply(0x7E));
  CHECK_FALSE(is_status_reply(0x10));  // ASB first byte
  CHECK_FALSE(is_status_reply(0x13));  // XOFF
  CHECK_FALSE(is_status_reply(0x92));  // bit 7 set
  CHECK_FALSE(is_status_reply(0x02));  // bit 4 clear
}

TEST_CASE("all clear on every query means online with paper") {
  Status s = decode_status({0x12, 0x12, 0x12, 0x12});
  CHECK(s.replied);
  CHECK(s.online);
  CHECK(s.paper == Paper::ok);
  CHECK_FALSE(s.cover_open);
  CHECK_FALSE(s.problem().has_value());
  CHECK_FALSE(s.error_text().has_value());
}

TEST_CASE("DLE EOT 1: bit 3 is offline, the other bits do not matter") {
  CHECK_FALSE(only_printer(0x1A).online);
  CHECK_FALSE(only_printer(0x1E).online);  // offline, drawer pin high
  CHECK(only_printer(0x16).online);        // bit 2: drawer pin 3
  CHECK(only_printer(0x32).online);        // bit 5: waiting for recovery (model-dependent)
  CHECK(only_printer(0x52).online);        // bit 6: FEED button
  CHECK(only_printer(0x12).problem() == std::nullopt);
  CHECK(only_printer(0x1A).error_text() == "offline");
}

TEST_CASE("DLE EOT 2: cover open, FEED, paper end stop, error") {
  CHECK(only_offline(0x16).cover_open);
  CHECK(only_offline(0x16).problem()->find("cover") != std::string::npos);
  CHECK(only_offline(0x1A).feed_button);
  CHECK(only_offline(0x32).paper == Paper::out);
  CHECK(only_offline(0x32).problem()->find("paper") != std::string::npos);
  CHECK(only_offline(0x52).error);
  CHECK(only_offline(0x12).paper == Paper::ok);
  CHECK_FALSE(only_offline(0x16).online);  // without EOT 1 the causes imply offline
}

TEST_CASE("DLE EOT 3: recoverable, cutter, unrecoverable, auto-recoverable") {
  CHECK(only_error(0x16).recoverable_error);
  CHECK(only_error(0x1A).cutter_error);
  CHECK(only_error(0x1A).error_text() == "cutter error");
  CHECK(only_error(0x32).unrecoverable_error);
  CHECK(only_error(0x32).error_text() == "unrecoverable error");
  CHECK(only_error(0x52).auto_recoverable_error);
  CHECK_FALSE(only_error(0x12).problem().has_value());
}

TEST_CASE("DLE EOT 4: near end is a warning, paper end stops printing") {
  CHECK(only_paper(0x12).paper == Paper::ok);
  CHECK(only_paper(0x1E).paper == Paper::near_end);
  CHECK_FALSE(only_paper(0x1E).problem().has_value());
  CHECK(only_paper(0x72).paper == Paper::out);
  CHECK(only_paper(0x7E).paper == Paper::out);
  CHECK(only_paper(0x72).problem().has_value());
  CHECK(only_paper(0x16).paper == Paper::ok);  // one near-end bit alone is not near end
}

TEST_CASE("the worked example 1A 32 .. 7E reads as out of paper and offline") {
  Status s = decode_status({.printer = 0x1A, .offline_cause = 0x32, .roll_paper = 0x7E});
  CHECK_FALSE(s.online);
  CHECK(s.paper == Paper::out);
  CHECK(s.error_text() == "paper out");
}

TEST_CASE("a byte without the fixed bits is no reply") {
  Status s = decode_status({.printer = 0x00, .offline_cause = 0xFF});
  CHECK_FALSE(s.replied);
  CHECK(s.error_text() == "no reply");
  CHECK(s.problem()->find("did not answer") != std::string::npos);
}

TEST_CASE("ASB messages decode cover, cutter, unrecoverable and paper") {
  std::array<std::uint8_t, 4> clear{0x10, 0x00, 0x00, 0x00};
  CHECK(decode_asb(clear).online);
  std::array<std::uint8_t, 4> cover{0x38, 0x00, 0x00, 0x00};
  CHECK(decode_asb(cover).cover_open);
  CHECK_FALSE(decode_asb(cover).online);
  std::array<std::uint8_t, 4> cutter{0x10, 0x08, 0x00, 0x00};
  CHECK(decode_asb(cutter).cutter_error);
  std::array<std::uint8_t, 4> fatal{0x10, 0x20, 0x00, 0x00};
  CHECK(decode_asb(fatal).unrecoverable_error);
  std::array<std::uint8_t, 4> near{0x10, 0x00, 0x03, 0x00};
  CHECK(decode_asb(near).paper == Paper::near_end);
  std::array<std::uint8_t, 4> out{0x10, 0x00, 0x0F, 0x00};
  CHECK(decode_asb(out).paper == Paper::out);
  std::array<std::uint8_t, 4> bad{0x12, 0x00, 0x00, 0x00};
  CHECK_FALSE(decode_asb(bad).replied);
}

TEST_CASE("GS r 1 paper sensor replies") {
  CHECK(decode_gs_r_paper(0x00) == Paper::ok);
  CHECK(decode_gs_r_paper(0x03) == Paper::near_end);
  CHECK(decode_gs_r_paper(0x0C) == Paper::out);
  CHECK(decode_gs_r_paper(0x0F) == Paper::out);
  CHECK(decode_gs_r_paper(0x12) == Paper::unknown);
}

TEST_CASE("the reply parser tells DLE EOT, ASB, GS r, XON and blocks apart across chunks") {
  ReplyParser parser;
  std::vector<std::uint8_t> stream{0x13, 0x12, 0x10, 0x00, 0x03, 0x00, 0x0F, 0x5F, 'T', 'M', 0x00, 0x7E};
  for (std::uint8_t b : stream) parser.feed(std::span(&b, 1));
  std::vector<Reply::Kind> kinds;
  while (auto r = parser.next()) kinds.push_back(r->kind);
  using K = Reply::Kind;
  CHECK(kinds == std::vector<K>{K::xon_xoff, K::dle_eot, K::asb, K::gs_r, K::block, K::dle_eot});
}

TEST_CASE("a broken ASB message does not swallow the next reply") {
  ReplyParser parser;
  std::vector<std::uint8_t> stream{0x10, 0x00, 0x12};
  parser.feed(stream);
  auto first = parser.next();
  REQUIRE(first);
  CHECK(first->kind == Reply::Kind::unknown);
  auto second = parser.next();
  REQUIRE(second);
  CHECK(second->kind == Reply::Kind::dle_eot);
  CHECK(second->bytes == std::vector<std::uint8_t>{0x12});
}
