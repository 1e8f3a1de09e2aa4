#pragma once
// Every voice prompt the session can ask for (effect::Speak). Each is a key of the string
// catalogue's [voice] table, and each has a WAV per language made from that text; tests hold
// the session, the catalogue and the WAVs to this list.
#include <array>
#include <string_view>

namespace kiosk::core {

inline constexpr std::array<std::string_view, 30> kVoiceKeys = {
    "voice.attract",
    "voice.card_read",
    "voice.card_unreadable",
    "voice.card_expired",
    "voice.card_invalid",
    "voice.not_a_member",
    "voice.lookup_failed",
    "voice.lookup_busy",
    "voice.menu",
    "voice.records",
    "voice.record_detail",
    "voice.statement",
    "voice.statement_totals",
    "voice.statement_printing",
    "voice.statement_printed",
    "voice.statement_failed",
    "voice.claim_records",
    "voice.claim_estimate",
    "voice.claim_details",
    "voice.claim_input_invalid",
    "voice.claim_commitment",
    "voice.claim_confirm",
    "voice.claim_saved",
    "voice.claim_not_saved",
    "voice.receipt_failed",
    "voice.progress",
    "voice.idle_warning",
    "voice.goodbye",
    "voice.out_of_service",
    "voice.statement_a4_failed",
};

}  // namespace kiosk::core
