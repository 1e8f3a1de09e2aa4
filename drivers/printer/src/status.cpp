#include "drivers/printer/status.h"

namespace drivers::printer {

std::string_view to_string(Paper paper) {
  switch (paper) {
    case Paper::ok: return "ok";
    case Paper::near_end: return "near_end";
    case Paper::out: return "out";
    case Paper::unknown: return "unknown";
  }
  return "unknown";
}

std::optional<std::string> Status::problem() const {
  if (!replied) return "the printer did not answer; check its power and cable";
  if (cover_open) return "the printer cover is open; close it";
  if (paper == Paper::out) return "the printer is out of paper; load a new roll";
  if (cutter_error) return "the cutter is jammed; clear the paper and close the cover";
  if (unrecoverable_error) return "the printer reports an unrecoverable error; power it off and on";
  if (recoverable_error || auto_recoverable_error || error) {
    return "the printer reports an error (for example an overheated head); wait and retry";
  }
  if (!online) return "the printer is offline";
  return std::nullopt;
}

std::optional<std::string> Status::error_text() const {
  if (!replied) return "no reply";
  if (cover_open) return "cover open";
  if (paper == Paper::out) return "paper out";
  if (cutter_error) return "cutter error";
  if (unrecoverable_error) return "unrecoverable error";
  if (auto_recoverable_error) return "auto-recoverable error";
  if (recoverable_error || error) return "recoverable error";
  if (!online) return "offline";
  return std::nullopt;
}

Status decode_status(const StatusBytes& bytes) {
  Status s;
  auto valid = [](const std::optional<std::uint8_t>& b) { return b && is_status_reply(*b); };
  if (valid(bytes.printer)) {
    s.replied = true;
    s.online = (*bytes.printer & 0x08) == 0;
  }
  if (valid(bytes.offline_cause)) {
    s.replied = true;
    std::uint8_t b = *bytes.offline_cause;
    s.cover_open = b & 0x04;
    s.feed_button = b & 0x08;
    if (b & 0x20) s.paper = Paper::out;
    s.error = b & 0x40;
  }
  if (valid(bytes.error_cause)) {
    s.replied = true;
    std::uint8_t b = *bytes.error_cause;
    s.recoverable_error = b & 0x04;
    s.cutter_error = b & 0x08;
    s.unrecoverable_error = b & 0x20;
    s.auto_recoverable_error = b & 0x40;
  }
  if (valid(bytes.roll_paper)) {
    s.replied = true;
    std::uint8_t b = *bytes.roll_paper;
    if ((b & 0x60) == 0x60) {
      s.paper = Paper::out;
    } else if (s.paper != Paper::out) {
      s.paper = (b & 0x0C) == 0x0C ? Paper::near_end : Paper::ok;
    }
  } else if (s.replied && s.paper == Paper::unknown && valid(bytes.offline_cause)) {
    s.paper = Paper::ok;  // DLE EOT 2 said "no paper end"; without EOT 4 near end is unknown
  }
  if (!valid(bytes.printer) && s.replied) {
    s.online = !(s.cover_open || s.paper == Paper::out || s.cutter_error ||
                 s.unrecoverable_error || s.error);
  }
  return s;
}

Status decode_asb(std::span<const std::uint8_t, 4> m) {
  Status s;
  if ((m[0] & 0x93) != 0x10 || (m[1] & 0x90) != 0 || (m[2] & 0x90) != 0) return s;
  s.replied = true;
  s.online = (m[0] & 0x08) == 0;
  s.cover_open = m[0] & 0x20;
  s.feed_button = m[0] & 0x40;
  s.recoverable_error = m[1] & 0x04;
  s.cutter_error = m[1] & 0x08;
  s.unrecoverable_error = m[1] & 0x20;
  s.auto_recoverable_error = m[1] & 0x40;
  if ((m[2] & 0x0C) == 0x0C) {
    s.paper = Paper::out;
  } else {
    s.paper = (m[2] & 0x03) == 0x03 ? Paper::near_end : Paper::ok;
  }
  return s;
}

Paper decode_gs_r_paper(std::uint8_t reply) {
  if ((reply & 0x90) != 0) return Paper::unknown;
  if ((reply & 0x0C) == 0x0C) return Paper::out;
  if ((reply & 0x03) == 0x03) return Paper::near_end;
  return Paper::ok;
}

void ReplyParser::feed(std::span<const std::uint8_t> bytes) {
  for (std::uint8_t b : bytes) {
    if (m_partial_kind == Reply::Kind::block) {
      m_partial.push_back(b);
      if (b == 0x00 || m_partial.size() >= 256) {
        m_ready.push_back({Reply::Kind::block, std::move(m_partial)});
        m_partial.clear();
        m_partial_kind = Reply::Kind::unknown;
      }
      continue;
    }
    if (m_partial_kind == Reply::Kind::asb) {
      if ((b & 0x90) == 0) {
        m_partial.push_back(b);
        if (m_partial.size() == 4) {
          m_ready.push_back({Reply::Kind::asb, std::move(m_partial)});
          m_partial.clear();
          m_partial_kind = Reply::Kind::unknown;
        }
        continue;
      }
      // A broken ASB message: report what came and read this byte afresh.
      m_ready.push_back({Reply::Kind::unknown, std::move(m_partial)});
      m_partial.clear();
      m_partial_kind = Reply::Kind::unknown;
    }
    if (b == 0x11 || b == 0x13) {
      m_ready.push_back({Reply::Kind::xon_xoff, {b}});
    } else if (is_status_reply(b)) {
      m_ready.push_back({Reply::Kind::dle_eot, {b}});
    } else if ((b & 0x93) == 0x10) {
      m_partial = {b};
      m_partial_kind = Reply::Kind::asb;
    } else if (b == 0x35 || b == 0x37 || b == 0x3B || b == 0x3D || b == 0x5F) {
      m_partial = {b};
      m_partial_kind = Reply::Kind::block;
    } else if ((b & 0x90) == 0) {
      m_ready.push_back({Reply::Kind::gs_r, {b}});
    } else {
      m_ready.push_back({Reply::Kind::unknown, {b}});
    }
  }
}

std::optional<Reply> ReplyParser::next() {
  if (m_ready.empty()) return std::nullopt;
  Reply r = std::move(m_ready.front());
  m_ready.pop_front();
  return r;
}

void ReplyParser::clear() {
  m_partial.clear();
  m_partial_kind = Reply::Kind::unknown;
  m_ready.clear();
}

}  // namespace drivers::printer
