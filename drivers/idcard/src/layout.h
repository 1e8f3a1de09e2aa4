#pragma once
// Byte offsets of the text block's fields (reference/idcard.md §3.2-3.4), shared by the
// decoder and the fixture encoder so the two cannot drift apart.
#include <cstddef>
#include <span>
#include <string_view>

#include "drivers/idcard/identity.h"

namespace drivers::idcard::layout {

struct Field {
  std::string_view key;  // the fixture file's name for it
  std::size_t offset;    // bytes
  std::size_t chars;     // UTF-16 code units
};

inline constexpr std::size_t kTypeOffset = 248;

// Layout A: resident card and 'J' permit.
inline constexpr Field kResident[] = {
    {"name", 0, 15},          {"sex", 30, 1},          {"nation", 32, 2},
    {"birth", 36, 8},         {"address", 52, 35},     {"number", 122, 18},
    {"issuer", 158, 15},      {"valid_from", 188, 8},  {"valid_to", 204, 8},
    {"pass_number", 220, 9},  {"issue_count", 238, 2},
};
// Layout B: 'I'.
inline constexpr Field kForeign[] = {
    {"name_en", 0, 60},     {"sex", 120, 1},         {"number", 122, 15},
    {"nationality", 152, 3}, {"name", 158, 15},      {"valid_from", 188, 8},
    {"valid_to", 204, 8},   {"birth", 220, 8},       {"card_version", 236, 2},
    {"issuer", 240, 4},
};
// Layout C: 'Y'. The English name runs on from 52 (35 chars) into 220 (11 chars).
inline constexpr Field kForeign2023[] = {
    {"name", 0, 15},         {"sex", 30, 1},            {"renewal_count", 32, 2},
    {"birth", 36, 8},        {"name_en", 52, 35},       {"number", 122, 18},
    {"valid_from", 188, 8},  {"valid_to", 204, 8},      {"name_en_2", 220, 11},
    {"nationality", 242, 3}, {"previous_number", 250, 3},
};

inline std::span<const Field> fields_of(CardType type) {
  switch (type) {
    case CardType::resident:
    case CardType::hk_mo_tw_permit: return kResident;
    case CardType::foreign_permanent: return kForeign;
    case CardType::foreign_permanent_2023: return kForeign2023;
  }
  return kResident;
}

inline char16_t type_flag(CardType type) {
  switch (type) {
    case CardType::resident: return u' ';
    case CardType::hk_mo_tw_permit: return u'J';
    case CardType::foreign_permanent: return u'I';
    case CardType::foreign_permanent_2023: return u'Y';
  }
  return u' ';
}

}  // namespace drivers::idcard::layout
