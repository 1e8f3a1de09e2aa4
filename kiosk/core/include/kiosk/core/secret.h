#pragma once
// Personal data held in memory (ID number, name, phone, bank account). The bytes are
// zeroed when the value is destroyed, reassigned or wiped, so a session that ends leaves
// nothing behind in freed heap memory. It does not encrypt, and it does not mask.
#include <string>
#include <string_view>

namespace kiosk::core {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string_view text) : m_text(text) {}
  Secret(const Secret& other) : m_text(other.m_text) {}
  Secret(Secret&& other) noexcept;
  Secret& operator=(const Secret& other);
  Secret& operator=(Secret&& other) noexcept;
  ~Secret() { wipe(); }

  // Zeroes every byte, then empties the value.
  void wipe() noexcept;

  // Deliberately named: every read of the plain text is visible in review.
  std::string_view reveal() const { return m_text; }
  bool empty() const { return m_text.empty(); }

  friend bool operator==(const Secret& a, const Secret& b) { return a.m_text == b.m_text; }

 private:
  std::string m_text;
};

// Zeroes a buffer in a way the optimiser may not remove.
void secure_zero(void* data, std::size_t size) noexcept;

}  // namespace kiosk::core
