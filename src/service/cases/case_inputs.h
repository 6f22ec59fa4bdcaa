// What a case request must satisfy before anything is stored, whichever way it came in (console, Open311,
// public report): a known category, coordinates on the globe, and every text within its limit
// (domain/cases/case_text_limits.h). Each throws InvalidInput naming the field, with a case.* message key.
#pragma once

#include <optional>
#include <string>

#include "service/cases/case_service.h"

namespace civic::service {

void require_category(const std::string& code, const char* field = "category");
void require_coordinates(const std::optional<double>& lat, const std::optional<double>& lon);
// A public report's location: lat and lon together on the globe, or (without them) a non-blank address.
void require_report_location(const PublicReport& report);

void check_texts(const NewCase& input);
void check_texts(const CaseActionRequest& request);
void check_texts(const PublicReport& report);

}  // namespace civic::service
