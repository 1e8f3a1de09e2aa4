#pragma once
#include <string>
#include <string_view>

#include "drivers/serial/port.h"

namespace drivers::serial {
// An Error for a failed system call, with a kind from errno and a hint a person can act on.
Error system_error(const std::string& path, std::string_view action, int err);
}  // namespace drivers::serial
