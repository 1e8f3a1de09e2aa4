#include "drivers/idcard/reader.h"

#include <array>

#include <fmt/core.h>

namespace drivers::idcard {
namespace {

using serial::Clock;

// A SAM that answers these is alive but talking nonsense with us: count it as a failure.
bool is_link_failure(std::uint8_t sw3) {
  return sw3 == sw3::kChecksumError || sw3 == sw3::kLengthError || sw3 == sw3::kUnknownError;
}

std::uint32_t le32(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

}  // namespace

Error port_error(const serial::Error& error) {
  return Error{Error::Kind::port, error.message};
}

std::expected<Reader, Error> Reader::open(const std::string& path, ReaderOptions options) {
  if (options.baud != 0 && !serial::is_supported_baud(options.baud)) {
    return std::unexpected(
        Error{Error::Kind::bad_argument,
              fmt::format("{} baud is not a rate a serial port can use", options.baud)});
  }
  unsigned first = options.baud != 0 ? options.baud : kReaderBauds[0];
  auto port = serial::Port::open(path, first);
  if (!port) return std::unexpected(port_error(port.error()));
  Reader reader(std::move(*port), options);

  std::vector<unsigned> rates{first};
  if (options.baud == 0) rates.assign(std::begin(kReaderBauds), std::end(kReaderBauds));
  for (unsigned rate : rates) {
    if (rate != reader.m_port.baud()) {
      if (auto ok = reader.m_port.set_baud(rate); !ok)
        return std::unexpected(port_error(ok.error()));
    }
    auto reply = reader.exchange(cmd::kSamStatus, {}, options.timeouts.probe);
    if (!reply) {
      if (reply.error().kind == Error::Kind::port) return std::unexpected(reply.error());
      continue;  // nothing or garbage at this rate: try the next one
    }
    if (reply->sw3 == sw3::kOk) return reader;
    if (reply->sw3 == sw3::kSelfTestFailed) {
      return std::unexpected(Error{
          Error::Kind::status,
          fmt::format("{}: the reader answers at {} baud but its SAM failed its self-test (0x60); "
                      "power-cycle the reader",
                      path, rate),
          reply->sw3});
    }
    // Any well-formed reply means a GA 467 reader is there; let later commands tell the rest.
    return reader;
  }
  std::string tried;
  for (unsigned rate : rates) tried += fmt::format("{}{}", tried.empty() ? "" : ", ", rate);
  return std::unexpected(
      Error{Error::Kind::no_reader,
            fmt::format("{}: no ID-card reader answered the status command at {} baud; check the "
                        "cable, the power and that this is the reader's port",
                        path, tried)});
}

std::expected<Reply, Error> Reader::exchange(cmd::Code code, std::span<const std::uint8_t> data,
                                             milliseconds timeout) {
  // Stale bytes (a late reply to an earlier command) must not pass for this command's reply.
  if (auto ok = m_port.flush(); !ok) return std::unexpected(port_error(ok.error()));
  m_decoder.reset();
  auto frame = encode_command(code, data);
  bool long_reply = code.cmd == 0x30;
  auto wire = serial::wire_time(long_reply ? kMaxFrameSize : 64, m_port.baud());
  auto start = Clock::now();
  if (auto ok = m_port.write_all(frame, start + timeout); !ok) {
    return std::unexpected(port_error(ok.error()));
  }
  auto deadline = start + timeout + wire + serial::wire_time(frame.size(), m_port.baud());
  std::optional<FrameFault> fault;
  std::array<std::uint8_t, 4096> buffer;
  for (;;) {
    while (auto item = m_decoder.next()) {
      if (auto* reply = std::get_if<Reply>(&*item)) {
        m_garbage += m_decoder.garbage_bytes();
        return std::move(*reply);
      }
      // A garbled frame: the real reply may still follow a false start in noise, but not
      // for long.
      fault = std::get<FrameFault>(*item);
      deadline = std::min(deadline, Clock::now() + milliseconds(100) + wire);
    }
    auto n = m_port.read_some(buffer, deadline);
    if (!n) return std::unexpected(port_error(n.error()));
    if (*n == 0) break;
    m_decoder.feed(std::span(buffer).first(*n));
  }
  m_garbage += m_decoder.garbage_bytes();
  if (fault) {
    return std::unexpected(
        Error{Error::Kind::frame, fmt::format("{}: reply to command {:02X} {:02X} garbled: {}",
                                              path(), code.cmd, code.para, fault->message)});
  }
  if (auto partial = m_decoder.finish()) {
    return std::unexpected(
        Error{Error::Kind::frame, fmt::format("{}: reply to command {:02X} {:02X} {}", path(),
                                              code.cmd, code.para, partial->message)});
  }
  return std::unexpected(Error{
      Error::Kind::timeout,
      fmt::format("{}: no reply to command {:02X} {:02X} within {} ms at {} baud", path(), code.cmd,
                  code.para, std::chrono::duration_cast<milliseconds>(Clock::now() - start).count(),
                  m_port.baud())});
}

void Reader::note_failure() {
  if (++m_failures < m_options.reset_after_failures) return;
  m_failures = 0;
  ++m_sam_resets;
  // Equivalent to power-cycling the module; its own outcome is not counted again.
  (void)exchange(cmd::kResetSam, {}, m_options.timeouts.reset);
}

std::expected<Reply, Error> Reader::transact(cmd::Code code, std::span<const std::uint8_t> data,
                                             milliseconds timeout) {
  auto reply = exchange(code, data, timeout);
  if (!reply) {
    if (reply.error().kind == Error::Kind::timeout || reply.error().kind == Error::Kind::frame) {
      note_failure();
    }
    return reply;
  }
  if (is_link_failure(reply->sw3) || reply->sw3 == sw3::kSelfTestFailed) {
    note_failure();
  } else {
    m_failures = 0;
  }
  return reply;
}

std::expected<Reply, Error> Reader::expect(cmd::Code code, std::uint8_t ok, milliseconds timeout,
                                           std::string_view what) {
  auto reply = transact(code, {}, timeout);
  if (!reply) return reply;
  if (reply->sw3 != ok) {
    return std::unexpected(Error{
        Error::Kind::status,
        fmt::format("{}: {} failed: {}", path(), what, describe_sw3(reply->sw3)), reply->sw3});
  }
  return reply;
}

std::expected<void, Error> Reader::status() {
  auto reply = expect(cmd::kSamStatus, sw3::kOk, m_options.timeouts.status, "status check");
  if (!reply) return std::unexpected(reply.error());
  return {};
}

std::expected<std::string, Error> Reader::sam_id() {
  auto reply = expect(cmd::kSamId, sw3::kOk, m_options.timeouts.sam_id, "reading the SAM ID");
  if (!reply) return std::unexpected(reply.error());
  const auto& d = reply->data;
  if (d.size() != 16) {
    return std::unexpected(
        Error{Error::Kind::data,
              fmt::format("{}: SAM ID reply has {} data bytes, expected 16", path(), d.size())});
  }
  return fmt::format("{:02}.{:02}-{}-{:010}-{:010}", d[0] | d[1] << 8, d[2] | d[3] << 8, le32(d, 4),
                     le32(d, 8), le32(d, 12));
}

std::expected<bool, Error> Reader::find_card() {
  auto reply = transact(cmd::kFindCard, {}, m_options.timeouts.find);
  if (!reply) return std::unexpected(reply.error());
  if (reply->sw3 == sw3::kFindOk) return true;
  if (reply->sw3 == sw3::kFindFailed) return false;
  return std::unexpected(Error{
      Error::Kind::status,
      fmt::format("{}: finding a card failed: {}", path(), describe_sw3(reply->sw3)), reply->sw3});
}

std::expected<void, Error> Reader::select_card() {
  auto reply = expect(cmd::kSelectCard, sw3::kOk, m_options.timeouts.select, "selecting the card");
  if (!reply) return std::unexpected(reply.error());
  return {};
}

std::expected<CardData, Error> Reader::read_card_data() {
  auto reply = expect(cmd::kReadBase, sw3::kOk, m_options.timeouts.read, "reading the card");
  if (!reply) return std::unexpected(reply.error());
  return parse_card_data(reply->data, Fingerprint::absent);
}

std::expected<CardRead, Error> Reader::read_card() {
  auto found = find_card();
  if (!found) return std::unexpected(found.error());
  if (!*found) {
    return std::unexpected(Error{Error::Kind::no_card,
                                 "no card on the reader (a card just read must be lifted and put "
                                 "back before it can be read again)",
                                 sw3::kFindFailed});
  }
  if (auto ok = select_card(); !ok) return std::unexpected(ok.error());
  auto data = read_card_data();
  if (!data) return std::unexpected(data.error());
  auto identity = decode_identity(data->text);
  if (!identity) return std::unexpected(identity.error());
  return CardRead{std::move(*identity), std::move(*data)};
}

std::expected<void, Error> Reader::reset_sam() {
  auto reply = expect(cmd::kResetSam, sw3::kOk, m_options.timeouts.reset, "resetting the SAM");
  if (!reply) return std::unexpected(reply.error());
  return {};
}

}  // namespace drivers::idcard
