#pragma once
// The languages of the screens, the voice and the receipts.
namespace kiosk::core {

enum class Language { zh_CN, en };

const char* to_string(Language language);  // "zh-CN", "en"

}  // namespace kiosk::core
