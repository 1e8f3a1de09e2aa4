#pragma once
// UTF-8 <-> code points, once for the whole tree (card text, receipts, masks).
#include <string>
#include <string_view>

namespace base {

// U+FFFD, what every invalid sequence decodes to.
inline constexpr char32_t kReplacement = U'\uFFFD';

// Code points of TEXT. Each invalid sequence (bad lead or continuation byte, truncation,
// overlong form, surrogate, above U+10FFFF) becomes one U+FFFD and decoding resumes at the
// next byte, so no input is lost silently and none makes it fail.
std::u32string utf8_decode(std::string_view text);

// Appends CP as UTF-8; a surrogate or a value above U+10FFFF appends U+FFFD instead.
void utf8_append(std::string& out, char32_t cp);
std::string utf8_encode(std::u32string_view text);

// How many bytes the sequence that LEAD starts claims (1 to 4); 1 for a byte that cannot
// start one (a continuation byte, 0xF8 and above), so splitting never stalls.
std::size_t utf8_sequence_length(unsigned char lead);

}  // namespace base
