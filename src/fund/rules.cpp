#include "fund/rules.hpp"

#include <algorithm>

#include "core/data_file.hpp"
#include "core/error.hpp"

namespace htx::fund {

namespace {

Date date_of(const std::map<std::string, std::string>& p, const std::string& name,
             const std::filesystem::path& path) {
  auto it = p.find(name);
  auto d = it == p.end() ? std::nullopt : Date::parse_iso(it->second);
  if (!d) throw InfrastructureError(path.string() + ": " + name + " must be a date yyyy-mm-dd");
  return *d;
}

std::int64_t whole_of(const std::map<std::string, std::string>& p, const std::string& name,
                      const std::filesystem::path& path) {
  auto it = p.find(name);
  if (it == p.end()) throw InfrastructureError(path.string() + ": " + name + " is missing");
  return data_file::whole(it->second, path, name);
}

bool weekend(Date d) {
  // 1970-01-01 was a Thursday: days() % 7 == 2 is a Saturday, 3 a Sunday.
  auto weekday = ((d.days() % 7) + 7) % 7;
  return weekday == 2 || weekday == 3;
}

}  // namespace

bool FundRules::is_working_day(Date d) const { return !weekend(d) && !days_off_.count(d); }

Date FundRules::add_working_days(Date from, int days) const {
  Date d = from;
  while (days > 0) {
    d = d.add_days(1);
    if (is_working_day(d)) --days;
  }
  return d;
}

FundRules FundRules::load(const std::filesystem::path& data_dir) {
  FundRules r;
  const auto dir = data_dir / "fund";
  auto groups_path = dir / "debt_groups.csv";
  for (auto& row : data_file::rows(groups_path, 6)) {
    DebtGroupBand b;
    b.group = static_cast<int>(data_file::whole(row[0], groups_path, "group", true));
    b.min_days_overdue = static_cast<int>(data_file::whole(row[1], groups_path, "min_days"));
    if (!row[2].empty())
      b.max_days_overdue = static_cast<int>(data_file::whole(row[2], groups_path, "max_days"));
    b.name = row[3];
    b.name_en = row[4];
    b.source = row[5];
    r.groups_.push_back(std::move(b));
  }
  std::sort(r.groups_.begin(), r.groups_.end(),
            [](const auto& a, const auto& b) { return a.min_days_overdue < b.min_days_overdue; });
  if (r.groups_.empty() || r.groups_.front().min_days_overdue != 0)
    throw InfrastructureError(groups_path.string() + ": the first group must start at 0 days");
  for (std::size_t i = 1; i < r.groups_.size(); ++i)
    if (!r.groups_[i - 1].max_days_overdue ||
        *r.groups_[i - 1].max_days_overdue + 1 != r.groups_[i].min_days_overdue)
      throw InfrastructureError(groups_path.string() + ": the day bands must follow each other");
  auto events_path = dir / "debt_group_events.csv";
  for (auto& row : data_file::rows(events_path, 3))
    r.event_groups_[row[0]] =
        static_cast<int>(data_file::whole(row[1], events_path, "group", true));
  auto provisions_path = dir / "provisions.csv";
  for (auto& row : data_file::rows(provisions_path, 3))
    r.provision_percent_[static_cast<int>(data_file::whole(row[0], provisions_path, "group"))] =
        data_file::whole(row[1], provisions_path, "specific_rate_percent");
  auto params_path = dir / "parameters.csv";
  for (auto& [name, value] : data_file::parameters(params_path))
    r.parameters_[name] = data_file::whole(value, params_path, name);
  auto covid_path = dir / "covid_relief.csv";
  auto c = data_file::parameters(covid_path);
  r.covid_.loan_before = date_of(c, "loan_before", covid_path);
  r.covid_.payments_due_from = date_of(c, "payments_due_from", covid_path);
  r.covid_.payments_due_to = date_of(c, "payments_due_to", covid_path);
  r.covid_.keep_group_until = date_of(c, "keep_group_until", covid_path);
  r.covid_.max_days_overdue = static_cast<int>(whole_of(c, "max_days_overdue", covid_path));
  r.covid_.max_extension_months = static_cast<int>(whole_of(c, "max_extension_months", covid_path));
  // Holidays in date order; one on a weekend gives the next working day in lieu.
  auto holidays_path = dir / "holidays.csv";
  std::set<Date> holidays;
  for (auto& row : data_file::rows(holidays_path, 3)) {
    auto d = Date::parse_iso(row[0]);
    if (!d)
      throw InfrastructureError(holidays_path.string() + ": \"" + row[0] +
                                "\" is not a date yyyy-mm-dd");
    holidays.insert(*d);
  }
  r.days_off_ = holidays;
  for (Date h : holidays) {
    if (!weekend(h)) continue;
    Date lieu = h.add_days(1);
    while (!r.is_working_day(lieu)) lieu = lieu.add_days(1);
    r.days_off_.insert(lieu);
  }
  return r;
}

std::int64_t FundRules::parameter(const std::string& name) const {
  auto it = parameters_.find(name);
  if (it == parameters_.end())
    throw InfrastructureError("data/fund/parameters.csv: " + name + " is missing");
  return it->second;
}

int FundRules::group_by_days(int days_overdue) const {
  int group = groups_.front().group;
  for (const auto& b : groups_)
    if (days_overdue >= b.min_days_overdue) group = b.group;
  return group;
}

int FundRules::group_of(int days_overdue, const DebtEvents& e) const {
  int group = group_by_days(days_overdue);
  auto raise = [&](const char* event) {
    auto it = event_groups_.find(event);
    if (it != event_groups_.end()) group = std::max(group, it->second);
  };
  if (e.first_term_change) raise("first_term_change");
  if (e.interest_waived_unable_to_pay) raise("interest_waived_unable_to_pay");
  if (e.restructurings == 1) raise("first_restructuring");
  if (e.restructurings == 2) raise("second_restructuring");
  if (e.restructurings >= 3) raise("third_restructuring");
  if (e.overdue_after_restructuring && e.restructurings == 1)
    raise("overdue_after_first_restructuring");
  if (e.overdue_after_restructuring && e.restructurings >= 2)
    raise("overdue_after_second_restructuring");
  return group;
}

int FundRules::borrower_group(const std::vector<int>& loan_groups) {
  return loan_groups.empty() ? 1 : *std::max_element(loan_groups.begin(), loan_groups.end());
}

std::int64_t FundRules::specific_provision(int group, std::int64_t outstanding,
                                           std::int64_t discounted_collateral) const {
  auto it = provision_percent_.find(group);
  if (it == provision_percent_.end())
    throw InfrastructureError("data/fund/provisions.csv: no rate for group " +
                              std::to_string(group));
  auto base = static_cast<__int128>(std::max<std::int64_t>(0, outstanding - discounted_collateral));
  return static_cast<std::int64_t>((base * it->second * 2 + 100) / 200);
}

std::int64_t FundRules::general_provision(std::int64_t outstanding) const {
  // The rate in millionths of a percent: 0,75 % = 750.000.
  auto micro = parameter("general_provision_rate_micro_percent");
  return static_cast<std::int64_t>((static_cast<__int128>(outstanding) * micro * 2 + 100'000'000) /
                                   200'000'000);
}

}  // namespace htx::fund
