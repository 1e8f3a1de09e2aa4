#pragma once
// The host side of GA 467 on a serial port: probe, find, select, read, each with a deadline.
// Replies are read by their length field, so split reads, noise and fingerprint-sized replies
// are all the same to it. Not thread-safe: one thread (the Poller, or kioskctl) owns it.
#include <chrono>
#include <expected>
#include <string>
#include <vector>

#include "drivers/idcard/error.h"
#include "drivers/idcard/frame.h"
#include "drivers/idcard/identity.h"
#include "drivers/serial/port.h"

namespace drivers::idcard {

using std::chrono::milliseconds;

// Deadlines per command: the reader's processing time plus slack. The wire time of the
// longest possible reply at the current rate is added on top.
struct ReaderTimeouts {
  milliseconds status{500};
  milliseconds sam_id{500};
  milliseconds find{500};
  milliseconds select{500};
  milliseconds read{2500};
  milliseconds reset{1500};
  milliseconds probe{300};  // per rate while probing
};

struct ReaderOptions {
  unsigned baud = 0;  // 0: probe 115200, then 57600, 38400, 19200, 9600
  ReaderTimeouts timeouts;
  // After this many exchanges in a row without a valid reply (timeouts, garbled frames,
  // the reader reporting a checksum/length/unknown error), reset the SAM once.
  int reset_after_failures = 3;
};

// The rates a GA 467 reader can be set to, default first.
inline constexpr unsigned kReaderBauds[] = {115200, 57600, 38400, 19200, 9600};

struct CardRead {
  Identity identity;
  CardData data;  // the raw text block and the photo ("WLT", undecoded)
};

class Reader {
 public:
  // Opens PATH and probes for the reader (status command 11 FF) at OPTIONS.baud or at every
  // rate. Errors: port (cannot open: missing, permissions), no_reader (nothing answers),
  // status (a reader answers but its SAM failed its self-test).
  static std::expected<Reader, Error> open(const std::string& path, ReaderOptions options = {});

  // Status check (11 FF): OK when the SAM answers 90.
  std::expected<void, Error> status();
  // SAM ID (12 FF) as "AA.BB-CCCCCCCC-DDDDDDDDDD-EEEEEEEEEE".
  std::expected<std::string, Error> sam_id();
  // Find card (20 01): true on 9F; false on 80, which means no card OR a card already read
  // that still lies on the reader (it must be lifted and put back). Other codes: errors.
  std::expected<bool, Error> find_card();
  // Select card (20 02).
  std::expected<void, Error> select_card();
  // Read fixed info (30 01) and split it into text and photo.
  std::expected<CardData, Error> read_card_data();
  // find, select, read, decode: the whole sequence once. No card: Error::Kind::no_card.
  std::expected<CardRead, Error> read_card();
  // Reset SAM (10 FF).
  std::expected<void, Error> reset_sam();

  // One exchange: send CODE (+DATA), wait for one well-formed reply until TIMEOUT (plus the
  // wire time of the largest reply). SW3 is not interpreted here.
  std::expected<Reply, Error> transact(cmd::Code code, std::span<const std::uint8_t> data,
                                       milliseconds timeout);

  const std::string& path() const { return m_port.path(); }
  unsigned baud() const { return m_port.baud(); }
  // Bytes skipped as noise before replies, since open.
  std::size_t garbage_bytes() const { return m_garbage; }
  // SAM resets done because of repeated failures, since open.
  int sam_resets() const { return m_sam_resets; }

 private:
  Reader(serial::Port port, ReaderOptions options)
      : m_port(std::move(port)), m_options(options) {}
  std::expected<Reply, Error> exchange(cmd::Code code, std::span<const std::uint8_t> data,
                                       milliseconds timeout);
  std::expected<Reply, Error> expect(cmd::Code code, std::uint8_t ok, milliseconds timeout,
                                     std::string_view what);
  void note_failure();

  serial::Port m_port;
  ReaderOptions m_options;
  ReplyDecoder m_decoder;
  std::size_t m_garbage = 0;
  int m_failures = 0;
  int m_sam_resets = 0;
};

// Error::Kind::port from a serial error (the reader is offline).
Error port_error(const serial::Error& error);

}  // namespace drivers::idcard
