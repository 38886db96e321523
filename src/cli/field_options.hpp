// An area's write as command-line options: one option per field of areas::Fields ("floor_price"
// is --floor-price), and a refusal printed after the option it is about ("--amount: …"), so that
// every area's commands read and refuse alike.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <initializer_list>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "areas/fields.hpp"
#include "cli/refusal.hpp"
#include "cli/text_table.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace htx::cli {

// "floor_price" -> "--floor-price".
inline std::string option_of(const std::string& field) {
  std::string out = "--";
  for (char ch : field) out += ch == '_' ? '-' : ch;
  return out;
}

// One option per field of a write, bound to fields[name] (help: the catalogue's
// "cli.opt_field" with the field's name); `required` ones must be given.
inline void add_fields(CLI::App* cmd, const i18n::Catalog& c, areas::Fields& fields,
                       const std::vector<std::string>& names,
                       const std::vector<std::string>& required = {}) {
  for (const auto& name : names) {
    auto* o =
        cmd->add_option(option_of(name), fields[name], c.text("cli.opt_field", {{"field", name}}));
    if (std::find(required.begin(), required.end(), name) != required.end()) o->required();
  }
}

// The refusal, after the option it is about when it names one.
inline int refused_on_option(const i18n::Catalog& c, const Error& e) {
  std::string where;
  if (!e.field.empty() && e.field.find('.') == std::string::npos) where = option_of(e.field) + ": ";
  return refuse(c, e, exit_code(e), where);
}

// A list as a table under its translated header (catalogue keys), a row of cells per item, or
// the refusal.
template <typename T, typename Row>
int print_list(const i18n::Catalog& c, const Result<std::vector<T>>& list,
               std::initializer_list<const char*> header, Row row) {
  if (!list) return refused_on_option(c, list.error());
  std::vector<std::vector<std::string>> rows(1);
  for (const char* key : header) rows[0].push_back(c.text(key));
  for (const auto& item : list.value()) rows.push_back(row(item));
  print_table(std::cout, rows);
  return kOk;
}

}  // namespace htx::cli
