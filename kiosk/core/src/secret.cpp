#include "kiosk/core/secret.h"

#include <utility>

namespace kiosk::core {

void secure_zero(void* data, std::size_t size) noexcept {
  auto* bytes = static_cast<volatile unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = 0;
}

Secret::Secret(Secret&& other) noexcept : m_text(other.m_text) { other.wipe(); }

Secret& Secret::operator=(const Secret& other) {
  if (this != &other) {
    wipe();
    m_text = other.m_text;
  }
  return *this;
}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    wipe();
    // Copy, then wipe the source: a move would hand over a heap buffer, but short strings
    // live inline and would stay behind in `other`.
    m_text = other.m_text;
    other.wipe();
  }
  return *this;
}

void Secret::wipe() noexcept {
  // Zero the whole capacity, not only the size: earlier, longer contents may linger there.
  if (m_text.capacity() > 0) secure_zero(m_text.data(), m_text.capacity());
  m_text.clear();
}

}  // namespace kiosk::core
