#pragma once
// The size of the screens' text: the large-text mode (大字模式) is for people who read poorly.
// Large text also means fewer items per screen and a longer idle timeout.
namespace kiosk::core {

enum class TextSize { normal, large };

}  // namespace kiosk::core
