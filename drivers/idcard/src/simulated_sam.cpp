// The GA 467 reader's SAM and the card on it, as the simulator plays them (idcard.md).
#include "simulated_sam.h"

#include <iterator>

#include "drivers/idcard/reader.h"

namespace drivers::idcard::detail {
namespace {

constexpr std::uint8_t kSamIdData[16] = {0x05, 0x00, 0x01, 0x00, 0x15, 0xCD, 0x5B, 0x07,
                                         0x01, 0x00, 0x00, 0x00, 0x40, 0xE2, 0x01, 0x00};

}  // namespace

void SimulatedSam::put_card(CardFixture card) {
  m_card = std::move(card);
  m_state = CardState::idle;
}

void SimulatedSam::lift_card() {
  m_card.reset();
  m_state = CardState::none;
}

void SimulatedSam::power_on() {
  // After power-on the card must be found again; a halted card stays halted.
  if (m_state != CardState::none && m_state != CardState::halted) m_state = CardState::idle;
}

Bytes SimulatedSam::fail(std::uint8_t sw3, const SimulatorFaults& faults) const {
  bool apdu = sw3 == sw3::kReadFailed || sw3 == sw3::kSelectFailed ||
              sw3 == sw3::kCardAuthSamFailed || sw3 == sw3::kRandomFailed;
  if (apdu && faults.nonzero_sw) return encode_reply(0x6A, 0x82, sw3);
  return encode_reply(0x00, 0x00, sw3);
}

Outcome SimulatedSam::answer(const FrameFault& fault, const SimulatorOptions& options,
                             SimulatorStats& stats) {
  ++stats.bad_frames;
  Outcome o;
  o.latency = options.latencies.other;
  o.reply = encode_reply(
      0, 0, fault.kind == FrameFault::Kind::checksum ? sw3::kChecksumError : sw3::kLengthError);
  return o;
}

Outcome SimulatedSam::answer(const Command& command, const SimulatorOptions& options,
                             SimulatorStats& stats) {
  const SimulatorLatencies& lat = options.latencies;
  const SimulatorFaults& faults = options.faults;
  ++stats.commands;
  ++m_command_count;
  Outcome o;
  o.latency = lat.other;
  auto code = command.code();
  bool card_command = command.cmd == 0x20 || command.cmd == 0x30;

  if (faults.self_test_failure && code != cmd::kResetSam) {
    o.latency = lat.status;
    o.reply = fail(sw3::kSelfTestFailed, faults);
  } else if (faults.sam_unauthorised && card_command) {
    o.latency = lat.find_no_card;
    o.reply = fail(sw3::kSamNotAuthorised, faults);
  } else if (code == cmd::kResetSam) {
    ++stats.resets;
    o.latency = lat.reset;
    if (m_state != CardState::none && m_state != CardState::halted) m_state = CardState::idle;
    o.reply = encode_reply(0, 0, sw3::kOk);
  } else if (code == cmd::kSamStatus) {
    o.latency = lat.status;
    o.reply = encode_reply(0, 0, sw3::kOk);
  } else if (code == cmd::kSamId) {
    o.latency = lat.sam_id;
    o.reply = encode_reply(0, 0, sw3::kOk, kSamIdData);
  } else if (code == cmd::kFindCard) {
    if (m_state == CardState::none || m_state == CardState::halted) {
      o.latency = lat.find_no_card;
      o.reply = fail(sw3::kFindFailed, faults);
    } else {
      o.latency = lat.find;
      m_state = CardState::found;
      o.reply = encode_reply(0, 0, sw3::kFindOk, Bytes(4, 0));
    }
  } else if (code == cmd::kSelectCard) {
    o.latency = lat.select;
    if (m_state == CardState::found || m_state == CardState::selected) {
      if (faults.non_id_card) {
        o.reply = fail(sw3::kNotIdCard, faults);
      } else {
        m_state = CardState::selected;
        o.reply = encode_reply(0, 0, sw3::kOk, Bytes(8, 0));
      }
    } else {
      o.reply = fail(sw3::kSelectFailed, faults);
    }
  } else if (code == cmd::kReadBase || code == cmd::kReadBaseFingerprint) {
    bool fp = code == cmd::kReadBaseFingerprint;
    o.latency = fp ? lat.read_fingerprint : lat.read;
    if (m_state != CardState::selected || !m_card) {
      o.reply = fail(sw3::kReadFailed, faults);
    } else if (faults.read_fail_every && ++m_read_attempts % faults.read_fail_every == 0) {
      m_state = CardState::idle;  // the card moved: it answers find again
      o.reply = fail(sw3::kReadFailed, faults);
    } else {
      m_state = CardState::halted;
      ++stats.reads;
      o.card_read = true;
      o.reply = encode_reply(
          0, 0, sw3::kOk,
          encode_card_data(m_card->data, fp ? Fingerprint::present : Fingerprint::absent));
    }
  } else if (code == cmd::kReadAppended) {
    o.latency = lat.select;
    if (!m_card || (m_state != CardState::selected && m_state != CardState::halted)) {
      o.reply = fail(sw3::kReadFailed, faults);
    } else if (m_card->appended_address) {
      o.reply = encode_reply(0, 0, sw3::kOk, *m_card->appended_address);
    } else {
      o.reply = fail(sw3::kNoContent, faults);
    }
  } else if (command.cmd == cmd::kSetBaud && command.data.empty() &&
             command.para < std::size(kReaderBauds)) {
    o.reply = encode_reply(0, 0, sw3::kOk);
    o.new_baud = kReaderBauds[command.para];
  } else if (code == cmd::kSetMaxRfBytes) {
    if (command.data.size() != 1) {
      o.reply = fail(sw3::kLengthError, faults);
    } else if (command.data[0] < 24) {
      o.reply = fail(sw3::kCommandError, faults);
    } else {
      o.reply = encode_reply(0, 0, sw3::kOk);
    }
  } else {
    o.reply = fail(sw3::kCommandError, faults);
  }

  if (m_drop_next > 0) {
    --m_drop_next;
    o.reply.reset();
  } else if (faults.drop_every && m_command_count % faults.drop_every == 0) {
    o.reply.reset();
  }
  if (o.reply && m_corrupt_next > 0) {
    --m_corrupt_next;
    o.reply->back() ^= 0xFF;
  } else if (o.reply && faults.corrupt_every && m_command_count % faults.corrupt_every == 0) {
    o.reply->back() ^= 0xFF;
  }
  return o;
}

}  // namespace drivers::idcard::detail
