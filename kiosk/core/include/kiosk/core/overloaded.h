#pragma once
// The visitor helper for std::visit over a set of lambdas.
namespace kiosk::core {
template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
// Clang 16 (the fuzz build) does not deduce aggregate template arguments by itself.
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;
}  // namespace kiosk::core
