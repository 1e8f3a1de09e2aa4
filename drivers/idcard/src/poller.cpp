#include "drivers/idcard/poller.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace drivers::idcard {

class Poller::Impl {
 public:
  Impl(PollerOptions options, std::function<void(PollerEvent)> on_event)
      : m_opts(std::move(options)), m_emit(std::move(on_event)) {}

  void run() {
    std::optional<Reader> reader;
    while (!stopping()) {
      if (!reader) {
        auto opened = Reader::open(m_opts.path, m_opts.reader);
        if (!opened) {
          // Once per offline period: the app shows "reader offline" until ReaderOnline.
          if (!m_offline_reported) {
            m_offline_reported = true;
            m_emit(poller_event::ReaderOffline{opened.error()});
          }
          // Answered after an open attempt, with what it just said: a request made before the
          // first attempt (or just after the port went) is about the reader, not a stale state.
          if (take_self_test()) {
            m_emit(poller_event::SelfTest{false, {}, "offline: " + opened.error().message});
          }
          wait(m_opts.reconnect_interval);
          continue;
        }
        reader.emplace(std::move(*opened));
        m_offline_reported = false;
        m_failures = 0;
        m_faulted = false;
        m_card_error.clear();
        auto id = reader->sam_id();
        m_emit(
            poller_event::ReaderOnline{reader->path(), reader->baud(), id ? *id : std::string()});
      }
      if (take_self_test()) self_test(*reader);
      if (!poll_once(*reader)) {
        reader.reset();
        continue;
      }
      wait(m_opts.poll_interval);
    }
  }

  // One find (and, with a card, select + read). False when the port is gone.
  bool poll_once(Reader& reader) {
    auto found = reader.find_card();
    if (!found) return on_reader_error(found.error());
    on_reader_ok();
    if (!*found) {
      // 0x80: no card, or the card read last still lies there. Neither is an error.
      m_card_error.clear();
      return true;
    }
    auto read = [&]() -> std::expected<CardRead, Error> {
      if (auto ok = reader.select_card(); !ok) return std::unexpected(ok.error());
      auto data = reader.read_card_data();
      if (!data) return std::unexpected(data.error());
      auto identity = decode_identity(data->text);
      if (!identity) return std::unexpected(identity.error());
      return CardRead{std::move(*identity), std::move(*data)};
    }();
    if (!read) {
      const Error& e = read.error();
      if (e.kind == Error::Kind::port) return on_reader_error(e);
      if (e.kind == Error::Kind::status && is_reader_fault(e.sw3)) return on_reader_error(e);
      // A card-level failure: the card is there but did not read. Say so once per placement.
      if (e.message != m_card_error) {
        m_card_error = e.message;
        m_emit(poller_event::CardError{e});
      }
      if (e.kind == Error::Kind::timeout || e.kind == Error::Kind::frame) count_failure(e);
      return true;
    }
    on_reader_ok();
    m_card_error.clear();
    m_emit(poller_event::CardRead{std::move(*read)});
    return true;
  }

  bool take_self_test() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_self_test, false);
  }

  void self_test(Reader& reader) {
    if (auto ok = reader.status(); !ok) {
      m_emit(poller_event::SelfTest{false, {}, ok.error().message});
      return;
    }
    auto id = reader.sam_id();
    m_emit(poller_event::SelfTest{true, id ? *id : std::string(), {}});
  }

  static bool is_reader_fault(std::uint8_t sw3) {
    return sw3 == sw3::kSelfTestFailed || sw3 == sw3::kSamNotAuthorised ||
           sw3 == sw3::kUnauthorised || sw3 == sw3::kChecksumError || sw3 == sw3::kLengthError ||
           sw3 == sw3::kCommandError || sw3 == sw3::kUnknownError;
  }

  bool on_reader_error(const Error& e) {
    if (e.kind == Error::Kind::port) {
      m_offline_reported = true;
      m_emit(poller_event::ReaderOffline{e});
      return false;
    }
    count_failure(e);
    return true;
  }

  void count_failure(const Error& e) {
    ++m_failures;
    bool definitive = e.kind == Error::Kind::status &&
                      (e.sw3 == sw3::kSelfTestFailed || e.sw3 == sw3::kSamNotAuthorised);
    if (!m_faulted && (definitive || m_failures >= m_opts.fault_after_failures)) {
      m_faulted = true;
      m_emit(poller_event::ReaderFault{e});
    }
  }

  void on_reader_ok() {
    m_failures = 0;
    if (m_faulted) {
      m_faulted = false;
      m_emit(poller_event::ReaderRecovered{});
    }
  }

  bool stopping() {
    std::lock_guard lock(m_mutex);
    return m_stop;
  }

  void wait(std::chrono::milliseconds d) {
    std::unique_lock lock(m_mutex);
    m_cv.wait_for(lock, d, [&] { return m_stop || m_self_test; });
  }

  PollerOptions m_opts;
  std::function<void(PollerEvent)> m_emit;
  std::thread m_thread;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_stop = false;
  int m_failures = 0;
  bool m_faulted = false;
  bool m_offline_reported = false;
  bool m_self_test = false;  // guarded by m_mutex
  std::string m_card_error;
};

Poller::Poller(PollerOptions options, std::function<void(PollerEvent)> on_event)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(on_event))) {}

Poller::~Poller() {
  stop();
}

void Poller::start() {
  if (m_impl->m_thread.joinable()) return;
  {
    std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_stop = false;
  }
  Impl* impl = m_impl.get();
  m_impl->m_thread = std::thread([impl] { impl->run(); });
}

void Poller::stop() {
  {
    std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_stop = true;
  }
  m_impl->m_cv.notify_all();
  if (m_impl->m_thread.joinable()) m_impl->m_thread.join();
}

void Poller::request_self_test() {
  {
    std::lock_guard lock(m_impl->m_mutex);
    m_impl->m_self_test = true;
  }
  m_impl->m_cv.notify_all();
}

bool Poller::running() const {
  return m_impl->m_thread.joinable();
}

}  // namespace drivers::idcard
