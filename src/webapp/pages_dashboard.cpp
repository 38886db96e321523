// GET /: the key figures and charts, nationwide or over a provincial user's provinces.
#include <list>
#include <mutex>
#include <unordered_map>

#include "api/dashboard.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

constexpr const char* kTypes[] = {"HTX", "LHHTX", "THT"};

// Rendered dashboard pages. The figures only change with the data (the cached dashboard is
// rebuilt after a write, and the entry then no longer matches), so a page is rendered once per
// visitor (session, or the public), language, address, day and figures, and served from here
// afterwards. Bounded: the least recently used entries go first.
class PageCache {
 public:
  struct Entry {
    std::shared_ptr<const api::CachedDashboard> figures;  // what the page was rendered from
    std::string body;
  };

  std::optional<std::string> find(const std::string& key,
                                  const std::shared_ptr<const api::CachedDashboard>& figures) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end() || it->second->second.figures != figures) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second.body;
  }

  void store(const std::string& key, Entry entry) {
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) {
      order_.erase(it->second);
      index_.erase(it);
    }
    order_.emplace_front(key, std::move(entry));
    index_[key] = order_.begin();
    while (order_.size() > kMaxEntries) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }

 private:
  static constexpr std::size_t kMaxEntries = 512;
  std::mutex mutex_;
  std::list<std::pair<std::string, Entry>> order_;
  std::unordered_map<std::string, std::list<std::pair<std::string, Entry>>::iterator> index_;
};

PageCache& page_cache() {
  static PageCache cache;
  return cache;
}

std::int64_t count_of(const json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

web::Response dashboard(Site& site, Page& page) {
  const auto& p = page.principal();
  stats::DashboardScope scope;
  if (p.has_role(accounts::Role::kProvincialStaff)) {
    scope.province_ids = api::registry_area(site.ctx(), p).scope().filter();
    std::string names;
    for (auto& id : p.user->province_ids)
      names += (names.empty() ? "" : ", ") + site.province_name(id);
    scope.name = names;
  } else {
    scope.name = page.t("dashboard.national");
  }
  // Cached per scope; a write through this server (data_changed) makes it stale.
  auto cached = api::cached_dashboard(site.ctx(), scope);
  const json& d = cached->json;

  // Everything the page depends on besides the figures: this site, the visitor (a session's
  // token hash: its CSRF token and name are on the page), the language, the address (the
  // language switch links back to it), the day.
  std::string cache_key = std::to_string(reinterpret_cast<std::uintptr_t>(&site.ctx()));
  cache_key += '|';
  cache_key += page.visitor.session ? page.visitor.session->token_hash : std::string("public");
  cache_key += '|';
  cache_key += i18n::lang_code(page.lang());
  cache_key += '|';
  cache_key += page.request.target;
  cache_key += '|';
  cache_key += site.today().iso();
  if (auto body = page_cache().find(cache_key, cached)) return web::Response::html(*body);

  auto num = [&](std::int64_t v) { return site.number(page, v); };
  json view;
  view["scope_name"] = scope.name;
  view["as_of"] = page.t("dashboard.as_of", {{"date", site.today().vietnamese()}});

  const json& stock = d.value("stock", json::object());
  view["stock"] = {{"htx", num(count_of(stock, "HTX"))},
                   {"lhhtx", num(count_of(stock, "LHHTX"))},
                   {"tht", num(count_of(stock, "THT"))},
                   {"members", num(count_of(stock, "members"))}};

  const json& month = d.value("month", json::object());
  const json& year = d.value("year", json::object());
  json month_rows = json::array(), year_rows = json::array();
  for (const char* t : kTypes) {
    month_rows.push_back({{"type", t},
                          {"founded", num(count_of(month.value("founded", json()), t))},
                          {"dissolved", num(count_of(month.value("dissolved", json()), t))}});
    year_rows.push_back({{"type", t},
                         {"founded", num(count_of(year.value("founded", json()), t))},
                         {"founded_last_year",
                          num(count_of(year.value("founded_same_period_last_year", json()), t))},
                         {"dissolved", num(count_of(year.value("dissolved", json()), t))}});
  }
  view["month"] = {{"caption", page.t("dashboard.month_caption",
                                      {{"month", month.value("label", std::string())}})},
                   {"rows", month_rows}};
  json growth = false;
  if (auto it = year.find("growth_founded_htx_percent"); it != year.end() && it->is_string()) {
    std::string g = it->get<std::string>();
    if (page.lang() == i18n::Lang::kEn)
      for (auto& c : g)
        if (c == ',') c = '.';
    growth = page.t("dashboard.growth", {{"percent", g}});
  }
  view["year"] = {
      {"caption", page.t("dashboard.year_caption", {{"year", year.value("label", std::string())}})},
      {"rows", year_rows},
      {"growth", growth}};

  // Charts: the data of each as a data- attribute (the table beside it holds the same figures).
  const json& monthly = d.value("monthly_founded_htx_by_region", json::object());
  json months = monthly.value("months", json::array());
  json datasets = json::array(), head = json::array();
  std::vector<std::vector<std::int64_t>> by_region;
  for (auto& r : monthly.value("regions", json::array())) {
    std::string name = r.value("name", std::string());
    if (const auto* region = site.ctx().geo->region(r.value("id", std::string()));
        region && page.lang() == i18n::Lang::kEn && !region->name_en.empty())
      name = region->name_en;
    std::vector<std::int64_t> values;
    for (auto& v : r.value("values", json::array()))
      values.push_back(v.is_number_integer() ? v.get<std::int64_t>() : 0);
    datasets.push_back({{"label", name}, {"data", values}});
    head.push_back(name);
    by_region.push_back(std::move(values));
  }
  json monthly_rows = json::array();
  for (std::size_t m = 0; m < months.size(); ++m) {
    json values = json::array();
    for (auto& r : by_region) values.push_back(num(m < r.size() ? r[m] : 0));
    monthly_rows.push_back(
        {{"label", months[m].is_string() ? months[m] : json("")}, {"values", values}});
  }
  json monthly_chart = {
      {"type", "bar"}, {"stacked", true}, {"labels", months}, {"datasets", datasets}};

  json stock_dataset = {{"label", page.t("dashboard.stock")},
                        {"data", json::array({count_of(stock, "HTX"), count_of(stock, "LHHTX"),
                                              count_of(stock, "THT")})}};
  json stock_chart = {{"type", "bar"},
                      {"logarithmic", true},
                      {"labels", json::array({"HTX", "LHHTX", "THT"})},
                      {"datasets", json::array({stock_dataset})}};
  json stock_rows = json::array();
  const json& stock_ly = d.value("stock_last_year", json::object());
  for (const char* t : kTypes)
    stock_rows.push_back(
        {{"label", t},
         {"values", json::array({num(count_of(stock_ly, t)), num(count_of(stock, t))})}});

  json years = json::array(), founded = json::array(), dissolved = json::array();
  json yearly_rows = json::array();
  for (auto& y : d.value("yearly", json::array())) {
    std::int64_t yr = count_of(y, "year");
    years.push_back(std::to_string(yr));
    founded.push_back(count_of(y, "founded_htx"));
    dissolved.push_back(count_of(y, "dissolved_htx"));
    yearly_rows.push_back(
        {{"label", std::to_string(yr)},
         {"values", json::array({num(count_of(y, "founded_htx")), num(count_of(y, "dissolved_htx")),
                                 num(count_of(y, "stock_htx"))})}});
  }
  json founded_dataset = {{"label", page.t("dashboard.founded_htx")}, {"data", founded}};
  json dissolved_dataset = {{"label", page.t("dashboard.dissolved_htx")}, {"data", dissolved}};
  json yearly_chart = {{"type", "bar"},
                       {"labels", years},
                       {"datasets", json::array({founded_dataset, dissolved_dataset})}};

  auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
  view["charts"] = {
      {"monthly", {{"data", dump(monthly_chart)}, {"head", head}, {"rows", monthly_rows}}},
      {"stock",
       {{"data", dump(stock_chart)},
        {"head", json::array({page.t("dashboard.last_year_end"), page.t("dashboard.now")})},
        {"rows", stock_rows}}},
      {"yearly",
       {{"data", dump(yearly_chart)},
        {"head", json::array({page.t("dashboard.founded_htx"), page.t("dashboard.dissolved_htx"),
                              page.t("dashboard.stock_htx_end")})},
        {"rows", yearly_rows}}}};
  auto response = site.render(page, "dashboard", page.t("dashboard.title"), std::move(view));
  if (response.status == 200) page_cache().store(cache_key, {cached, response.body});
  return response;
}

}  // namespace

void register_dashboard_pages(Site& site, web::Router& router) { site.get(router, "/", dashboard); }

}  // namespace htx::webapp
