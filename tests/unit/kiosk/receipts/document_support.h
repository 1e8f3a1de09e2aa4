#pragma once
// What the receipt tests read back from a printer document: its text in order, and the page
// the virtual printer's interpreter renders from the encoded bytes.
#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

#include "drivers/printer/document.h"
#include "drivers/printer/encoder.h"
#include "drivers/printer/interpreter.h"

namespace kiosk::receipts::testing {

// Every piece of text the document prints, in order: rows as "cell|cell|", QR codes as "QR:".
inline std::string all_text(const drivers::printer::Document& doc) {
  namespace dp = drivers::printer;
  std::string out;
  for (const auto& block : doc.blocks) {
    if (const auto* t = std::get_if<dp::Text>(&block)) out += t->utf8 + "\n";
    if (const auto* r = std::get_if<dp::Row>(&block)) {
      for (const auto& cell : r->cells) out += cell + "|";
      out += "\n";
    }
    if (const auto* q = std::get_if<dp::Qr>(&block)) out += "QR:" + q->payload + "\n";
  }
  return out;
}

// The document encoded for PROFILE and rendered back: exactly one page, without warnings.
inline drivers::printer::Page render_one(const drivers::printer::Document& doc,
                                         const drivers::printer::Profile& profile) {
  namespace dp = drivers::printer;
  auto encoded = dp::encode(doc, profile);
  REQUIRE(encoded);
  std::vector<std::string> warnings;
  auto pages = dp::render(encoded->bytes, dp::InterpreterOptions::from(profile), &warnings);
  CHECK(warnings.empty());
  REQUIRE(pages.size() == 1);
  return pages[0];
}

}  // namespace kiosk::receipts::testing
