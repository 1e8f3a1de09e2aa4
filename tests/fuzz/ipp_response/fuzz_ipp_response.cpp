// Raw bytes as an IPP response: libcups parses them, drivers_ipp decodes the printer and job
// attributes and turns them into a status and a sentence. Also the bytes as a printer target.
#include <cups/ipp.h>

#include <cstdint>
#include <cstring>
#include <string_view>

#include "decode.h"
#include "drivers/ipp/status.h"
#include "drivers/ipp/target.h"

namespace {

struct Reader {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t at = 0;
};

ssize_t read_bytes(void* context, ipp_uchar_t* buffer, size_t wanted) {
  auto* r = static_cast<Reader*>(context);
  std::size_t n = std::min(wanted, r->size - r->at);
  std::memcpy(buffer, r->data + r->at, n);
  r->at += n;
  return static_cast<ssize_t>(n);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)drivers::ipp::parse_target(std::string_view(reinterpret_cast<const char*>(data), size));

  Reader reader{data, size};
  ipp_t* response = ippNew();
  ipp_state_t state = ippReadIO(&reader, read_bytes, 1, nullptr, response);
  if (state == IPP_STATE_DATA) {
    auto printer = drivers::ipp::detail::decode_printer_status(response);
    auto job = drivers::ipp::detail::decode_job(response);
    drivers::ipp::JobAttributes attributes = job ? *job : drivers::ipp::JobAttributes{};
    auto status = drivers::ipp::classify(attributes, printer);
    (void)drivers::ipp::describe(status, attributes, printer, "ipp://127.0.0.1/ipp/print");
  }
  ippDelete(response);
  return 0;
}
