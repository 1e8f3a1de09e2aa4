// UTF-8 edge cases: the boundaries of each sequence length, and every way a sequence can be
// invalid (each becomes one U+FFFD per byte that cannot start a valid character).
#include <catch2/catch.hpp>

#include <string>

#include "base/utf8.h"

using base::utf8_append;
using base::utf8_decode;
using base::utf8_encode;
using base::utf8_sequence_length;

TEST_CASE("utf8: the first and last code point of each length round-trip") {
  const std::u32string edges = {0x0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF};
  const std::string bytes = utf8_encode(edges);
  CHECK(bytes == std::string("\x00\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF"
                             "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF",
                             20));
  CHECK(utf8_decode(bytes) == edges);
  CHECK(utf8_encode(U"职工𠀀") == "职工𠀀");
  CHECK(utf8_decode("刘䶮𠀀") == U"刘䶮𠀀");
  CHECK(utf8_decode("").empty());
}

TEST_CASE("utf8: invalid bytes become U+FFFD and decoding goes on") {
  CHECK(utf8_decode("a\xFF"
                    "b") == U"a\uFFFDb");
  CHECK(utf8_decode("\x80") == U"\uFFFD");            // a lone continuation byte
  CHECK(utf8_decode("\xE4\xB8") == U"\uFFFD\uFFFD");  // truncated at the end
  CHECK(utf8_decode("\xE4\xB8"
                    "a") == U"\uFFFD\uFFFDa");                            // truncated before ASCII
  CHECK(utf8_decode("\xC0\x80") == U"\uFFFD\uFFFD");                      // overlong NUL
  CHECK(utf8_decode("\xE0\x80\xAF") == U"\uFFFD\uFFFD\uFFFD");            // overlong '/'
  CHECK(utf8_decode("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");            // a surrogate (U+D800)
  CHECK(utf8_decode("\xF4\x90\x80\x80") == U"\uFFFD\uFFFD\uFFFD\uFFFD");  // above U+10FFFF
  CHECK(utf8_decode("\xF8\x88\x80\x80\x80").size() == 5);  // 5-byte forms do not exist
}

TEST_CASE("utf8: what cannot be encoded is written as U+FFFD") {
  std::string out;
  utf8_append(out, 0xD800);
  utf8_append(out, 0x110000);
  CHECK(out == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("utf8: sequence length from the lead byte, never 0") {
  CHECK(utf8_sequence_length('a') == 1);
  CHECK(utf8_sequence_length(0xC3) == 2);
  CHECK(utf8_sequence_length(0xE8) == 3);
  CHECK(utf8_sequence_length(0xF0) == 4);
  CHECK(utf8_sequence_length(0x80) == 1);  // a continuation byte
  CHECK(utf8_sequence_length(0xFF) == 1);
}
