// The audit log: who changed what, when, with the values before and after.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace htx::audit {

struct Entry {
  std::int64_t id = 0;
  std::string at;           // ISO timestamp, UTC
  std::string actor;        // user name, or "cli:<os user>"
  std::string action;       // "registry.create", "registry.update", "registry.import", ...
  std::string object_type;  // "entity", "import", ...
  std::string object_key;   // registration code, file name, ...
  std::string before_json;  // empty when there was nothing before
  std::string after_json;   // empty when nothing is left after
};

struct Filter {
  std::optional<std::string> actor;
  std::optional<std::string> action;
  std::optional<std::string> object_key;
  int limit = 100;
  std::int64_t before_id = 0;  // paging: entries with id < before_id; 0 = newest
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  virtual void append(const Entry& entry) = 0;
  virtual std::vector<Entry> list(const Filter& filter) = 0;  // newest first
};

}  // namespace htx::audit
