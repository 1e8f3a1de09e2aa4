#include "gb18030.h"

#include <array>
#include <cstring>

namespace drivers::printer::detail {
namespace {
const iconv_t kNone = reinterpret_cast<iconv_t>(-1);

std::optional<std::string> convert(iconv_t cd, const char* in, std::size_t in_size) {
  if (cd == kNone) return std::nullopt;
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  std::array<char, 16> out{};
  char* src = const_cast<char*>(in);
  char* dst = out.data();
  std::size_t src_left = in_size;
  std::size_t dst_left = out.size();
  if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1) || src_left != 0) {
    return std::nullopt;
  }
  return std::string(out.data(), out.size() - dst_left);
}

const char* code_page_name(int page) {
  switch (page) {
    case 0: return "CP437";
    case 2: return "CP850";
    case 3: return "CP860";
    case 4: return "CP863";
    case 5: return "CP865";
    case 16: return "CP1252";
    case 17: return "CP866";
    case 18: return "CP852";
    case 19: return "CP858";
    default: return nullptr;
  }
}
}  // namespace

// The descriptors open on first use: most byte streams never need one of them.
GbCodec::GbCodec() = default;

GbCodec::~GbCodec() {
  if (m_to_gb != kNone) iconv_close(m_to_gb);
  if (m_from_gb != kNone) iconv_close(m_from_gb);
  if (m_page != kNone) iconv_close(m_page);
}

std::optional<std::string> GbCodec::encode(char32_t cp) {
  if (cp < 0x80) return std::string(1, static_cast<char>(cp));
  if (m_to_gb == kNone) m_to_gb = iconv_open("GB18030", "UTF-32LE");
  std::array<unsigned char, 4> in{static_cast<unsigned char>(cp), static_cast<unsigned char>(cp >> 8),
                                  static_cast<unsigned char>(cp >> 16),
                                  static_cast<unsigned char>(cp >> 24)};
  return convert(m_to_gb, reinterpret_cast<const char*>(in.data()), in.size());
}

std::optional<char32_t> GbCodec::decode(const unsigned char* bytes, std::size_t size) {
  if (m_from_gb == kNone) m_from_gb = iconv_open("UTF-32LE", "GB18030");
  auto out = convert(m_from_gb, reinterpret_cast<const char*>(bytes), size);
  if (!out || out->size() != 4) return std::nullopt;
  char32_t cp = 0;
  for (int i = 3; i >= 0; --i) cp = (cp << 8) | static_cast<unsigned char>((*out)[i]);
  return cp;
}

std::optional<char32_t> GbCodec::decode_code_page(int page, unsigned char byte) {
  if (byte < 0x80) return byte;
  if (page != m_page_number) {
    if (m_page != kNone) iconv_close(m_page);
    const char* name = code_page_name(page);
    m_page = name ? iconv_open("UTF-32LE", name) : kNone;
    m_page_number = page;
  }
  char in = static_cast<char>(byte);
  auto out = convert(m_page, &in, 1);
  if (!out || out->size() != 4) return std::nullopt;
  char32_t cp = 0;
  for (int i = 3; i >= 0; --i) cp = (cp << 8) | static_cast<unsigned char>((*out)[i]);
  return cp;
}

bool printable_at(GbLevel level, const std::string& gb) {
  if (gb.size() == 1) return static_cast<unsigned char>(gb[0]) < 0x80;
  auto lead = static_cast<unsigned char>(gb[0]);
  auto trail = static_cast<unsigned char>(gb[1]);
  switch (level) {
    case GbLevel::none: return false;
    case GbLevel::gb2312:
      return gb.size() == 2 && lead >= 0xA1 && lead <= 0xF7 && trail >= 0xA1 && trail <= 0xFE;
    case GbLevel::gbk:
    case GbLevel::gb18030_2: return gb.size() == 2;
    case GbLevel::gb18030_4: return gb.size() == 2 || gb.size() == 4;
  }
  return false;
}

}  // namespace drivers::printer::detail
