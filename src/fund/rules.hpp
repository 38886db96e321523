// The fund's legal parameters (data/fund/*.csv, each row naming its legal source): the limits of
// Decision 23/2017/QĐ-TTg and Decree 45/2021/NĐ-CP, the caps on overdue and late interest of
// Circular 39/2016/TT-NHNN, debt groups and provisions after Circular 11/2021/TT-NHNN, and the
// COVID-19 relief of Circular 01/2020/TT-NHNN as amended.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace htx::fund {

struct DebtGroupBand {
  int group = 1;
  int min_days_overdue = 0;
  std::optional<int> max_days_overdue;  // none: no upper bound (group 5)
  std::string name, name_en, source;
};

// What may have happened to a loan that sets its group whatever its days overdue.
struct DebtEvents {
  bool first_term_change = false;  // điều chỉnh kỳ hạn trả nợ lần đầu
  int restructurings = 0;          // cơ cấu lại thời hạn trả nợ: 1, 2, 3…
  bool interest_waived_unable_to_pay = false;
  bool overdue_after_restructuring = false;  // quá hạn sau khi cơ cấu lại
};

struct CovidRelief {
  Date loan_before;        // the loan arose before this date
  Date payments_due_from;  // payments falling due from …
  Date payments_due_to;    // … to this date
  int max_days_overdue = 10;
  int max_extension_months = 12;
  Date keep_group_until;
};

class FundRules {
 public:
  // Reads data_dir/fund/*.csv; a bad file is an InfrastructureError naming the file.
  static FundRules load(const std::filesystem::path& data_dir);

  const std::vector<DebtGroupBand>& groups() const { return groups_; }
  const CovidRelief& covid() const { return covid_; }
  std::int64_t parameter(const std::string& name) const;  // InfrastructureError when missing

  // The group by days overdue alone.
  int group_by_days(int days_overdue) const;
  // The group by days and by events, whichever is worse (Circular 11/2021 art. 10).
  int group_of(int days_overdue, const DebtEvents& events) const;
  // A borrower's loans all take the worst of their groups.
  static int borrower_group(const std::vector<int>& loan_groups);

  // The specific provision of a loan: the group's rate × (outstanding − discounted collateral,
  // never below 0), whole đồng rounded half up.
  std::int64_t specific_provision(int group, std::int64_t outstanding,
                                  std::int64_t discounted_collateral) const;
  // The general provision: its rate × the outstanding of groups 1–4.
  std::int64_t general_provision(std::int64_t outstanding_groups_1_to_4) const;

  // Working days (the service deadlines): not a Saturday or a Sunday, not a public holiday of
  // holidays.csv, and not the day in lieu of a holiday that fell on a weekend (the next working
  // day: Labour Code 2019 art. 111(3), 2012 art. 110(3)).
  bool is_working_day(Date d) const;
  // The working day `days` working days after `from`.
  Date add_working_days(Date from, int days) const;

 private:
  std::vector<DebtGroupBand> groups_;
  std::map<std::string, int> event_groups_;
  std::map<int, std::int64_t> provision_percent_;
  std::map<std::string, std::int64_t> parameters_;
  std::set<Date> days_off_;  // holidays and the days in lieu
  CovidRelief covid_;
};

}  // namespace htx::fund
