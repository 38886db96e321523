// How every `htx` command ends on a refusal: the message through the catalogue on standard
// error, and the exit code from the error's kind (a malformed option is a usage error, 2; any
// other refusal 1), so the commands of every area answer alike.
#pragma once

#include <iostream>
#include <string_view>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace htx::cli {

inline constexpr int kOk = 0;
inline constexpr int kRefused = 1;
inline constexpr int kUsage = 2;

inline int exit_code(const Error& e) { return e.is(ErrorKind::kBadRequest) ? kUsage : kRefused; }

// Prints "Lỗi: <where><message>" (where: the option it is about, "--unit: ") and returns `code`.
inline int refuse(const i18n::Catalog& catalog, const Error& e, int code,
                  std::string_view where = {}) {
  std::cerr << catalog.text("error.prefix") << where << catalog.render(e) << "\n";
  return code;
}
// The same with the exit code of the error's kind.
inline int refuse(const i18n::Catalog& catalog, const Error& e) {
  return refuse(catalog, e, exit_code(e));
}

}  // namespace htx::cli
