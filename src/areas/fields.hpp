// A request's fields by name, from a form, a JSON body or the command line, and the readings every
// area makes of them: each refusal is invalid on the field it names, with the text it could not
// read ("value"), so that a page shows it beside the field and the API and the CLI name it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace htx::areas {

using Fields = std::map<std::string, std::string>;

// The field's text, trimmed; "" when absent.
inline std::string field_of(const Fields& f, const std::string& name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : std::string(text::trim(it->second));
}

// A required text field.
inline Result<std::string> text_field(const Fields& f, const std::string& name) {
  auto v = field_of(f, name);
  if (v.empty()) return Error::invalid(name, "field.required");
  return v;
}

// A field read by `parse` (nullopt: not readable, refused with `bad_key`), or `otherwise` when
// it is empty (none: the field is required).
template <typename T, typename Parse>
Result<T> parsed_field(const Fields& f, const std::string& name, std::optional<T> otherwise,
                       Parse parse, const char* bad_key) {
  auto v = field_of(f, name);
  if (v.empty()) {
    if (otherwise) return *otherwise;
    return Error::invalid(name, "field.required");
  }
  std::optional<T> out = parse(v);
  if (!out) return Error::invalid(name, bad_key, {{"value", v}});
  return *out;
}

// A date (dd/mm/yyyy or yyyy-mm-dd); `otherwise` when the field is empty (none: required).
inline Result<Date> date_field(const Fields& f, const std::string& name,
                               std::optional<Date> otherwise) {
  return parsed_field<Date>(
      f, name, otherwise, [](const std::string& v) { return Date::parse(v); }, "field.bad_date");
}

// A whole number ("1.500.000" or "1500000"); `otherwise` when empty (none: required).
inline Result<std::int64_t> number_field(const Fields& f, const std::string& name,
                                         std::optional<std::int64_t> otherwise) {
  return parsed_field<std::int64_t>(
      f, name, otherwise, [](const std::string& v) { return text::parse_int(v); },
      "field.not_a_number");
}

// A checkbox or flag: "1", "on", "true", "yes" are set.
// The id of the record that `code` names, found by `find(code)` (an optional record with an id):
// none when `code` is empty; a code that finds nothing is invalid on `field` (the message
// `unknown_key` with the code as {param}).
template <class Find>
Result<std::optional<std::int64_t>> id_of_code(const std::string& code, const std::string& field,
                                               Find find, const char* unknown_key,
                                               const char* param) {
  if (code.empty()) return std::optional<std::int64_t>{};
  auto found = find(code);
  if (!found) return Error::invalid(field, unknown_key, {{param, code}});
  return std::optional<std::int64_t>{found->id};
}

// What an optional look-up of `field` found, required there: nothing found is "field.required".
inline Result<std::int64_t> required_id(Result<std::optional<std::int64_t>> found,
                                        const std::string& field) {
  if (!found) return found.error();
  if (!*found) return Error::invalid(field, "field.required");
  return **found;
}

inline bool flag_field(const Fields& f, const std::string& name) {
  auto v = field_of(f, name);
  return v == "1" || v == "on" || v == "true" || v == "yes";
}

}  // namespace htx::areas
