#pragma once
// How personal data is shown on screens, receipts and in logs.
#include <string>
#include <string_view>

namespace kiosk::core {

// "张三丰" -> "张**"; a Latin name keeps its first letter. Counts UTF-8 characters.
std::string mask_name(std::string_view utf8_name);
// At most the first 6 and the last 4 characters shown: "110101********123X".
std::string mask_id_number(std::string_view id_number);
// "13812345678" -> "138****5678".
std::string mask_phone(std::string_view phone);
// "6222021234567890123" -> "**** 0123".
std::string mask_bank_account(std::string_view account);

}  // namespace kiosk::core
