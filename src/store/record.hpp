// Records: a row type's table declared once, as a list of its columns, from which the store
// derives everything else: the column list of its SELECT, its INSERT and UPDATE, the row reader
// and the parameters. Internal to src/store.
//
// To store a new row type T (an area's store, e.g. work_store.cpp):
//   1. its table in schema.hpp (a new migration), with the column names that step 2 uses;
//   2. a Table<T> listing its columns once:
//
//   const Table<Task> kTasks{"work_task",
//                            {key<&Task::id>(),
//                             column<&Task::title>("title"),
//                             column<&Task::cooperating_unit_ids>("cooperating_unit_ids"),  // JSON
//                             code<&Task::status, task_status_from_code, TaskStatus::kNotStarted>(
//                                 "status"),
//                             ...}};
//
//   3. in the store class (a Store<R> of its interface R, store/sql_repositories.hpp), a
//      Records<T> for insert, update and find by key, and a Query<T> for each other look-up. The
//      methods that the interface declares with HTX_RECORDS (core/repository.hpp) are defined by
//      HTX_STORE_RECORDS over the Records; each other one is one line:
//
//   class WorkStore final : public Store<WorkRepository> {
//    public:
//     using Store::Store;
//     HTX_STORE_RECORDS(Task, task, tasks_);  // insert_task, update_task, find_task
//     std::vector<Task> list_tasks(...) override { return tasks_by_filter_.all({...}); }
//    private:
//     const Records<Task> tasks_{r_, d_, kTasks};
//     const Query<Task> tasks_by_filter_ = tasks_.select("WHERE ... ORDER BY due_on, id");
//   };
//   HTX_STORE_OF(work::WorkRepository, WorkStore)  // make_repository<work::WorkRepository>
//
//   (A table whose rows have a unique code: CodedRecords<T>, with find_by_code() and all() in a
//   given order, for HTX_STORE_CODED_RECORDS. An interface of one record type, a
//   RecordRepository<T>: its store is a RecordStore<R, T> or EditableStore<R, T>, which holds the
//   Records (advisory_store.cpp). A table without a key, or a statement of its own: select(runner,
//   dialect, table, rest), table.insert() + " ON CONFLICT ...", table.params(record); see
//   accounts_store.cpp.)
//
// The codec of a column follows from the member's type: std::string (text), std::int64_t, int,
// bool, Date, std::optional<Date>, std::optional<std::int64_t> (NULL when missing), and JSON
// arrays std::vector<std::string> and std::vector<std::int64_t> (selected as name::text, written
// as $n::jsonb). A member of a member is a path: column<&AgendaItem::votes, &Votes::against>.
// An enum is stored as its code: code<member, from_code, fallback>, written with to_code() (found
// by argument-dependent lookup) and read with from_code(text).value_or(fallback);
// optional_code<member, from_code> stores an optional one as its code or the empty text. A JSON
// array of objects is coded<JsonObjects<T, read, write>, member>(name), given the functions that
// read a T of an object and write one (fund_store.cpp, market_store.cpp, reporting_store.cpp).
// Another codec (a JSON object, say) is a struct of static read(const Field&) and write(value),
// with kJson = true for JSON, used as coded<TheCodec, member>(name) (reporting_store.cpp). A
// computed column is a Column written out with its own functions; one without a read function
// is written only, not selected (work_document.issued_year).
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "store/statement_runner.hpp"

namespace htx::store::sql {

using Field = std::optional<std::string>;

// One column of a row type T: how it is read from a row (nullptr: written only, not selected) and
// written as a parameter (nullptr: read only).
template <typename T>
struct Column {
  std::string_view name;
  void (*read)(T& record, const Field& value) = nullptr;
  Param (*write)(const T& record) = nullptr;
  bool json = false;  // JSON: selected as name::text, written as $n::jsonb
  bool key = false;   // the row's id: in the WHERE of find and update, not in the INSERT
};

// ---- codecs: how a member's type is read and written ---------------------------------------

template <typename V>
struct Codec;

template <>
struct Codec<std::string> {
  static std::string read(const Field& f) { return to_text(f); }
  // Not copied: the record outlives the statement that it is a parameter of.
  static Param write(const std::string& v) { return Param::ref(v); }
};
template <>
struct Codec<std::int64_t> {
  static std::int64_t read(const Field& f) { return to_int(f); }
  static Param write(std::int64_t v) { return v; }
};
template <>
struct Codec<int> {
  static int read(const Field& f) { return static_cast<int>(to_int(f)); }
  static Param write(int v) { return p(v); }
};
template <>
struct Codec<bool> {
  static bool read(const Field& f) { return to_bool(f); }
  static Param write(bool v) { return p(v); }
};
template <>
struct Codec<Date> {
  static Date read(const Field& f) { return to_date(f); }
  static Param write(Date v) { return p(v); }
};
template <>
struct Codec<std::optional<Date>> {
  static std::optional<Date> read(const Field& f) { return to_opt_date(f); }
  static Param write(const std::optional<Date>& v) { return p(v); }
};
template <>
struct Codec<std::optional<std::int64_t>> {
  static std::optional<std::int64_t> read(const Field& f) { return to_opt_int(f); }
  static Param write(const std::optional<std::int64_t>& v) { return p(v); }
};
// The elements of a JSON array column as `element` reads each one (an optional: nullopt skips
// it); none when the text is not an array.
template <typename F>
auto read_json_array(const Field& f, F element) {
  std::vector<typename std::invoke_result_t<F, const nlohmann::json&>::value_type> out;
  auto j = nlohmann::json::parse(to_text(f), nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (auto e = element(v)) out.push_back(std::move(*e));
  return out;
}

// A JSON array of V (strings or integers); elements of another type are skipped when read.
template <typename V>
struct Codec<std::vector<V>> {
  static constexpr bool kJson = true;
  static std::vector<V> read(const Field& f) {
    return read_json_array(f, [](const nlohmann::json& v) -> std::optional<V> {
      bool ours = std::is_same_v<V, std::string> ? v.is_string() : v.is_number_integer();
      return ours ? std::optional<V>(v.get<V>()) : std::nullopt;
    });
  }
  static Param write(const std::vector<V>& v) { return nlohmann::json(v).dump(); }
};

// A JSON array of objects, one for each T: Read makes a T of an object (the elements that are not
// objects are skipped), Write the object of a T. A column of it is
// coded<JsonObjects<T, read, write>, member>(name).
template <typename T, T (*Read)(const nlohmann::json&), nlohmann::json (*Write)(const T&)>
struct JsonObjects {
  static constexpr bool kJson = true;
  static std::vector<T> read(const Field& f) {
    return read_json_array(f, [](const nlohmann::json& j) -> std::optional<T> {
      if (!j.is_object()) return std::nullopt;
      return Read(j);
    });
  }
  static Param write(const std::vector<T>& values) {
    auto j = nlohmann::json::array();
    for (const auto& v : values) j.push_back(Write(v));
    return j.dump();
  }
};
// An enum as its code.
template <auto FromCode, auto Fallback>
struct Code {
  static decltype(Fallback) read(const Field& f) { return FromCode(to_text(f)).value_or(Fallback); }
  static Param write(decltype(Fallback) v) { return std::string(to_code(v)); }
};

// An optional enum as its code, the empty text when missing.
template <auto FromCode>
struct OptionalCode {
  static auto read(const Field& f) { return FromCode(to_text(f)); }
  template <typename E>
  static Param write(const std::optional<E>& v) {
    return v ? std::string(to_code(*v)) : std::string();
  }
};

template <typename C>
constexpr bool is_json() {
  if constexpr (requires { C::kJson; })
    return C::kJson;
  else
    return false;
}

// ---- columns from members --------------------------------------------------------------------

template <typename R, typename M>
R record_of(M R::*);

// The member that a path of member pointers names: r.*a, (r.*a).*b, ...
template <auto First, auto... Rest, typename R>
decltype(auto) member(R& r) {
  if constexpr (sizeof...(Rest) == 0)
    return (r.*First);
  else
    return member<Rest...>(r.*First);
}

// A column read and written with codec C (a struct of static read and write).
template <typename C, auto First, auto... Rest>
Column<decltype(record_of(First))> coded(std::string_view name) {
  using R = decltype(record_of(First));
  return {name, [](R& r, const Field& f) { member<First, Rest...>(r) = C::read(f); },
          [](const R& r) { return C::write(member<First, Rest...>(r)); }, is_json<C>()};
}

// A column whose codec follows from the member's type.
template <auto First, auto... Rest>
auto column(std::string_view name) {
  using R = decltype(record_of(First));
  using V = std::remove_cvref_t<decltype(member<First, Rest...>(std::declval<R&>()))>;
  return coded<Codec<V>, First, Rest...>(name);
}

// An enum member stored as its code.
template <auto Member, auto FromCode, auto Fallback>
auto code(std::string_view name) {
  return coded<Code<FromCode, Fallback>, Member>(name);
}

// An optional enum member stored as its code, or the empty text.
template <auto Member, auto FromCode>
auto optional_code(std::string_view name) {
  return coded<OptionalCode<FromCode>, Member>(name);
}

// The row's id, assigned by the database.
template <auto Member>
auto key(std::string_view name = "id") {
  auto c = column<Member>(name);
  c.key = true;
  return c;
}

// ---- a table ---------------------------------------------------------------------------------

template <typename T>
class Table {
 public:
  Table(std::string_view name, std::vector<Column<T>> columns)
      : name_(name), columns_(std::move(columns)) {
    for (const auto& c : columns_) {
      if (c.read) {
        if (!select_list_.empty()) select_list_ += ", ";
        select_list_ += std::string(c.name) + (c.json ? "::text" : "");
        ++width_;
      }
      if (c.key) key_ = &c - columns_.data();
    }
  }

  std::string_view name() const { return name_; }
  // How many columns a SELECT reads.
  int width() const { return width_; }

  // "SELECT <columns> FROM <table> <rest>", rest being "WHERE ... ORDER BY ..." or empty.
  std::string select(std::string_view rest) const {
    std::string out = "SELECT " + select_list_ + " FROM " + std::string(name_);
    if (!rest.empty()) out += " " + std::string(rest);
    return out;
  }
  // The INSERT of the written columns, then `extra` ones (their parameters follow params()),
  // without RETURNING.
  std::string insert(std::initializer_list<std::string_view> extra = {}) const {
    std::string names, values;
    int n = 0;
    auto add = [&](std::string_view name, bool json) {
      names += (n ? ", " : "") + std::string(name);
      values += (n ? ", $" : "$") + std::to_string(n + 1) + (json ? "::jsonb" : "");
      ++n;
    };
    for (const auto& c : columns_)
      if (c.write && !c.key) add(c.name, c.json);
    for (auto e : extra) add(e, false);
    return "INSERT INTO " + std::string(name_) + " (" + names + ") VALUES (" + values + ")";
  }
  // The UPDATE of the written columns and `extra` ones by the key, whose parameter comes last.
  std::string update(std::initializer_list<std::string_view> extra = {}) const {
    std::string set;
    int n = 0;
    auto add = [&](std::string_view name, bool json) {
      set += (n ? ", " : "") + std::string(name) + " = $" + std::to_string(n + 1) +
             (json ? "::jsonb" : "");
      ++n;
    };
    for (const auto& c : columns_)
      if (c.write && !c.key) add(c.name, c.json);
    for (auto e : extra) add(e, false);
    return "UPDATE " + std::string(name_) + " SET " + set + " WHERE " + std::string(key().name) +
           " = $" + std::to_string(n + 1);
  }

  T read(const Row& row) const {
    T out{};
    std::size_t i = 0;
    for (const auto& c : columns_)
      if (c.read) c.read(out, row.at(i++));
    return out;
  }
  // The parameters of insert(): the written columns in order.
  Params params(const T& record) const {
    Params out;
    out.reserve(columns_.size() + 1);
    for (const auto& c : columns_)
      if (c.write && !c.key) out.push_back(c.write(record));
    return out;
  }
  // The parameter of the key (last in update()).
  Param key_param(const T& record) const { return key().write(record); }
  std::string_view key_name() const { return key().name; }

 private:
  const Column<T>& key() const {
    if (key_ < 0) throw InfrastructureError("store: table without a key: " + std::string(name_));
    return columns_[static_cast<std::size_t>(key_)];
  }

  std::string_view name_;
  std::vector<Column<T>> columns_;
  std::string select_list_;
  int width_ = 0;
  std::ptrdiff_t key_ = -1;
};

// Optional filters of a query, joined with AND: each holds when its parameter is NULL ("any").
// '$' stands for the filter's parameter, numbered from 1 in order:
// optional_filters({"unit_id = CAST($ AS BIGINT)", "status = $"}) is
// "($1::text IS NULL OR unit_id = CAST($1 AS BIGINT)) AND ($2::text IS NULL OR status = $2)".
inline std::string optional_filters(std::initializer_list<std::string_view> conditions) {
  std::string out;
  int n = 0;
  for (auto c : conditions) {
    const auto param = "$" + std::to_string(++n);
    if (n > 1) out += " AND ";
    out += "(" + param + "::text IS NULL OR ";
    for (char ch : c) {
      if (ch == '$')
        out += param;
      else
        out += ch;
    }
    out += ")";
  }
  return out;
}

// A filter's optional value as its parameter: NULL means "any"; an enum as its code, a number as
// its text (the filters compare with CAST($ AS BIGINT)), text as it is.
template <typename V>
Param any_or(const std::optional<V>& v) {
  if (!v) return std::nullopt;
  if constexpr (std::is_enum_v<V>)
    return std::string(to_code(*v));
  else if constexpr (std::is_same_v<V, std::string>)
    return *v;
  else
    return std::to_string(*v);
}

// A list of provinces as a JSON array for in_json_list(); NULL = any.
inline Param provinces_or_any(const std::optional<std::vector<std::string>>& ids) {
  return ids ? Param(nlohmann::json(*ids).dump()) : Param(std::nullopt);
}

// "column IN (the elements of the JSON array $)", in each dialect's words (for
// optional_filters: '$' is the filter's parameter).
inline std::string in_json_list(std::string_view column, Dialect d) {
  return std::string(column) + (d == Dialect::kPostgres
                                    ? " IN (SELECT jsonb_array_elements_text($::jsonb))"
                                    : " IN (SELECT value FROM json_each($))");
}

// ---- a table's statements on one runner ------------------------------------------------------

// One SELECT of a table's columns, translated once for the runner's dialect.
template <typename T>
class Query {
 public:
  Query(Runner& runner, const Table<T>& table, std::string sql)
      : runner_(&runner), table_(&table), sql_(std::move(sql)) {}

  std::optional<T> first(const Params& params) const {
    auto rows = run(params);
    if (rows.empty()) return std::nullopt;
    return table_->read(rows.front());
  }
  std::vector<T> all(const Params& params = {}) const {
    auto rows = run(params);
    std::vector<T> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(table_->read(r));
    return out;
  }
  // Each row as it is read (Runner::each; no parameters).
  template <typename F>
  void each(F&& fn) const {
    runner_->each(sql_, table_->width(), [&](const Row& r) { fn(table_->read(r)); });
  }

 private:
  Rows run(const Params& params) const { return runner_->query(sql_, table_->width(), params); }

  Runner* runner_;
  const Table<T>* table_;
  std::string sql_;
};

// A query of a table without Records (one without a key): `rest` follows "FROM <table>".
template <typename T>
Query<T> select(Runner& runner, Dialect dialect, const Table<T>& table, std::string_view rest) {
  return {runner, table, translate(table.select(rest), dialect)};
}

// The statements of a table with a key: insert (giving the new id), update and find by the key,
// and select() for the other queries.
template <typename T>
class Records {
 public:
  Records(Runner& runner, Dialect dialect, const Table<T>& table)
      : runner_(runner),
        dialect_(dialect),
        table_(table),
        insert_(translate(table.insert() + " RETURNING " + std::string(table.key_name()), dialect)),
        update_(translate(table.update(), dialect)),
        by_key_(select("WHERE " + std::string(table.key_name()) + " = $1")) {}

  std::int64_t insert(const T& record) const {
    return id_of(runner_.query(insert_, 1, table_.params(record)));
  }
  // Every column of the row with record's key.
  void update(const T& record) const {
    auto params = table_.params(record);
    params.push_back(table_.key_param(record));
    runner_.query(update_, 0, params);
  }
  std::optional<T> find(std::int64_t key) const { return by_key_.first({p(key)}); }
  // A query of this table: `rest` follows "FROM <table>" ("WHERE ... ORDER BY ...").
  Query<T> select(std::string_view rest) const {
    return sql::select(runner_, dialect_, table_, rest);
  }

 private:
  Runner& runner_;
  Dialect dialect_;
  const Table<T>& table_;
  std::string insert_, update_;
  Query<T> by_key_;
};

// A table with a key whose rows have a unique code (work's units, reporting's forms, the
// exchange's buyers and campaigns): Records' statements, the row of a code and every row in
// `order` (by the key when empty).
template <typename T>
class CodedRecords : public Records<T> {
 public:
  CodedRecords(Runner& runner, Dialect dialect, const Table<T>& table, std::string_view order = {})
      : Records<T>(runner, dialect, table),
        by_code_(this->select("WHERE code = $1")),
        all_(this->select("ORDER BY " + std::string(order.empty() ? table.key_name() : order))) {}

  std::optional<T> find_by_code(std::string_view code) const { return by_code_.first({p(code)}); }
  std::vector<T> all() const { return all_.all(); }

 private:
  Query<T> by_code_, all_;
};

}  // namespace htx::store::sql
