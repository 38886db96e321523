// Backing up a database to a file and restoring it (issue 14, item 7): one interface, one
// implementation per backend (sqlite/backup.cpp: SQLite's online backup API; postgres/backup.cpp:
// pg_dump and pg_restore). The CLI receives a function that gives one for a URL (cli.hpp), so
// that only app and the tests link the backends.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace htx::store {

// What a backup or a restore wrote. SQLite counts tables and rows; pg_dump reports bytes only.
struct BackupFacts {
  std::int64_t tables = 0;
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
  int schema_version = 0;
};

// A refusal or a failure the user can act on: a message key (backup.…) and its parameters,
// which always name the file. Nothing was changed when it is thrown.
class BackupRefused : public std::runtime_error {
 public:
  BackupRefused(std::string key, std::map<std::string, std::string> params)
      : std::runtime_error(key), key_(std::move(key)), params_(std::move(params)) {}
  const std::string& key() const { return key_; }
  const std::map<std::string, std::string>& params() const { return params_; }

 private:
  std::string key_;
  std::map<std::string, std::string> params_;
};

class Backups {
 public:
  virtual ~Backups() = default;
  // Copies the database to `out` while others may keep writing; the copy is checked.
  virtual BackupFacts backup(const std::string& out) = 0;
  // Replaces the database with the backup `in`, after checking it; refuses a non-empty target
  // unless `force`. Writes an audit entry (actor, at, the file) into the restored database.
  virtual BackupFacts restore(const std::string& in, bool force, const std::string& actor,
                              const std::string& at) = 0;
};

class Database;

// The restore's audit entry in the restored database (one transaction): action store.restore,
// the file as given and, in after_json, its absolute path and what was restored.
void record_restore(Database& db, const std::string& file, const BackupFacts& restored,
                    const std::string& actor, const std::string& at);

// The backups of the database a URL means (as open_database reads it). Defined in
// htx_store_backends (open_database.cpp).
std::unique_ptr<Backups> backups_for(std::string_view url);

}  // namespace htx::store
