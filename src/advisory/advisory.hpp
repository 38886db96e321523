// Advisory cases (tư vấn thành lập, issue 13 item 2): an alliance advises a founding group until
// the cooperative appears in the registry. A case is opened for a group (its name, contact,
// province, the kind it plans to register), closed with the registry entity it became (registered
// in the case's province, on or after the day the case was opened) or dropped with a reason. The
// plan's target "advised_founding" counts the cases closed in a year.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "registry/entity.hpp"

namespace htx::advisory {

enum class CaseStatus { kOpen, kClosed, kDropped };
std::string_view to_code(CaseStatus s);  // "open", "closed", "dropped"
std::optional<CaseStatus> case_status_from_code(std::string_view code);

struct Case {
  std::int64_t id = 0;
  std::int64_t unit_id = 0;  // the alliance advising (work::Unit)
  std::string province_id;   // where the group founds (data/geo/provinces.csv id)
  std::string group_name;    // the founding group, NFC
  std::string contact;       // a person and a phone, as written
  std::string address;       // district, commune, village as written (the registry has no such
                             // fields)
  registry::EntityType planned_type = registry::EntityType::kCooperative;
  Date opened_on;
  std::string adviser;
  std::string note;
  CaseStatus status = CaseStatus::kOpen;
  std::optional<Date> closed_on;  // closed or dropped
  std::string entity_code;        // closed: the registry entity founded
  std::string entity_name;        // as registered when closing
  std::string drop_reason;
  std::string entered_by;
  std::string entered_at;
  bool operator==(const Case&) const = default;
};

}  // namespace htx::advisory
