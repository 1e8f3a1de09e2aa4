#pragma once
// GB18030 through glibc iconv, one character at a time so that each character can be judged
// against the profile's GB level. Each object owns its iconv descriptors: not thread-safe.
#include <iconv.h>

#include <optional>
#include <string>

#include "drivers/printer/profile.h"

namespace drivers::printer::detail {

class GbCodec {
 public:
  GbCodec();
  ~GbCodec();
  GbCodec(const GbCodec&) = delete;
  GbCodec& operator=(const GbCodec&) = delete;

  // The GB18030 bytes of one character, or nullopt when GB18030 has no code for it.
  std::optional<std::string> encode(char32_t cp);
  // One character from 1, 2 or 4 GB18030 bytes, or nullopt for an invalid sequence.
  std::optional<char32_t> decode(const unsigned char* bytes, std::size_t size);
  // One character from a single-byte code page (ESC t); nullopt when unmapped.
  std::optional<char32_t> decode_code_page(int page, unsigned char byte);

 private:
  iconv_t m_to_gb = reinterpret_cast<iconv_t>(-1);
  iconv_t m_from_gb = reinterpret_cast<iconv_t>(-1);
  iconv_t m_page = reinterpret_cast<iconv_t>(-1);
  int m_page_number = -1;
};

// Whether a printer at that GB level has a glyph for these GB18030 bytes.
bool printable_at(GbLevel level, const std::string& gb_bytes);

}  // namespace drivers::printer::detail
