#pragma once
// The visitor helper for std::visit over a set of lambdas.
namespace kiosk::core {
template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
}  // namespace kiosk::core
