#include "store/backup.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/transaction.hpp"
#include "store/database.hpp"

namespace htx::store {

void record_restore(Database& db, const std::string& file, const BackupFacts& restored,
                    const std::string& actor, const std::string& at) {
  Transaction tx(db);
  nlohmann::json after = {{"file", std::filesystem::absolute(file).string()},
                          {"schema_version", restored.schema_version},
                          {"tables", restored.tables},
                          {"rows", restored.rows}};
  db.audit().append({0, at, actor, "store.restore", "backup", file, "", after.dump()});
  tx.commit();
}

}  // namespace htx::store
