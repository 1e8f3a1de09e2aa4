#pragma once
// Reading the attributes we need out of an IPP response (bytes the printer sent, parsed by
// libcups). Private to drivers_ipp; the fuzzer feeds it responses built from raw bytes.
#include <cups/ipp.h>

#include <expected>
#include <string>

#include "drivers/ipp/status.h"

namespace drivers::ipp::detail {

PrinterStatus decode_printer_status(ipp_t* response);
// An error text when job-state is missing or not a job state.
std::expected<JobAttributes, std::string> decode_job(ipp_t* response);

}  // namespace drivers::ipp::detail
