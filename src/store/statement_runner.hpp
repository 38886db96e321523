// The one way the repositories of src/store reach a database: each backend hands in a Runner that
// executes one parameterised statement and returns its rows as text. Every repository is written
// once over it (registry_store, accounts_store, work_store, governance_store, reporting_store).
//
// The SQL is written for PostgreSQL, with $1..$n placeholders and casts; translate() makes it
// SQLite's: ?1..?n, the casts and the byte-order collation dropped. Parameters are NULL, integers
// or text; values come back as text (dates as ISO, flags as "1"/"0" or "t"/"f", NULL as nullopt).
// A repository does not read rows or list parameters by hand: it declares its row types' tables
// in store/record.hpp, which derives the SQL, the reader and the parameters from them.
// Internal to src/store.
#pragma once

#include <charconv>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace htx::store::sql {

enum class Dialect { kSqlite, kPostgres };

// One parameter of a statement: NULL, an integer, or text, either held or borrowed from a value
// that outlives the statement's run (ref()).
class Param {
 public:
  enum class Kind { kNull, kInteger, kText };

  Param() = default;
  Param(std::nullopt_t) {}  // NOLINT: NULL where a value may be missing
  Param(std::int64_t v) : kind_(Kind::kInteger), integer_(v) {}                    // NOLINT
  Param(std::string v) : kind_(Kind::kText), held_(std::move(v)), text_(held_) {}  // NOLINT
  Param(const char* v) : Param(std::string(v)) {}                                  // NOLINT
  Param(const Param& o) { *this = o; }
  Param& operator=(const Param& o) {
    kind_ = o.kind_;
    integer_ = o.integer_;
    borrowed_ = o.borrowed_;
    held_ = o.held_;
    text_ = borrowed_ ? o.text_ : std::string_view(held_);
    return *this;
  }
  Param(Param&& o) noexcept { *this = std::move(o); }
  Param& operator=(Param&& o) noexcept {
    kind_ = o.kind_;
    integer_ = o.integer_;
    borrowed_ = o.borrowed_;
    held_ = std::move(o.held_);
    text_ = borrowed_ ? o.text_ : std::string_view(held_);
    return *this;
  }

  // Text that is not copied: `v` must stay alive and unchanged until the statement has run.
  static Param ref(std::string_view v) {
    Param out;
    out.kind_ = Kind::kText;
    out.borrowed_ = true;
    out.text_ = v;
    return out;
  }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  std::int64_t integer() const { return integer_; }
  std::string_view text() const { return text_; }
  // The value in PostgreSQL's text format.
  std::string as_text() const {
    return kind_ == Kind::kInteger ? std::to_string(integer_) : std::string(text_);
  }

 private:
  Kind kind_ = Kind::kNull;
  std::int64_t integer_ = 0;
  bool borrowed_ = false;
  std::string held_;
  std::string_view text_;
};

using Params = std::vector<Param>;
using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<Row>;

class Runner {
 public:
  virtual ~Runner() = default;
  // Runs one statement, already translated for this runner's dialect; reads `columns` columns of
  // each row it returns (0 for none). Throws InfrastructureError.
  virtual Rows query(std::string_view sql, int columns, const Params& params) = 0;
  // Runs an INSERT written without RETURNING; gives the id of the row it made, nullopt when it
  // made none (ON CONFLICT DO NOTHING). SQLite reads the rowid; PostgreSQL adds RETURNING id.
  virtual std::optional<std::int64_t> insert(std::string_view sql, const Params& params) = 0;
  // Hands each row of a statement without parameters to `fn` as it is read, without holding the
  // whole result; `fn` may run other statements on this runner.
  virtual void each(std::string_view sql, int columns,
                    const std::function<void(const Row&)>& fn) = 0;
};

// PostgreSQL's text as it is; for SQLite, "$n" becomes "?n" and the casts (::jsonb, ::text,
// ::date) and the byte-order collation (COLLATE "C", SQLite's default) go.
inline std::string translate(std::string_view sql, Dialect dialect) {
  std::string out(sql);
  if (dialect == Dialect::kPostgres) return out;
  for (auto drop : {std::string_view("::jsonb"), std::string_view("::text"),
                    std::string_view("::date"), std::string_view(" COLLATE \"C\"")})
    for (auto p = out.find(drop); p != std::string::npos; p = out.find(drop, p))
      out.erase(p, drop.size());
  for (auto& ch : out)
    if (ch == '$') ch = '?';
  return out;
}

// Reading a column.
inline std::int64_t to_int(const std::optional<std::string>& v) {
  if (!v) return 0;
  std::int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || ptr != v->data() + v->size())
    throw InfrastructureError("store: not an integer: " + *v);
  return out;
}
inline std::optional<std::int64_t> to_opt_int(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  return to_int(v);
}
inline std::string to_text(const std::optional<std::string>& v) { return v.value_or(""); }
inline bool to_bool(const std::optional<std::string>& v) {
  return v && (*v == "1" || *v == "t" || *v == "true");
}
inline Date to_date(const std::optional<std::string>& v) {
  return v ? Date::parse_iso(*v).value_or(Date{}) : Date{};
}
inline std::optional<Date> to_opt_date(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  return Date::parse_iso(*v);
}

// Writing a parameter.
inline Param p(std::int64_t v) { return v; }
inline Param p(int v) { return static_cast<std::int64_t>(v); }
inline Param p(const std::string& v) { return v; }
inline Param p(std::string_view v) { return std::string(v); }
inline Param p(bool v) { return static_cast<std::int64_t>(v ? 1 : 0); }
inline Param p(Date v) { return v.iso(); }
inline Param p(const std::optional<Date>& v) {
  if (!v) return std::nullopt;
  return v->iso();
}
inline Param p(const std::optional<std::int64_t>& v) {
  if (!v) return std::nullopt;
  return *v;
}
inline Param p(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  return *v;
}

// A LIMIT: a negative one is no limit (NULL for PostgreSQL, -1 for SQLite, which wants an
// integer).
inline Param limit_param(std::int64_t limit, Dialect dialect) {
  if (limit >= 0) return limit;
  if (dialect == Dialect::kPostgres) return std::nullopt;
  return std::int64_t{-1};
}
// An OFFSET: a negative one counts as 0.
inline Param offset_param(std::int64_t offset) { return offset < 0 ? std::int64_t{0} : offset; }

// The id an INSERT ... RETURNING id gave back.
inline std::int64_t id_of(const Rows& rows) {
  if (rows.empty() || rows[0].empty()) throw InfrastructureError("store: insert returned no id");
  return to_int(rows[0][0]);
}
template <typename T, typename F>
std::vector<T> all(const Rows& rows, F read) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(read(r));
  return out;
}

}  // namespace htx::store::sql
