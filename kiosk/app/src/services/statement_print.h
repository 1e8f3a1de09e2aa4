#pragma once
// The personal-share statement the session asked for (effect::PrintStatement): built from
// the visit's identity and records in the period, given a fresh verification number, and
// laid out for the receipt printer (the A4 layout is A4Statements'). Printing and the job's
// result stay with the kiosk.
#include <expected>
#include <string>

#include "drivers/printer/document.h"
#include "kiosk/app/config.h"
#include "kiosk/core/screens/statement_period.h"
#include "kiosk/core/visit.h"
#include "kiosk/receipts/statement.h"

namespace kiosk::app {

// The statement of VISIT's records settled in PERIOD, printed at PRINTED_AT as NUMBER. The
// person's name and ID number come from the card (masked when printed as [statement] mask
// says).
std::expected<receipts::Statement, std::string> visit_statement(const core::Visit& visit,
                                                                const core::StatementPeriod& period,
                                                                const Config& config,
                                                                core::WallTime printed_at,
                                                                std::string number);

// A verification number from the system's secure random source ("ST-XXXX-XXXX-XXXX-XXXX").
std::string new_verification_number();

// The 80 mm document of STATEMENT, or why it cannot be printed.
std::expected<drivers::printer::Document, std::string> statement_document(
    const receipts::Statement& statement);

}  // namespace kiosk::app
