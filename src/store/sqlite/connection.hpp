// Thin RAII over the SQLite C API: a connection, prepared statements kept per query.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace htx::store::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& reset();
  // Copies the text: safe for temporaries.
  Statement& bind(int i, std::string_view v);
  // Does not copy: v must stay alive and unchanged until the statement is stepped and reset.
  Statement& bind_ref(int i, std::string_view v);
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Statement& bind(int i, bool v) { return bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
  Statement& bind_null(int i);
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  // true when a row is available, false when done. Throws InfrastructureError on failure.
  bool step();
  void run() {
    while (step()) {
    }
  }

  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::int64_t integer(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// sqlite3_open_v2 with a busy timeout of 5 s; throws InfrastructureError naming the path.
sqlite3* open_handle(const std::string& path, int flags);

class Connection {
 public:
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(std::string_view sql);
  // A prepared statement cached by its SQL text, reset and ready to bind.
  Statement& prepare(std::string_view sql);
  // The same for a named query constant, cached by its address (no hashing of the text):
  // for statements on hot paths.
  Statement& prepare_named(const std::string_view& named_sql);
  sqlite3* handle() { return db_; }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

 private:
  // Looked up by the text without copying it.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>, TextHash, std::equal_to<>> cache_;
  std::unordered_map<const void*, std::unique_ptr<Statement>> named_;
};

}  // namespace htx::store::sqlite
