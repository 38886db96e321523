// The registry, its audit log, the statistics' flows and the plan targets, written once for both
// backends over declared tables (store/record.hpp) and the statement runner
// (store/statement_runner.hpp). An entity's search key is written by the caller; a batch of flow
// deltas is one statement on PostgreSQL (arrays), one per key on SQLite.
#include <nlohmann/json.hpp>

#include "store/record.hpp"
#include "store/sql_common.hpp"
#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

using registry::Entity;
using registry::Event;

// The search key (written by the caller, never read) is a column of its own after these.
const Table<Entity> kEntities{
    "entity",
    {key<&Entity::id>(), column<&Entity::code>("code"), column<&Entity::name>("name"),
     code<&Entity::type, registry::entity_type_from_code, registry::EntityType::kCooperative>(
         "type"),
     column<&Entity::sector_id>("sector_id"), column<&Entity::province_id>("province_id"),
     column<&Entity::address>("address"), column<&Entity::founded_on>("founded_on"),
     column<&Entity::dissolved_on>("dissolved_on"),
     code<&Entity::status, registry::entity_status_from_code, registry::EntityStatus::kActive>(
         "status"),
     column<&Entity::members>("members"), column<&Entity::employees>("employees"),
     column<&Entity::charter_capital>("charter_capital"), column<&Entity::revenue>("revenue"),
     column<&Entity::new_type>("new_type"), column<&Entity::ocop_products>("ocop_products"),
     column<&Entity::alliance_member>("alliance_member"),
     column<&Entity::recorded_by>("recorded_by"), column<&Entity::recorded_at>("recorded_at")}};

// An event's changes as a JSON object ({} when empty or unreadable).
struct ChangesCodec {
  static constexpr bool kJson = true;
  static nlohmann::json read(const Field& f) {
    auto j = nlohmann::json::parse(to_text(f), nullptr, false);
    return j.is_discarded() ? nlohmann::json::object() : j;
  }
  static Param write(const nlohmann::json& j) { return j.empty() ? std::string("{}") : j.dump(); }
};

const Table<Event> kEvents{
    "entity_event",
    {key<&Event::id>(), column<&Event::entity_id>("entity_id"),
     code<&Event::kind, registry::event_kind_from_code, registry::EventKind::kCorrected>("kind"),
     column<&Event::effective_on>("effective_on"), column<&Event::recorded_at>("recorded_at"),
     column<&Event::actor>("actor"), coded<ChangesCodec, &Event::changes>("changes"),
     column<&Event::note>("note")}};

const Table<audit::Entry> kAudit{
    "audit_log",
    {key<&audit::Entry::id>(), column<&audit::Entry::at>("at"),
     column<&audit::Entry::actor>("actor"), column<&audit::Entry::action>("action"),
     column<&audit::Entry::object_type>("object_type"),
     column<&audit::Entry::object_key>("object_key"),
     column<&audit::Entry::before_json>("before_json"),
     column<&audit::Entry::after_json>("after_json")}};

// The parameters of the insert and the update: the columns, then the search key. `key` is not
// copied: the statement runs before it goes away.
Params entity_params(const Entity& e, const std::string& key) {
  auto out = kEntities.params(e);
  out.push_back(Param::ref(key));
  return out;
}

std::int64_t inserted(const std::optional<std::int64_t>& id) {
  if (!id) throw InfrastructureError("store: insert returned no id");
  return *id;
}

Params list_params(const registry::ListQuery& q) {
  Params out;
  for (auto& v : list_parameters(q)) out.emplace_back(std::move(v));
  return out;
}

class RegistryStore final : public Store<registry::RegistryRepository> {
 public:
  using Store::Store;

  std::optional<Entity> find_by_code(std::string_view code) override {
    return by_code_.first({Param::ref(code)});
  }

  std::optional<Entity> find_by_id(std::int64_t id) override { return by_id_.first({p(id)}); }

  std::int64_t insert(const Entity& e) override {
    const auto key = registry::search_key(e);
    return inserted(r_.insert(insert_, entity_params(e, key)));
  }

  std::optional<std::int64_t> insert_if_new(const Entity& e, const std::string& key) override {
    return r_.insert(insert_if_new_, entity_params(e, key));
  }

  void update(const Entity& e) override {
    const auto key = registry::search_key(e);
    auto params = entity_params(e, key);
    params.push_back(kEntities.key_param(e));
    r_.query(update_, 0, params);
  }

  std::vector<Entity> list(const registry::ListQuery& q) override {
    auto params = list_params(q);
    int n = static_cast<int>(params.size());
    auto rest = "WHERE " + list_conditions(q, d_) + " ORDER BY " + list_order(q, d_) + " LIMIT $" +
                std::to_string(n + 1) + " OFFSET $" + std::to_string(n + 2);
    params.push_back(limit_param(q.limit, d_));
    params.push_back(offset_param(q.offset));
    return select(r_, d_, kEntities, rest).all(params);
  }

  std::int64_t count(const registry::ListQuery& q) override {
    auto text = "SELECT count(*) FROM entity WHERE " + list_conditions(q, d_);
    return to_int(r_.query(translate(text, d_), 1, list_params(q)).at(0).at(0));
  }

  void for_each(const std::function<void(const Entity&)>& fn) override { all_.each(fn); }

  std::vector<Entity> active_between(Date from, Date to) override {
    return active_between_.all({p(from), p(to)});
  }

  std::int64_t add_event(const Event& ev) override {
    return inserted(r_.insert(insert_event_, kEvents.params(ev)));
  }

  std::vector<Event> events_of(std::int64_t entity_id) override {
    return events_of_.all({p(entity_id)});
  }

 private:
  std::string sql(std::string_view text) const { return translate(text, d_); }

  const Query<Entity> by_code_ = select(r_, d_, kEntities, "WHERE code = $1");
  const Query<Entity> by_id_ = select(r_, d_, kEntities, "WHERE id = $1");
  const Query<Entity> all_ = select(r_, d_, kEntities, "ORDER BY code");
  const std::string insert_ = sql(kEntities.insert({"search_key"}));
  const std::string insert_if_new_ =
      sql(kEntities.insert({"search_key"}) + " ON CONFLICT (code) DO NOTHING");
  const std::string update_ = sql(kEntities.update({"search_key"}));
  const Query<Entity> active_between_ =
      select(r_, d_, kEntities,
             "WHERE founded_on BETWEEN $1::date AND $2::date OR dissolved_on BETWEEN "
             "$1::date AND $2::date OR id IN (SELECT entity_id FROM entity_event "
             "WHERE effective_on BETWEEN $1::date AND $2::date) ORDER BY code");
  const std::string insert_event_ = sql(kEvents.insert());
  const Query<Event> events_of_ =
      select(r_, d_, kEvents, "WHERE entity_id = $1 ORDER BY effective_on, id");
};

class AuditStore final : public Store<audit::AuditLog> {
 public:
  using Store::Store;

  void append(const audit::Entry& e) override { r_.query(append_, 0, kAudit.params(e)); }

  std::vector<audit::Entry> list(const audit::Filter& f) override {
    auto [where, values] = audit_conditions(f);
    Params params(values.begin(), values.end());
    auto rest = "WHERE " + where + " ORDER BY id DESC LIMIT $" + std::to_string(params.size() + 1);
    params.push_back(limit_param(f.limit, d_));
    return select(r_, d_, kAudit, rest).all(params);
  }

 private:
  const std::string append_ = translate(kAudit.insert(), d_);
};

// A PostgreSQL array literal of text values: {"a","b"} with quotes and backslashes escaped.
std::string text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char ch : values[i]) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

// The upsert of one flow table ("month" or "year": the key's first 7 or 4 characters of the day).
std::string upsert_flows(std::string_view table, std::string_view period, int length,
                         bool batched) {
  std::string t(table), col(period), n = std::to_string(length);
  std::string head =
      "INSERT INTO " + t + " (" + col + ", province_id, type, sector_id, kind, entities, members) ";
  std::string tail = " ON CONFLICT (" + col +
                     ", province_id, type, sector_id, kind) DO UPDATE SET entities = " + t +
                     ".entities + excluded.entities, members = " + t +
                     ".members + excluded.members";
  if (!batched) return head + "VALUES (substr($1, 1, " + n + "), $2, $3, $4, $5, $6, $7)" + tail;
  // A batch in one statement (unnest of arrays, PostgreSQL), not one statement per key.
  return head + "SELECT left(d, " + n + "), p, t, s, k, sum(e), sum(m) FROM unnest($1::text[], " +
         "$2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[]) AS " +
         "x(d, p, t, s, k, e, m) GROUP BY left(d, " + n + "), p, t, s, k" + tail;
}

std::string sum_flows(std::string_view table, std::string_view period) {
  return "SELECT province_id, type, sector_id, kind, sum(entities), sum(members) FROM " +
         std::string(table) + " WHERE " + std::string(period) +
         " BETWEEN $1 AND $2 GROUP BY province_id, type, sector_id, kind";
}

registry::FlowSum read_flow(const Row& r) {
  registry::FlowSum f;
  f.province_id = to_text(r[0]);
  f.type =
      registry::entity_type_from_code(to_text(r[1])).value_or(registry::EntityType::kCooperative);
  f.sector_id = to_text(r[2]);
  f.kind = registry::flow_kind_from_code(to_text(r[3])).value_or(registry::FlowKind::kFounded);
  f.entities = to_int(r[4]);
  f.members = to_int(r[5]);
  return f;
}

class FlowStore final : public Store<registry::FlowRepository> {
 public:
  using Store::Store;

  void apply(const std::vector<registry::FlowDelta>& deltas) override {
    if (d_ == Dialect::kPostgres) return apply_batched(deltas);
    // SQLite: one statement per key is as fast as a batch would be (no round trips).
    for (const auto& x : deltas) {
      const auto day = x.key.day.iso();
      Params params{Param::ref(day),
                    Param::ref(x.key.province_id),
                    Param::ref(registry::to_code(x.key.type)),
                    Param::ref(x.key.sector_id),
                    Param::ref(registry::to_code(x.key.kind)),
                    p(x.entities),
                    p(x.members)};
      r_.query(upsert_month_, 0, params);
      r_.query(upsert_year_, 0, params);
    }
  }

  std::vector<registry::FlowSum> sum_months(const std::string& from_month,
                                            const std::string& to_month) override {
    return all<registry::FlowSum>(r_.query(sum_months_, 6, {p(from_month), p(to_month)}),
                                  read_flow);
  }

  std::vector<registry::FlowSum> sum_years(int from_year, int to_year) override {
    // Years are text in the table.
    return all<registry::FlowSum>(
        r_.query(sum_years_, 6, {std::to_string(from_year), std::to_string(to_year)}), read_flow);
  }

  void clear() override {
    r_.query("DELETE FROM stat_flow_month", 0, {});
    r_.query("DELETE FROM stat_flow_year", 0, {});
  }

 private:
  void apply_batched(const std::vector<registry::FlowDelta>& deltas) {
    constexpr std::size_t kChunk = 5000;
    for (std::size_t at = 0; at < deltas.size(); at += kChunk) {
      std::vector<std::string> d, pr, t, s, k, e, m;
      for (std::size_t i = at; i < deltas.size() && i < at + kChunk; ++i) {
        const auto& x = deltas[i];
        d.push_back(x.key.day.iso());
        pr.push_back(x.key.province_id);
        t.emplace_back(registry::to_code(x.key.type));
        s.push_back(x.key.sector_id);
        k.emplace_back(registry::to_code(x.key.kind));
        e.push_back(std::to_string(x.entities));
        m.push_back(std::to_string(x.members));
      }
      Params params{text_array(d), text_array(pr), text_array(t), text_array(s),
                    text_array(k), text_array(e),  text_array(m)};
      r_.query(upsert_month_, 0, params);
      r_.query(upsert_year_, 0, params);
    }
  }

  const std::string upsert_month_ =
      translate(upsert_flows("stat_flow_month", "month", 7, d_ == Dialect::kPostgres), d_);
  const std::string upsert_year_ =
      translate(upsert_flows("stat_flow_year", "year", 4, d_ == Dialect::kPostgres), d_);
  const std::string sum_months_ = translate(sum_flows("stat_flow_month", "month"), d_);
  const std::string sum_years_ = translate(sum_flows("stat_flow_year", "year"), d_);
};

const Table<stats::Target> kTargets{
    "plan_target",
    {column<&stats::Target::year>("year"), column<&stats::Target::unit_id>("unit_id"),
     code<&stats::Target::indicator, stats::indicator_from_code, stats::Indicator::kFoundedHtx>(
         "indicator"),
     column<&stats::Target::value>("value")}};

class TargetStore final : public Store<stats::TargetRepository> {
 public:
  using Store::Store;

  void set(const stats::Target& t) override { r_.query(set_, 0, kTargets.params(t)); }

  std::optional<stats::Target> get(int year, std::string_view unit_id,
                                   stats::Indicator i) override {
    return get_.first({p(year), p(unit_id), p(stats::to_code(i))});
  }

  std::vector<stats::Target> list(int year) override { return list_.all({p(year)}); }

 private:
  const std::string set_ =
      translate(kTargets.insert() +
                    " ON CONFLICT (year, unit_id, indicator) DO UPDATE SET value = excluded.value",
                d_);
  const Query<stats::Target> get_ =
      select(r_, d_, kTargets, "WHERE year = $1 AND unit_id = $2 AND indicator = $3");
  const Query<stats::Target> list_ =
      select(r_, d_, kTargets, "WHERE year = $1 ORDER BY unit_id, indicator");
};

}  // namespace

HTX_STORE_OF(registry::RegistryRepository, RegistryStore)
HTX_STORE_OF(audit::AuditLog, AuditStore)
HTX_STORE_OF(registry::FlowRepository, FlowStore)
HTX_STORE_OF(stats::TargetRepository, TargetStore)

}  // namespace htx::store::sql
