#include "store/sql_database.hpp"

#include "store/sql_repositories.hpp"

namespace htx::store::sql {

namespace {

template <typename R>
void make(std::unique_ptr<R>& repository, Runner& runner, Dialect dialect) {
  repository = make_repository<R>(runner, dialect);
}

}  // namespace

void SqlDatabase::attach(Runner& runner, Dialect dialect) {
  runner_ = &runner;
  std::apply([&](auto&... each) { (make(each, runner, dialect), ...); }, repositories_);
}

int SqlDatabase::schema_version() {
  auto rows = runner_->query("SELECT coalesce(max(version), 0) FROM schema_migrations", 1, {});
  return static_cast<int>(to_int(rows.at(0).at(0)));
}

}  // namespace htx::store::sql
