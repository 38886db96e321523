// The API's readers of a JSON request body (api/api_support.hpp, api/json_input.hpp) over any
// bytes as the body of a request: parse_json_object refuses (413, 415, 400) or gives an object;
// an object goes through the readers of the registry's fields (apply_fields), of an area's
// fields (body_fields, each kind of members) and of single members (date_of, string_of,
// array_of, object_of, unknown). Every problem names its catalogue key, and every answer the
// API would give (the entity, the 422) serialises to JSON that parses back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "api/api_support.hpp"
#include "api/app_context.hpp"
#include "api/json_input.hpp"
#include "fuzz_check.hpp"

namespace api = htx::api;
namespace detail = htx::api::detail;

namespace {

struct Context {
  htx::geo::Geography geo = htx::geo::Geography::load(HTX_FUZZ_DATA_DIR);
  htx::registry::Sectors sectors = htx::registry::Sectors::load(HTX_FUZZ_DATA_DIR);
  htx::i18n::Catalog vi = htx::i18n::Catalog::load(HTX_FUZZ_DATA_DIR, htx::i18n::Lang::kVi);
  htx::i18n::Catalog en = htx::i18n::Catalog::load(HTX_FUZZ_DATA_DIR, htx::i18n::Lang::kEn);
  api::AppContext ctx;
  Context() {
    ctx.geo = &geo;
    ctx.sectors = &sectors;
    ctx.vi = &vi;
    ctx.en = &en;
  }
};

void check_problems(const api::AppContext& ctx, const htx::web::Request& req,
                    const std::vector<detail::FieldProblem>& problems) {
  for (auto& p : problems) HTX_FUZZ_CHECK(!p.key.empty());
  if (problems.empty()) return;
  auto answer = detail::validation_error(ctx, req, problems);
  HTX_FUZZ_CHECK(answer.status == 422);
  HTX_FUZZ_CHECK(nlohmann::json::accept(answer.body));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Context c;
  const api::AppContext& ctx = c.ctx;
  htx::web::Request req;
  req.method = htx::web::Method::kPost;
  req.headers.add("Content-Type", (size & 1) ? "application/json" : "application/merge-patch+json");
  if (size & 2) req.headers.add("Accept-Language", "en");
  req.body.assign(reinterpret_cast<const char*>(data), size);

  auto empty_ok = detail::read_body(ctx, req, detail::Body::kObjectOrEmpty);
  auto parsed = detail::read_body(ctx, req, detail::Body::kObject);
  if (req.body.empty()) HTX_FUZZ_CHECK(!empty_ok.refusal && empty_ok.value.is_object());
  if (parsed.refusal) {
    HTX_FUZZ_CHECK(parsed.refusal->status == 400 || parsed.refusal->status == 413);
    HTX_FUZZ_CHECK(nlohmann::json::accept(parsed.refusal->body));
    return 0;
  }
  const nlohmann::json& body = parsed.value;
  HTX_FUZZ_CHECK(body.is_object());
  HTX_FUZZ_CHECK(body.dump() == empty_ok.value.dump());

  htx::registry::Entity e;
  auto problems = detail::apply_fields(ctx, req, e, body, {"code"});
  check_problems(ctx, req, problems);
  HTX_FUZZ_CHECK(nlohmann::json::accept(detail::entity_json(ctx, e).dump()));

  const std::vector<std::string> allowed = {"name",     "amount", "rate",      "items",
                                            "approved", "on",     "collateral"};
  for (auto members : {detail::Members::kScalars, detail::Members::kScalarsAndLists,
                       detail::Members::kScalarsAndDecimals}) {
    std::vector<detail::FieldProblem> field_problems;
    auto fields = detail::body_fields(ctx, req, body, allowed, members, field_problems);
    check_problems(ctx, req, field_problems);
    for (auto& [name, value] : fields) {
      HTX_FUZZ_CHECK(body.contains(name));
      HTX_FUZZ_CHECK(htx::web::is_valid_utf8(value));
    }
  }

  std::vector<detail::FieldProblem> member_problems;
  (void)detail::date_of(ctx, req, body, "on", member_problems);
  (void)detail::string_of(ctx, req, body, "name", true, member_problems);
  if (auto* a = detail::array_of(ctx, req, body, "items", member_problems))
    HTX_FUZZ_CHECK(a->is_array());
  if (auto* o = detail::object_of(ctx, req, body, "rate", member_problems))
    HTX_FUZZ_CHECK(o->is_object());
  check_problems(ctx, req, member_problems);
  check_problems(ctx, req, detail::unknown(ctx, req, body, {"name", "on"}));
  return 0;
}
