#pragma once
// The personal-share statement on the 80 mm receipt printer: the same Statement as the A4
// PDF (statement.h), laid out as a printer document. The person appears masked only; one
// block per record (date, institution, total, fund paid, personal share), the totals, the
// period, the time printed, and the verification number with its QR code.
// It does not register the number with the central server: the app does, after printing.
#include <array>
#include <cstdint>
#include <expected>
#include <span>
#include <string>

#include "drivers/printer/document.h"
#include "kiosk/receipts/statement.h"

namespace kiosk::receipts {

// Checks the statement as validate_statement does, then lays it out.
std::expected<drivers::printer::Document, StatementError> statement_receipt(
    const Statement& statement, const StatementOptions& options = {});

// Bytes a verification number is made from: 80 bits, enough that nobody guesses another
// person's number, and no terminal has to ask the server for one (it prints offline).
inline constexpr std::size_t kVerificationRandomBytes = 10;
// "ST-" and 16 Crockford base-32 characters in four groups: "ST-7K3M-9QXA-2B5D-8HRT".
// No I, L, O or U, so that a number read aloud or typed from paper is not misread.
std::string make_verification_number(
    std::span<const std::uint8_t, kVerificationRandomBytes> random);

}  // namespace kiosk::receipts
