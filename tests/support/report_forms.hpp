// The provincial alliances' monthly report form the reporting tests share: code BC-TINH-THANG,
// due on day 20 of the month after the period, applied from `active_from`, with the indicators
// given (key, name, required).
#pragma once

#include <vector>

#include "reporting/reporting.hpp"

namespace htx::testing {

inline reporting::ReportForm provincial_monthly_form(Date active_from,
                                                     std::vector<reporting::Indicator> indicators) {
  reporting::ReportForm form;
  form.code = "BC-TINH-THANG";
  form.name = "Báo cáo tháng của Liên minh HTX tỉnh";
  form.unit_kind = work::UnitKind::kProvincial;
  form.deadline = {1, 20};
  form.indicators = std::move(indicators);
  form.active_from = active_from;
  return form;
}

}  // namespace htx::testing
