// What the internal API's handlers (work programme, governance) share: the caller who reads or
// writes the work programme and its organisations, and the readers of query parameters and of
// the members of a JSON request body, each adding a FieldProblem when the value is wrong.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_support.hpp"
#include "core/date.hpp"

namespace htx::api::detail {

struct WorkCaller {
  accounts::Principal principal;
  std::optional<web::Response> refusal;
};
// A caller with a token who reads the work programme (can_read_work), and writes it when `write`
// (can_write_work); else the 401 or 403 to answer.
WorkCaller work_caller(const AppContext& ctx, const web::Request& req, bool write);

// A write's caller and JSON body, or the answer refusing them (401, 403, 413, 415, 400). The
// caller is signed in; when `work` they also write the work programme (can_write_work).
struct WriteRequest {
  accounts::Principal principal;
  json body;
  std::optional<web::Response> refusal;
};
WriteRequest write_request(const AppContext& ctx, const web::Request& req, bool work);

// A positive integer of at most 15 digits.
std::optional<std::int64_t> positive(std::string_view s);
// A paging parameter: `fallback` when absent, nullopt when not a whole number up to `max`.
std::optional<int> paging_int(std::optional<std::string_view> v, int fallback, int max);
// "true", "1", "yes", "on".
bool flag(std::optional<std::string_view> v);

// The members of `body` not in `allowed`.
std::vector<FieldProblem> unknown(const AppContext& ctx, const web::Request& req, const json& body,
                                  std::initializer_list<std::string_view> allowed);
// A required "YYYY-MM-DD" member.
std::optional<Date> date_of(const AppContext& ctx, const web::Request& req, const json& body,
                            const char* name, std::vector<FieldProblem>& problems);
// A string member ("" when absent and not required).
std::string string_of(const AppContext& ctx, const web::Request& req, const json& body,
                      const char* name, bool required, std::vector<FieldProblem>& problems);

}  // namespace htx::api::detail
