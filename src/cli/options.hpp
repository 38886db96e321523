// A command's options written as one table: each row names the subcommand, the option ("--kind",
// or "ID" for a positional argument), the member it fills, the catalogue key of its help and
// whether it is required. A bool member is a flag; a vector takes the option's every value.
#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/i18n.hpp"

namespace htx::cli {

struct Option {
  CLI::App* command;
  const char* name;
  std::variant<std::string*, std::vector<std::string>*, bool*> into;
  const char* help;  // a catalogue key
  bool required = false;
};

inline constexpr bool kRequired = true;

inline void add_options(const i18n::Catalog& catalog, std::initializer_list<Option> options) {
  for (const auto& o : options) {
    std::visit(
        [&](auto* into) {
          if constexpr (std::is_same_v<std::remove_pointer_t<decltype(into)>, bool>) {
            o.command->add_flag(o.name, *into, catalog.text(o.help));
          } else {
            auto* added = o.command->add_option(o.name, *into, catalog.text(o.help));
            if (o.required) added->required();
          }
        },
        o.into);
  }
}

}  // namespace htx::cli
