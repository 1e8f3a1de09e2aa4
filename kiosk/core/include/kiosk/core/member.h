#pragma once
// A trade-union member as the central server knows them, with the mutual-aid plans they
// are enrolled in. Personal fields are Secrets: zeroed when dropped, masked when shown.
#include <string>
#include <vector>

#include "kiosk/core/secret.h"

namespace kiosk::core {

struct PlanEnrolment {
  std::string plan;  // a plan id of the benefit rules, e.g. "inpatient"
  int year = 0;      // the calendar year the enrolment covers
  friend bool operator==(const PlanEnrolment&, const PlanEnrolment&) = default;
};

struct Member {
  Secret id_number;  // 18-character resident ID number (or permit number)
  Secret name;
  Secret phone;            // mobile number the person confirmed or typed at the terminal
  Secret bank_account;     // where mutual aid is paid, when the union has it on file; may be empty
  std::string union_name;  // 所属工会, not personal
  std::vector<PlanEnrolment> enrolments;

  bool enrolled(const std::string& plan, int year) const;
  void wipe() noexcept;
};

}  // namespace kiosk::core
