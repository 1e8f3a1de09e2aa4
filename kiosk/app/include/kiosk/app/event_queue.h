#pragma once
// Device and sync threads hand events to the UI thread here. Pushing wakes the UI loop,
// which otherwise sleeps until the next scheduled change.
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "kiosk/core/inputs.h"

namespace kiosk::app {

class EventQueue {
 public:
  // WAKE is called after each push, from the pushing thread (SDL_PushEvent is thread-safe).
  explicit EventQueue(std::function<void()> wake) : m_wake(std::move(wake)) {}

  void push(core::Input input) {
    {
      std::lock_guard lock(m_mutex);
      m_inputs.push_back(std::move(input));
    }
    if (m_wake) m_wake();
  }

  std::vector<core::Input> drain() {
    std::lock_guard lock(m_mutex);
    std::vector<core::Input> inputs(std::make_move_iterator(m_inputs.begin()),
                                    std::make_move_iterator(m_inputs.end()));
    m_inputs.clear();
    return inputs;
  }

 private:
  std::function<void()> m_wake;
  std::mutex m_mutex;
  std::deque<core::Input> m_inputs;
};

}  // namespace kiosk::app
