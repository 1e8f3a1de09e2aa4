#include "drivers/idcard/simulator.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>
#include <utility>

#include <fmt/core.h>

#include "drivers/idcard/reader.h"
#include "drivers/serial/pty.h"
#include "simulated_sam.h"

namespace drivers::idcard {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

using detail::Outcome;

}  // namespace

class Simulator::Impl {
 public:
  explicit Impl(SimulatorOptions options) : m_opts(std::move(options)), m_rng(m_opts.seed) {}

  std::expected<void, Error> open_pty() {
    auto pty = serial::Pty::create(m_opts.link);
    if (!pty) return std::unexpected(Error{Error::Kind::port, pty.error().message});
    m_pty.emplace(std::move(*pty));
    std::lock_guard lock(m_mutex);
    m_slave_path = m_pty->slave_path();
    m_decoder.reset();
    return {};
  }

  void run() {
    std::array<std::uint8_t, 4096> buffer;
    for (;;) {
      {
        std::unique_lock lock(m_mutex);
        if (m_stop) break;
        handle_requests(lock);
        if (m_stop) break;
      }
      if (!m_pty) {
        std::unique_lock lock(m_mutex);
        m_cv.wait_for(lock, milliseconds(20), [&] { return m_stop || m_request != Request::none; });
        continue;
      }
      pollfd fds[2] = {{m_pty->master_fd(), POLLIN, 0}, {m_wake[0], POLLIN, 0}};
      int rc = ::poll(fds, 2, 50);
      if (rc < 0 && errno != EINTR) break;
      if (fds[1].revents & POLLIN) {
        char sink[64];
        while (::read(m_wake[0], sink, sizeof sink) > 0) {
        }
      }
      if (!(fds[0].revents & POLLIN)) continue;
      ssize_t n = ::read(m_pty->master_fd(), buffer.data(), buffer.size());
      if (n <= 0) continue;
      unsigned host_baud = m_pty->peer_baud();
      {
        std::lock_guard lock(m_mutex);
        if (host_baud != m_opts.baud) {
          // At the wrong rate a UART sees framing errors, not bytes: nothing to answer.
          m_stats.wrong_rate_bytes += static_cast<std::uint64_t>(n);
          continue;
        }
      }
      m_decoder.feed(std::span(buffer).first(static_cast<std::size_t>(n)));
      while (auto item = m_decoder.next()) {
        Outcome outcome;
        {
          std::lock_guard lock(m_mutex);
          outcome = std::visit([&](auto& x) { return m_sam.answer(x, m_opts, m_stats); }, *item);
        }
        if (!respond(outcome)) break;
      }
    }
    m_pty.reset();
  }

  // --- requests from other threads -------------------------------------------------------
  enum class Request { none, unplug, replug };

  // Asks the thread to do R and waits until it is done.
  void request(Request r) {
    std::unique_lock lock(m_mutex);
    if (!m_thread.joinable() || m_stop) return;
    m_request = r;
    std::uint64_t ticket = ++m_requested;
    wake();
    m_cv.notify_all();
    m_cv.wait(lock, [&] { return m_completed >= ticket || m_stop; });
  }

  void handle_requests(std::unique_lock<std::mutex>& lock) {
    if (m_replug_at && Clock::now() >= *m_replug_at) {
      m_replug_at.reset();
      if (!m_pty) m_request = Request::replug;
    }
    if (m_request == Request::none) return;
    Request r = std::exchange(m_request, Request::none);
    lock.unlock();
    if (r == Request::unplug) {
      m_pty.reset();
    } else if (r == Request::replug && !m_pty) {
      if (auto ok = open_pty(); !ok) {
        fmt::print(stderr, "idcard simulator: cannot replug: {}\n", ok.error().message);
      }
    }
    lock.lock();
    m_sam.power_on();
    m_plugged = m_pty.has_value();
    m_completed = m_requested;
    m_cv.notify_all();
  }

  void wake() {
    char c = 1;
    [[maybe_unused]] auto n = ::write(m_wake[1], &c, 1);
  }

  // Sleeps unless stopped; false when stopping.
  bool sleep_for(milliseconds d) {
    if (d <= milliseconds(0)) return !stopping();
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_for(lock, d, [&] { return m_stop; });
  }

  bool stopping() {
    std::lock_guard lock(m_mutex);
    return m_stop;
  }

  // --- the line ---------------------------------------------------------------------------
  bool respond(const Outcome& outcome) {
    if (!sleep_for(outcome.latency)) return false;
    if (!outcome.reply) return true;
    SimulatorFaults faults;
    bool pace = false;
    unsigned baud = 0;
    {
      std::lock_guard lock(m_mutex);
      faults = m_opts.faults;
      pace = m_opts.latencies.pace_wire;
      baud = m_opts.baud;
    }
    Bytes out;
    if (faults.noise) {
      std::uniform_int_distribution<int> count(1, 16), byte(0, 0xA9);
      int n = count(m_rng);
      for (int i = 0; i < n; ++i) out.push_back(static_cast<std::uint8_t>(byte(m_rng)));
    }
    out.insert(out.end(), outcome.reply->begin(), outcome.reply->end());

    std::span<const std::uint8_t> rest(out);
    while (!rest.empty()) {
      std::size_t chunk = rest.size();
      if (faults.split_writes) {
        std::uniform_int_distribution<std::size_t> size(1, std::min<std::size_t>(rest.size(), 300));
        chunk = size(m_rng);
      } else if (pace) {
        chunk = std::min<std::size_t>(rest.size(), 64);
      }
      if (!write_master(rest.first(chunk))) return true;
      rest = rest.subspan(chunk);
      milliseconds gap{0};
      if (faults.split_writes) gap = milliseconds(std::uniform_int_distribution<int>(0, 2)(m_rng));
      auto wire = pace ? serial::wire_time(chunk, baud) : std::chrono::microseconds(0);
      if (!rest.empty() || pace) {
        auto pause = std::max<std::chrono::microseconds>(gap, wire);
        if (pause.count() > 0) std::this_thread::sleep_for(pause);
      }
    }
    {
      std::lock_guard lock(m_mutex);
      ++m_stats.replies;
      if (outcome.new_baud) m_opts.baud = *outcome.new_baud;
    }
    if (outcome.card_read && faults.unplug_after_read.count() > 0) {
      // Give the driver a moment to take the reply off the line, then vanish.
      std::this_thread::sleep_for(milliseconds(20));
      m_pty.reset();
      std::lock_guard lock(m_mutex);
      m_plugged = false;
      m_replug_at = Clock::now() + faults.unplug_after_read;
      return false;
    }
    return true;
  }

  bool write_master(std::span<const std::uint8_t> bytes) {
    while (!bytes.empty() && m_pty) {
      ssize_t n = ::write(m_pty->master_fd(), bytes.data(), bytes.size());
      if (n > 0) {
        bytes = bytes.subspan(static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno != EAGAIN) return false;
      pollfd pfd{m_pty->master_fd(), POLLOUT, 0};
      if (::poll(&pfd, 1, 1000) <= 0) return false;  // nobody reads: drop the rest
      if (stopping()) return false;
    }
    return true;
  }

  SimulatorOptions m_opts;
  std::mt19937 m_rng;
  std::optional<serial::Pty> m_pty;  // owned by the thread once it runs
  std::string m_slave_path;
  CommandDecoder m_decoder;
  int m_wake[2] = {-1, -1};
  std::thread m_thread;

  mutable std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stop = false;
  bool m_plugged = true;
  Request m_request = Request::none;
  std::uint64_t m_requested = 0;
  std::uint64_t m_completed = 0;
  std::optional<Clock::time_point> m_replug_at;
  detail::SimulatedSam m_sam;
  SimulatorStats m_stats;
};

std::expected<std::unique_ptr<Simulator>, Error> Simulator::start(SimulatorOptions options) {
  if (!serial::is_supported_baud(options.baud) ||
      std::ranges::find(kReaderBauds, options.baud) == std::end(kReaderBauds)) {
    return std::unexpected(Error{Error::Kind::bad_argument,
                                 fmt::format("a GA 467 reader runs at 115200, 57600, 38400, 19200 "
                                             "or 9600 baud, not {}",
                                             options.baud)});
  }
  auto impl = std::make_unique<Impl>(std::move(options));
  if (::pipe2(impl->m_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
    return std::unexpected(Error{Error::Kind::port, "cannot create the simulator's wake-up pipe"});
  }
  if (auto ok = impl->open_pty(); !ok) return std::unexpected(ok.error());
  Impl* raw = impl.get();
  impl->m_thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<Simulator>(new Simulator(std::move(impl)));
}

Simulator::Simulator(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Simulator::~Simulator() {
  stop();
  for (int& fd : m_impl->m_wake) {
    if (fd >= 0) ::close(std::exchange(fd, -1));
  }
}

void Simulator::stop() {
  {
    std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_stop = true;
    m_impl->m_cv.notify_all();
  }
  m_impl->wake();
  if (m_impl->m_thread.joinable()) m_impl->m_thread.join();
  m_impl->m_pty.reset();
}

std::string Simulator::path() const {
  std::lock_guard lock(m_impl->m_mutex);
  return m_impl->m_opts.link.empty() ? m_impl->m_slave_path : m_impl->m_opts.link.string();
}

bool Simulator::put_card(std::size_t index) {
  std::lock_guard lock(m_impl->m_mutex);
  if (index >= m_impl->m_opts.cards.size()) return false;
  m_impl->m_sam.put_card(m_impl->m_opts.cards[index]);
  return true;
}

void Simulator::put_card(const CardFixture& card) {
  std::lock_guard lock(m_impl->m_mutex);
  m_impl->m_sam.put_card(card);
}

void Simulator::lift_card() {
  std::lock_guard lock(m_impl->m_mutex);
  m_impl->m_sam.lift_card();
}

bool Simulator::card_present() const {
  std::lock_guard lock(m_impl->m_mutex);
  return m_impl->m_sam.card_present();
}

void Simulator::set_faults(const SimulatorFaults& faults) {
  std::lock_guard lock(m_impl->m_mutex);
  m_impl->m_opts.faults = faults;
}

void Simulator::set_latencies(const SimulatorLatencies& latencies) {
  std::lock_guard lock(m_impl->m_mutex);
  m_impl->m_opts.latencies = latencies;
}

void Simulator::drop_next(unsigned n) {
  std::lock_guard lock(m_impl->m_mutex);
  m_impl->m_sam.drop_next(n);
}

void Simulator::corrupt_next(unsigned n) {
  std::lock_guard lock(m_impl->m_mutex);
  m_impl->m_sam.corrupt_next(n);
}

void Simulator::unplug() {
  m_impl->request(Impl::Request::unplug);
}
void Simulator::replug() {
  m_impl->request(Impl::Request::replug);
}

bool Simulator::plugged() const {
  std::lock_guard lock(m_impl->m_mutex);
  return m_impl->m_plugged;
}

SimulatorStats Simulator::stats() const {
  std::lock_guard lock(m_impl->m_mutex);
  return m_impl->m_stats;
}

std::string_view fault_names() {
  return "no-reply, split, noise, bad-checksum, sw-nonzero, read-fail, unauthorised, self-test, "
         "non-id-card, unplug";
}

std::expected<void, Error> apply_fault(SimulatorFaults& f, std::string_view name) {
  if (name == "no-reply") {
    f.drop_every = 3;
  } else if (name == "split") {
    f.split_writes = true;
  } else if (name == "noise") {
    f.noise = true;
  } else if (name == "bad-checksum") {
    f.corrupt_every = 3;
  } else if (name == "sw-nonzero") {
    f.nonzero_sw = true;
    f.read_fail_every = 2;
  } else if (name == "read-fail") {
    f.read_fail_every = 2;
  } else if (name == "unauthorised") {
    f.sam_unauthorised = true;
  } else if (name == "self-test") {
    f.self_test_failure = true;
  } else if (name == "non-id-card") {
    f.non_id_card = true;
  } else if (name == "unplug") {
    f.unplug_after_read = std::chrono::milliseconds(2000);
  } else {
    return std::unexpected(
        Error{Error::Kind::bad_argument,
              fmt::format("unknown fault '{}'; known: {}", name, fault_names())});
  }
  return {};
}

}  // namespace drivers::idcard
