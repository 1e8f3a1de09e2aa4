#include "pattern.h"

#include <stdexcept>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <fmt/core.h>
#include <pcre2.h>

namespace server {

struct Pattern::Code {
  pcre2_code* code = nullptr;
  ~Code() { pcre2_code_free(code); }
};

Pattern Pattern::compile(const std::string& pattern) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  auto code = std::make_shared<Code>();
  code->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                             PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &error, &offset, nullptr);
  if (code->code == nullptr) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    throw std::runtime_error(fmt::format("pattern {} does not compile at offset {}: {}", pattern,
                                         offset, reinterpret_cast<const char*>(message)));
  }
  pcre2_jit_compile(code->code, PCRE2_JIT_COMPLETE);  // without a JIT, matching still works
  Pattern p;
  p.m_code = std::move(code);
  return p;
}

bool Pattern::search(std::string_view text) const {
  pcre2_match_data* match = pcre2_match_data_create_from_pattern(m_code->code, nullptr);
  if (match == nullptr) throw std::bad_alloc();
  // Invalid UTF-8 is no match (PCRE2 refuses it), never undefined behaviour.
  const int rc = pcre2_match(m_code->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(),
                             0, 0, match, nullptr);
  pcre2_match_data_free(match);
  return rc >= 0;
}

}  // namespace server
