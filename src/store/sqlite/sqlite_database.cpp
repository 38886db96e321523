#include "store/sqlite/sqlite_database.hpp"

#include <map>
#include <tuple>

#include "core/error.hpp"
#include "core/text.hpp"
#include "store/governance_store.hpp"
#include "store/reporting_store.hpp"
#include "store/sql_common.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/work_store.hpp"

namespace htx::store::sqlite {

namespace {

using registry::Entity;
using registry::Event;

constexpr std::string_view kEntityColumns =
    "id, code, name, type, sector_id, province_id, address, founded_on, dissolved_on, status, "
    "members, employees, charter_capital, revenue, new_type, ocop_products, alliance_member, "
    "recorded_by, recorded_at";

// A statement left on a row keeps its read transaction, and with it an old snapshot of the
// database, open: reset it once the row is read.
template <typename T>
T done(Statement& s, T value) {
  s.reset();
  return value;
}

Entity read_entity(const Statement& s) {
  Entity e;
  e.id = s.integer(0);
  e.code = s.text(1);
  e.name = s.text(2);
  e.type = registry::entity_type_from_code(s.text(3)).value_or(registry::EntityType::kCooperative);
  e.sector_id = s.text(4);
  e.province_id = s.text(5);
  e.address = s.text(6);
  e.founded_on = Date::parse_iso(s.text(7)).value_or(Date{});
  if (auto d = s.opt_text(8)) e.dissolved_on = Date::parse_iso(*d);
  e.status = registry::entity_status_from_code(s.text(9)).value_or(registry::EntityStatus::kActive);
  e.members = s.integer(10);
  e.employees = s.integer(11);
  e.charter_capital = s.integer(12);
  e.revenue = s.integer(13);
  e.new_type = s.integer(14) != 0;
  e.ocop_products = s.text(15);
  e.alliance_member = s.integer(16) != 0;
  e.recorded_by = s.text(17);
  e.recorded_at = s.text(18);
  return e;
}

// Binds the 19 values of an entity at parameters 1..19 (its search key at 3). Strings of `e`
// and `key` are bound without copying: the statement is stepped before they go away.
void bind_entity(Statement& s, const Entity& e, const std::string& key) {
  s.bind_ref(1, e.code)
      .bind_ref(2, e.name)
      .bind_ref(3, key)
      .bind_ref(4, registry::to_code(e.type))
      .bind_ref(5, e.sector_id)
      .bind_ref(6, e.province_id)
      .bind_ref(7, e.address)
      .bind(8, e.founded_on.iso());
  if (e.dissolved_on)
    s.bind(9, e.dissolved_on->iso());
  else
    s.bind_null(9);
  s.bind_ref(10, registry::to_code(e.status))
      .bind(11, e.members)
      .bind(12, e.employees)
      .bind(13, e.charter_capital)
      .bind(14, e.revenue)
      .bind(15, e.new_type)
      .bind_ref(16, e.ocop_products)
      .bind(17, e.alliance_member)
      .bind_ref(18, e.recorded_by)
      .bind_ref(19, e.recorded_at);
}

// Named queries of the hot paths (cached by address, see Connection::prepare_named).
constexpr std::string_view kFindByCode =
    "SELECT id, code, name, type, sector_id, province_id, address, founded_on, dissolved_on, "
    "status, members, employees, charter_capital, revenue, new_type, ocop_products, "
    "alliance_member, recorded_by, recorded_at FROM entity WHERE code = ?1";
constexpr std::string_view kInsertEntity =
    "INSERT INTO entity (code, name, search_key, type, sector_id, province_id, address, "
    "founded_on, dissolved_on, status, members, employees, charter_capital, revenue, "
    "new_type, ocop_products, alliance_member, recorded_by, recorded_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19)";
constexpr std::string_view kInsertEntityIfNew =
    "INSERT INTO entity (code, name, search_key, type, sector_id, province_id, address, "
    "founded_on, dissolved_on, status, members, employees, charter_capital, revenue, "
    "new_type, ocop_products, alliance_member, recorded_by, recorded_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19) ON CONFLICT (code) DO NOTHING";
constexpr std::string_view kInsertEvent =
    "INSERT INTO entity_event (entity_id, kind, effective_on, recorded_at, actor, changes, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (at, actor, action, object_type, object_key, before_json, after_json) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

class SqliteRegistry final : public registry::RegistryRepository {
 public:
  explicit SqliteRegistry(Connection& c) : c_(c) {}

  std::optional<Entity> find_by_code(std::string_view code) override {
    auto& s = c_.prepare_named(kFindByCode);
    s.bind_ref(1, code);
    if (!s.step()) return std::nullopt;
    return done(s, read_entity(s));
  }

  std::optional<Entity> find_by_id(std::int64_t id) override {
    auto& s = c_.prepare(select_where("id = ?1"));
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return done(s, read_entity(s));
  }

  std::int64_t insert(const Entity& e) override {
    auto& s = c_.prepare_named(kInsertEntity);
    const auto key = registry::search_key(e);
    bind_entity(s, e, key);
    s.run();
    return c_.last_insert_id();
  }

  std::optional<std::int64_t> insert_if_new(const Entity& e, const std::string& key) override {
    auto& s = c_.prepare_named(kInsertEntityIfNew);
    bind_entity(s, e, key);
    s.run();
    if (sqlite3_changes(c_.handle()) == 0) return std::nullopt;
    return c_.last_insert_id();
  }

  void update(const Entity& e) override {
    auto& s = c_.prepare(
        "UPDATE entity SET code = ?1, name = ?2, search_key = ?3, type = ?4, sector_id = ?5, "
        "province_id = ?6, address = ?7, founded_on = ?8, dissolved_on = ?9, status = ?10, "
        "members = ?11, employees = ?12, charter_capital = ?13, revenue = ?14, new_type = ?15, "
        "ocop_products = ?16, alliance_member = ?17, recorded_by = ?18, recorded_at = ?19 "
        "WHERE id = ?20");
    const auto key = registry::search_key(e);
    bind_entity(s, e, key);
    s.bind(20, e.id);
    s.run();
  }

  std::vector<Entity> list(const registry::ListQuery& q) override {
    std::string sql = select_where(sql::list_conditions(q, sql::Dialect::kSqlite)) + " ORDER BY " +
                      sql::list_order(q, sql::Dialect::kSqlite) + " LIMIT ? OFFSET ?";
    auto& s = c_.prepare(sql);
    int i = bind_query(s, q);
    s.bind(i, static_cast<std::int64_t>(q.limit));
    s.bind(i + 1, static_cast<std::int64_t>(q.offset));
    std::vector<Entity> out;
    while (s.step()) out.push_back(read_entity(s));
    return out;
  }

  std::int64_t count(const registry::ListQuery& q) override {
    auto& s = c_.prepare("SELECT count(*) FROM entity WHERE " +
                         sql::list_conditions(q, sql::Dialect::kSqlite));
    bind_query(s, q);
    s.step();
    return done(s, s.integer(0));
  }

  void for_each(const std::function<void(const Entity&)>& fn) override {
    // A statement of its own: fn may call back into this repository.
    Statement s(c_.handle(), select_where("1 = 1") + " ORDER BY code");
    while (s.step()) fn(read_entity(s));
  }

  std::vector<Entity> active_between(Date from, Date to) override {
    auto& s = c_.prepare(
        select_where("founded_on BETWEEN ?1 AND ?2 OR dissolved_on BETWEEN ?1 AND ?2 OR id IN "
                     "(SELECT entity_id FROM entity_event WHERE effective_on BETWEEN ?1 AND ?2)") +
        " ORDER BY code");
    s.bind(1, from.iso()).bind(2, to.iso());
    std::vector<Entity> out;
    while (s.step()) out.push_back(read_entity(s));
    return out;
  }

  std::int64_t add_event(const Event& ev) override {
    auto& s = c_.prepare_named(kInsertEvent);
    s.bind(1, ev.entity_id)
        .bind_ref(2, registry::to_code(ev.kind))
        .bind(3, ev.effective_on.iso())
        .bind_ref(4, ev.recorded_at)
        .bind_ref(5, ev.actor)
        .bind(6, ev.changes.empty() ? std::string("{}") : ev.changes.dump())
        .bind_ref(7, ev.note);
    s.run();
    return c_.last_insert_id();
  }

  std::vector<Event> events_of(std::int64_t entity_id) override {
    auto& s = c_.prepare(
        "SELECT id, entity_id, kind, effective_on, recorded_at, actor, changes, note "
        "FROM entity_event WHERE entity_id = ?1 ORDER BY effective_on, id");
    s.bind(1, entity_id);
    std::vector<Event> out;
    while (s.step()) {
      Event ev;
      ev.id = s.integer(0);
      ev.entity_id = s.integer(1);
      ev.kind = registry::event_kind_from_code(s.text(2)).value_or(registry::EventKind::kCorrected);
      ev.effective_on = Date::parse_iso(s.text(3)).value_or(Date{});
      ev.recorded_at = s.text(4);
      ev.actor = s.text(5);
      ev.changes = nlohmann::json::parse(s.text(6), nullptr, false);
      if (ev.changes.is_discarded()) ev.changes = nlohmann::json::object();
      ev.note = s.text(7);
      out.push_back(std::move(ev));
    }
    return out;
  }

 private:
  static std::string select_where(std::string_view cond) {
    return "SELECT " + std::string(kEntityColumns) + " FROM entity WHERE " + std::string(cond);
  }
  // Binds the parameters of sql::list_conditions in order; returns the next index.
  static int bind_query(Statement& s, const registry::ListQuery& q) {
    int i = 1;
    for (auto& p : sql::list_parameters(q)) s.bind(i++, p);
    return i;
  }

  Connection& c_;
};

class SqliteAudit final : public audit::AuditLog {
 public:
  explicit SqliteAudit(Connection& c) : c_(c) {}

  void append(const audit::Entry& e) override {
    auto& s = c_.prepare_named(kInsertAudit);
    s.bind_ref(1, e.at)
        .bind_ref(2, e.actor)
        .bind_ref(3, e.action)
        .bind_ref(4, e.object_type)
        .bind_ref(5, e.object_key)
        .bind_ref(6, e.before_json)
        .bind_ref(7, e.after_json);
    s.run();
  }

  std::vector<audit::Entry> list(const audit::Filter& f) override {
    auto [where, params] = sql::audit_conditions(f, sql::Dialect::kSqlite);
    auto& s = c_.prepare(
        "SELECT id, at, actor, action, object_type, object_key, before_json, after_json "
        "FROM audit_log WHERE " +
        where + " ORDER BY id DESC LIMIT ?");
    int i = 1;
    for (auto& p : params) s.bind(i++, p);
    s.bind(i, static_cast<std::int64_t>(f.limit));
    std::vector<audit::Entry> out;
    while (s.step()) {
      audit::Entry e;
      e.id = s.integer(0);
      e.at = s.text(1);
      e.actor = s.text(2);
      e.action = s.text(3);
      e.object_type = s.text(4);
      e.object_key = s.text(5);
      e.before_json = s.text(6);
      e.after_json = s.text(7);
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  Connection& c_;
};

constexpr std::string_view kUpsertFlowMonth =
    "INSERT INTO stat_flow_month (month, province_id, type, sector_id, kind, entities, members) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (month, province_id, type, sector_id, kind) DO UPDATE SET "
    "entities = entities + excluded.entities, members = members + excluded.members";
constexpr std::string_view kUpsertFlowYear =
    "INSERT INTO stat_flow_year (year, province_id, type, sector_id, kind, entities, members) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (year, province_id, type, sector_id, kind) DO UPDATE SET "
    "entities = entities + excluded.entities, members = members + excluded.members";
constexpr std::string_view kSumFlowYears =
    "SELECT province_id, type, sector_id, kind, sum(entities), sum(members) FROM stat_flow_year "
    "WHERE year BETWEEN ?1 AND ?2 GROUP BY province_id, type, sector_id, kind";
constexpr std::string_view kSumFlowMonths =
    "SELECT province_id, type, sector_id, kind, sum(entities), sum(members) FROM stat_flow_month "
    "WHERE month BETWEEN ?1 AND ?2 GROUP BY province_id, type, sector_id, kind";

class SqliteFlows final : public registry::FlowRepository {
 public:
  explicit SqliteFlows(Connection& c) : c_(c) {}

  void apply(const std::vector<registry::FlowDelta>& deltas) override {
    for (auto& d : deltas) {
      auto month = d.key.day.iso().substr(0, 7);
      auto year = month.substr(0, 4);
      for (auto* sql : {&kUpsertFlowMonth, &kUpsertFlowYear}) {
        auto& s = c_.prepare_named(*sql);
        s.bind_ref(1, sql == &kUpsertFlowMonth ? month : year)
            .bind_ref(2, d.key.province_id)
            .bind_ref(3, registry::to_code(d.key.type))
            .bind_ref(4, d.key.sector_id)
            .bind_ref(5, registry::to_code(d.key.kind))
            .bind(6, d.entities)
            .bind(7, d.members);
        s.run();
      }
    }
  }

  std::vector<registry::FlowSum> sum_months(const std::string& from_month,
                                            const std::string& to_month) override {
    auto& s = c_.prepare_named(kSumFlowMonths);
    s.bind(1, from_month).bind(2, to_month);
    return read(s);
  }

  std::vector<registry::FlowSum> sum_years(int from_year, int to_year) override {
    auto& s = c_.prepare_named(kSumFlowYears);
    s.bind(1, std::to_string(from_year)).bind(2, std::to_string(to_year));
    return read(s);
  }

  void clear() override {
    c_.exec("DELETE FROM stat_flow_month");
    c_.exec("DELETE FROM stat_flow_year");
  }

 private:
  static std::vector<registry::FlowSum> read(Statement& s) {
    std::vector<registry::FlowSum> out;
    while (s.step()) {
      registry::FlowSum f;
      f.province_id = s.text(0);
      f.type =
          registry::entity_type_from_code(s.text(1)).value_or(registry::EntityType::kCooperative);
      f.sector_id = s.text(2);
      f.kind = registry::flow_kind_from_code(s.text(3)).value_or(registry::FlowKind::kFounded);
      f.entities = s.integer(4);
      f.members = s.integer(5);
      out.push_back(std::move(f));
    }
    return out;
  }

  Connection& c_;
};

class SqliteTargets final : public stats::TargetRepository {
 public:
  explicit SqliteTargets(Connection& c) : c_(c) {}

  void set(const stats::Target& t) override {
    auto& s = c_.prepare(
        "INSERT INTO plan_target (year, unit_id, indicator, value) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (year, unit_id, indicator) DO UPDATE SET value = excluded.value");
    s.bind(1, t.year).bind(2, t.unit_id).bind(3, stats::to_code(t.indicator)).bind(4, t.value);
    s.run();
  }

  std::optional<stats::Target> get(int year, std::string_view unit_id,
                                   stats::Indicator i) override {
    auto& s = c_.prepare(
        "SELECT year, unit_id, indicator, value FROM plan_target "
        "WHERE year = ?1 AND unit_id = ?2 AND indicator = ?3");
    s.bind(1, year).bind(2, unit_id).bind(3, stats::to_code(i));
    if (!s.step()) return std::nullopt;
    return done(s, read(s));
  }

  std::vector<stats::Target> list(int year) override {
    auto& s = c_.prepare(
        "SELECT year, unit_id, indicator, value FROM plan_target WHERE year = ?1 "
        "ORDER BY unit_id, indicator");
    s.bind(1, year);
    std::vector<stats::Target> out;
    while (s.step()) out.push_back(read(s));
    return out;
  }

 private:
  static stats::Target read(const Statement& s) {
    return {static_cast<int>(s.integer(0)), s.text(1),
            stats::indicator_from_code(s.text(2)).value_or(stats::Indicator::kFoundedHtx),
            s.integer(3)};
  }
  Connection& c_;
};

// ---- accounts -------------------------------------------------------------------------------

constexpr std::string_view kUserColumns =
    "id, username, display_name, role, province_ids, entity_code, password_hash, disabled, "
    "created_at";
constexpr std::string_view kSessionColumns =
    "token_hash, user_id, csrf_token, created_at, expires_at";
constexpr std::string_view kTokenColumns = "id, token_hash, user_id, name, created_at, revoked";

std::string province_ids_json(const std::vector<std::string>& ids) {
  return nlohmann::json(ids).dump();
}

std::vector<std::string> province_ids_of(const std::string& json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

class SqliteAccounts final : public accounts::AccountRepository {
 public:
  explicit SqliteAccounts(Connection& c) : c_(c) {}

  std::int64_t insert_user(const accounts::User& u) override {
    auto& s = c_.prepare(
        "INSERT INTO app_user (username, display_name, role, province_ids, entity_code, "
        "password_hash, disabled, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    bind_user(s, u);
    s.run();
    return c_.last_insert_id();
  }

  void update_user(const accounts::User& u) override {
    auto& s = c_.prepare(
        "UPDATE app_user SET username = ?1, display_name = ?2, role = ?3, province_ids = ?4, "
        "entity_code = ?5, password_hash = ?6, disabled = ?7, created_at = ?8 WHERE id = ?9");
    bind_user(s, u);
    s.bind(9, u.id);
    s.run();
  }

  std::optional<accounts::User> find_user_by_name(std::string_view username) override {
    auto& s = c_.prepare(select_users("username = ?1"));
    s.bind(1, username);
    if (!s.step()) return std::nullopt;
    return done(s, read_user(s));
  }

  std::optional<accounts::User> find_user_by_id(std::int64_t id) override {
    auto& s = c_.prepare(select_users("id = ?1"));
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return done(s, read_user(s));
  }

  std::vector<accounts::User> list_users() override {
    auto& s = c_.prepare(select_users("1 = 1") + " ORDER BY username");
    std::vector<accounts::User> out;
    while (s.step()) out.push_back(read_user(s));
    return out;
  }

  std::int64_t count_users() override {
    auto& s = c_.prepare("SELECT count(*) FROM app_user");
    s.step();
    return done(s, s.integer(0));
  }

  void insert_session(const accounts::Session& x) override {
    auto& s = c_.prepare(
        "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, expires_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    s.bind(1, x.token_hash)
        .bind(2, x.user_id)
        .bind(3, x.csrf_token)
        .bind(4, x.created_at)
        .bind(5, x.expires_at);
    s.run();
  }

  std::optional<accounts::Session> find_session(std::string_view token_hash) override {
    auto& s = c_.prepare("SELECT " + std::string(kSessionColumns) +
                         " FROM user_session WHERE token_hash = ?1");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    accounts::Session x;
    x.token_hash = s.text(0);
    x.user_id = s.integer(1);
    x.csrf_token = s.text(2);
    x.created_at = s.text(3);
    x.expires_at = s.text(4);
    return done(s, std::move(x));
  }

  void update_session_expiry(std::string_view token_hash, std::string_view expires_at) override {
    auto& s = c_.prepare("UPDATE user_session SET expires_at = ?2 WHERE token_hash = ?1");
    s.bind(1, token_hash).bind(2, expires_at);
    s.run();
  }

  void delete_session(std::string_view token_hash) override {
    auto& s = c_.prepare("DELETE FROM user_session WHERE token_hash = ?1");
    s.bind(1, token_hash);
    s.run();
  }

  void delete_sessions_of_user(std::int64_t user_id) override {
    auto& s = c_.prepare("DELETE FROM user_session WHERE user_id = ?1");
    s.bind(1, user_id);
    s.run();
  }

  void delete_sessions_expired_before(std::string_view at) override {
    auto& s = c_.prepare("DELETE FROM user_session WHERE expires_at < ?1");
    s.bind(1, at);
    s.run();
  }

  std::int64_t insert_token(const accounts::ApiToken& t) override {
    auto& s = c_.prepare(
        "INSERT INTO api_token (token_hash, user_id, name, created_at, revoked) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    s.bind(1, t.token_hash)
        .bind(2, t.user_id)
        .bind(3, t.name)
        .bind(4, t.created_at)
        .bind(5, t.revoked);
    s.run();
    return c_.last_insert_id();
  }

  std::optional<accounts::ApiToken> find_token(std::string_view token_hash) override {
    auto& s = c_.prepare("SELECT " + std::string(kTokenColumns) +
                         " FROM api_token WHERE token_hash = ?1");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return done(s, read_token(s));
  }

  std::vector<accounts::ApiToken> tokens_of_user(std::int64_t user_id) override {
    auto& s = c_.prepare("SELECT " + std::string(kTokenColumns) +
                         " FROM api_token WHERE user_id = ?1 ORDER BY id");
    s.bind(1, user_id);
    std::vector<accounts::ApiToken> out;
    while (s.step()) out.push_back(read_token(s));
    return out;
  }

  void revoke_token(std::int64_t token_id) override {
    auto& s = c_.prepare("UPDATE api_token SET revoked = 1 WHERE id = ?1");
    s.bind(1, token_id);
    s.run();
  }

  void record_failed_login(std::string_view username, std::string_view remote,
                           std::string_view at) override {
    auto& s = c_.prepare("INSERT INTO failed_login (username, remote, at) VALUES (?1, ?2, ?3)");
    s.bind(1, username).bind(2, remote).bind(3, at);
    s.run();
  }

  int count_failed_logins(std::string_view username, std::string_view since) override {
    auto& s = c_.prepare("SELECT count(*) FROM failed_login WHERE username = ?1 AND at >= ?2");
    s.bind(1, username).bind(2, since);
    s.step();
    return static_cast<int>(done(s, s.integer(0)));
  }

  void clear_failed_logins(std::string_view username) override {
    auto& s = c_.prepare("DELETE FROM failed_login WHERE username = ?1");
    s.bind(1, username);
    s.run();
  }

  std::optional<std::string> last_failed_login(std::string_view username) override {
    auto& s = c_.prepare("SELECT max(at) FROM failed_login WHERE username = ?1");
    s.bind(1, username);
    s.step();
    return done(s, s.opt_text(0));
  }

 private:
  static std::string select_users(std::string_view cond) {
    return "SELECT " + std::string(kUserColumns) + " FROM app_user WHERE " + std::string(cond);
  }
  // Parameters 1..8 of insert_user and update_user.
  static void bind_user(Statement& s, const accounts::User& u) {
    s.bind(1, u.username)
        .bind(2, u.display_name)
        .bind(3, accounts::to_code(u.role))
        .bind(4, province_ids_json(u.province_ids))
        .bind(5, u.entity_code)
        .bind(6, u.password_hash)
        .bind(7, u.disabled)
        .bind(8, u.created_at);
  }
  static accounts::User read_user(const Statement& s) {
    accounts::User u;
    u.id = s.integer(0);
    u.username = s.text(1);
    u.display_name = s.text(2);
    u.role = accounts::role_from_code(s.text(3)).value_or(accounts::Role::kBuyer);
    u.province_ids = province_ids_of(s.text(4));
    u.entity_code = s.text(5);
    u.password_hash = s.text(6);
    u.disabled = s.integer(7) != 0;
    u.created_at = s.text(8);
    return u;
  }
  static accounts::ApiToken read_token(const Statement& s) {
    accounts::ApiToken t;
    t.id = s.integer(0);
    t.token_hash = s.text(1);
    t.user_id = s.integer(2);
    t.name = s.text(3);
    t.created_at = s.text(4);
    t.revoked = s.integer(5) != 0;
    return t;
  }

  Connection& c_;
};

// The work programme's statements (store/work_store.cpp) on this connection.
class SqliteWorkRunner final : public work_sql::Runner {
 public:
  explicit SqliteWorkRunner(Connection& c) : c_(c) {}
  work_sql::Rows query(std::string_view sql, int columns, const work_sql::Params& params) override {
    auto& s = c_.prepare(sql);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i]) {
        s.bind(static_cast<int>(i + 1), *params[i]);
      } else {
        s.bind_null(static_cast<int>(i + 1));
      }
    }
    work_sql::Rows out;
    while (s.step()) {
      auto& row = out.emplace_back();
      for (int c = 0; c < columns; ++c) row.push_back(s.opt_text(c));
    }
    return out;
  }

 private:
  Connection& c_;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const std::string& path)
      : c_(path), registry_(c_), audit_(c_), flows_(c_), targets_(c_), accounts_(c_) {
    migrate();
  }

  registry::RegistryRepository& registry() override { return registry_; }
  audit::AuditLog& audit() override { return audit_; }
  registry::FlowRepository& flows() override { return flows_; }
  stats::TargetRepository& targets() override { return targets_; }
  accounts::AccountRepository& accounts() override { return accounts_; }
  work::WorkRepository& work() override { return *work_; }
  governance::GovernanceRepository& governance() override { return *governance_; }
  reporting::ReportingRepository& reporting() override { return *reporting_; }
  std::string_view backend() const override { return "sqlite"; }
  void begin() override { c_.exec("BEGIN IMMEDIATE"); }
  void commit() override { c_.exec("COMMIT"); }
  void rollback() override { c_.exec("ROLLBACK"); }

  int schema_version() override {
    auto& s = c_.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    s.step();
    return static_cast<int>(done(s, s.integer(0)));
  }

 private:
  void migrate() {
    c_.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
    int current = schema_version();
    for (const auto& m : kMigrations) {
      if (m.version <= current) continue;
      Transaction tx(*this);
      if (schema_version() >= m.version) continue;  // another process applied it meanwhile
      c_.exec(m.sql);
      auto& s = c_.prepare("INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)");
      s.bind(1, m.version).bind(2, m.name);
      s.run();
      tx.commit();
    }
  }

  Connection c_;
  SqliteRegistry registry_;
  SqliteAudit audit_;
  SqliteFlows flows_;
  SqliteTargets targets_;
  SqliteAccounts accounts_;
  SqliteWorkRunner work_runner_{c_};
  std::unique_ptr<work::WorkRepository> work_ =
      work_sql::make_repository(work_runner_, work_sql::Dialect::kSqlite);
  std::unique_ptr<governance::GovernanceRepository> governance_ =
      governance_sql::make_repository(work_runner_, work_sql::Dialect::kSqlite);
  std::unique_ptr<reporting::ReportingRepository> reporting_ =
      reporting_sql::make_repository(work_runner_, work_sql::Dialect::kSqlite);
};

}  // namespace

std::unique_ptr<Database> open(const std::string& path) {
  return std::make_unique<SqliteDatabase>(path);
}

}  // namespace htx::store::sqlite
