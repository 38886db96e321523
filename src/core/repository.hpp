// What every repository interface declares for its record types: a record with an id that the
// store assigns is inserted (giving the new id), updated (every field of the record's id) and
// found by its id. An area's interface names these once per record type and states only the
// look-ups that are its own. The stores define them over store/record.hpp's Records
// (HTX_STORE_RECORDS and its kin in store/sql_repositories.hpp).
//
// One record type to an interface (advisory's cases, OCOP's certificates, the registry's change
// requests): the interface derives from RecordRepository<T> (insert, find) or
// EditableRepository<T> (and update).
//
// Several (the fund's loans, governance's awards, work's units, ...): each is declared with its
// name in the methods, as the callers know them:
//   HTX_RECORDS(Loan, loan);               // insert_loan, update_loan, find_loan
//   HTX_KEPT_RECORDS(Award, award);        // insert_award, find_award (never changed)
//   HTX_CODED_RECORDS(Unit, unit, units);  // insert_unit, find_unit, find_unit_by_code and
//                                          // list_units (each unit has a unique code)
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace htx {

template <typename T>
class RecordRepository {
 public:
  virtual ~RecordRepository() = default;
  // The new record's id.
  virtual std::int64_t insert(const T& record) = 0;
  virtual std::optional<T> find(std::int64_t id) = 0;
};

template <typename T>
class EditableRepository : public RecordRepository<T> {
 public:
  // Every field of the record with record.id.
  virtual void update(const T& record) = 0;
};

}  // namespace htx

// insert_<name> (the new id) and find_<name> (by id) of records of type T.
#define HTX_KEPT_RECORDS(T, name)                          \
  virtual std::int64_t insert_##name(const T& record) = 0; \
  virtual std::optional<T> find_##name(std::int64_t id) = 0

// HTX_KEPT_RECORDS and update_<name> (every field of record.id).
#define HTX_RECORDS(T, name) \
  HTX_KEPT_RECORDS(T, name); \
  virtual void update_##name(const T& record) = 0

// HTX_KEPT_RECORDS, find_<name>_by_code and list_<plural> (every record, in the order that the
// interface states) of records of type T with a unique code.
#define HTX_CODED_RECORDS(T, name, plural)                                   \
  HTX_KEPT_RECORDS(T, name);                                                 \
  virtual std::optional<T> find_##name##_by_code(std::string_view code) = 0; \
  virtual std::vector<T> list_##plural() = 0
