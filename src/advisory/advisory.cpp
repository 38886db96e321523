#include "advisory/advisory.hpp"

#include "core/enum_codes.hpp"

namespace htx::advisory {

namespace {
constexpr enum_codes::Codes<CaseStatus, 3> kStatuses{{"open", "closed", "dropped"}};
}  // namespace

std::string_view to_code(CaseStatus s) { return kStatuses.code(s, "open"); }
std::optional<CaseStatus> case_status_from_code(std::string_view code) {
  return kStatuses.from_code(code);
}

}  // namespace htx::advisory
