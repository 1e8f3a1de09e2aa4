#pragma once
// The claim receipt (职工医疗互助金申报回执): core values in, a printer document out.
// Personal data appears masked only; amounts are yuan formatted from integer fen.
#include <string>

#include "drivers/printer/document.h"
#include "kiosk/core/claim.h"

namespace kiosk::receipts {

// Whether the claim has reached the central server when the receipt prints.
enum class UploadState { submitted, pending };  // 已提交 / 待上传

struct ClaimReceiptOptions {
  std::string center_name = "职工服务中心";  // printed above the title
  std::string qr_prefix = "KIOSK-CLAIM:";  // QR payload = prefix + claim uuid (ASCII)
  UploadState upload = UploadState::pending;
  bool reprint = false;  // staff reprints say so under the title
};

// The ASCII text of the receipt's QR code: the prefix and the claim's uuid.
std::string claim_reference(const core::Claim& claim, const ClaimReceiptOptions& options = {});

// "已提交" or "待上传".
std::string_view upload_state_text(UploadState state);

drivers::printer::Document claim_receipt(const core::Claim& claim,
                                         const ClaimReceiptOptions& options = {});

// A complete, plausible claim (two bills, two plans) for the demo, tests and benchmarks.
core::Claim sample_claim();

}  // namespace kiosk::receipts
