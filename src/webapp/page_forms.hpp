// What the pages' forms share (work programme, governance): what the user typed and what is wrong
// with it (FormState), the view of a field for the `field` partial, the error summary, and the
// readers of date, text and id fields. Internal to src/webapp.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "areas/caller.hpp"
#include "areas/fields.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

inline constexpr std::size_t kMaxFormText = 4000;

// A checkbox's or a flag's value: "on", "1", "true", "yes".
bool checked(std::string_view v);
// A positive integer of at most 15 digits, else nullopt.
std::optional<std::int64_t> positive_id(std::string_view s);
// The path parameter `name` as a positive id into `id`; else the 404 page with the message
// `not_found_key` and its {id} (a guard: `if (auto stop = path_id(...)) return std::move(*stop);`).
std::optional<web::Response> path_id(Site& site, Page& page, const std::string& not_found_key,
                                     std::int64_t& id, const std::string& name = "id");

struct FormState {
  std::map<std::string, std::string> values;
  std::map<std::string, std::string> errors;
  std::vector<std::string> general;
  // A message beside `field` (the first one stays), or above the form when `field` is "".
  void add(const std::string& field, std::string message);
  bool ok() const { return errors.empty() && general.empty(); }
  std::string value(const std::string& k) const;
  json error(const std::string& k) const;  // the message, or false
};

// The label of an enum's value: the message `prefix` + its code (to_code, found by
// argument-dependent lookup): code_label(page, "work.status.", s) is the text of
// "work.status.done" for a task that is done.
template <typename E>
std::string code_label(const Page& page, std::string_view prefix, E value) {
  return page.t(std::string(prefix) + std::string(to_code(value)));
}

// (value, label) pairs of a select, the first one usually "choose".
using Choices = std::vector<std::pair<std::string, std::string>>;
json options(const Choices& items, const std::string& selected);

// A field for the `field` partial; kind "text", "date", "number", "select" or "checkbox".
json form_field(const Page& p, const FormState& f, const std::string& name,
                const std::string& label_key, bool required, const char* kind,
                json choices = json());
// The error summary's rows, general messages first, then the fields in `order` (name, label key).
json error_summary(const Page& p, const FormState& f, const Choices& order);
// A form page's view: `view` with the session's CSRF token, the form's `fields`, its error summary
// (error_summary in `order`) and has_errors.
json form_view(const Page& p, const FormState& f, json fields, const Choices& order,
               json view = json::object());

// A service's refusal on a form, the one mapping of the pages: beside the input its field names
// (through `names`: {service field: input}), or above the form when the form has no such input
// in `inputs`. A forbidden refusal is not shown: the result is false and the caller answers 403.
using FieldNames = std::map<std::string, std::string>;
bool show_refusal(const Page& p, FormState& f, const Error& e, const Choices& inputs,
                  const FieldNames& names = {});

// A required date field (dd/mm/yyyy or yyyy-mm-dd).
std::optional<Date> date_field(const Page& p, FormState& f, const std::string& name);
// A checkbox: whether it is ticked, kept in the form ("on" or "").
bool checkbox_field(const Page& p, FormState& f, const std::string& name);
// A text field, NFC, trimmed, at most kMaxFormText bytes.
std::string text_field(const Page& p, FormState& f, const std::string& name, bool required);

// One input of a form: its name (as the area reads it), its kind ("text", "date", "select"),
// whether it is required.
struct FormInput {
  const char* name;
  const char* kind;
  bool required;
};
// The (name, label key) pairs of `inputs` (FormInputs or names), each label `prefix` + name.
template <class Inputs>
Choices input_labels(const Inputs& inputs, const std::string& prefix) {
  Choices out;
  for (const auto& i : inputs) {
    if constexpr (requires { i.name; })
      out.emplace_back(i.name, prefix + i.name);
    else
      out.emplace_back(i, prefix + i);
  }
  return out;
}

// The posted inputs `names` as the areas read them (trimmed, in NFC), each kept in the form state
// to be shown again. A name is a text, the first of a (name, label) pair or an input's `.name`.
template <class Names>
areas::Fields posted_fields(const Page& p, const Names& names, FormState& f) {
  areas::Fields out;
  for (const auto& n : names) {
    std::string name;
    if constexpr (requires { n.name; })
      name = n.name;
    else if constexpr (requires { n.first; })
      name = n.first;
    else
      name = n;
    out[name] = f.values[name] = text::to_nfc(text::trim(p.field(name)));
  }
  return out;
}

// The adder of a record page's rows ("details": label and value) with the labels `pages.t(key)`;
// an empty value is left out.
template <class Pages>
auto detail_rows(json& details, Pages& pages) {
  return [&details, &pages](const std::string& key, const std::string& value) {
    if (!value.empty()) details.push_back({{"label", pages.t(key)}, {"value", value}});
  };
}

// A required value read by `parse` (its text -> an optional value: a from_code, a parser,
// positive_id): `text` stays in the form as field `name`; empty is "field.required" beside it, and
// a text that `parse` refuses is the message `bad_key` with {{"value", text}} (a catalogue key;
// "" for a select's code, where it is "field.required" too). Nullopt when either is wrong.
template <typename Parse>
auto required_value(const Page& p, FormState& f, const std::string& name, std::string text,
                    Parse parse, const std::string& bad_key)
    -> decltype(parse(std::string_view())) {
  f.values[name] = text;
  if (text.empty()) {
    f.add(name, p.cat.text("field.required"));
    return std::nullopt;
  }
  auto out = parse(std::string_view(text));
  if (!out)
    f.add(name,
          bad_key.empty() ? p.cat.text("field.required") : p.cat.text(bad_key, {{"value", text}}));
  return out;
}
// The same of the form's field `name`, trimmed.
template <typename Parse>
auto required_field(const Page& p, FormState& f, const std::string& name, Parse parse,
                    const std::string& bad_key) -> decltype(parse(std::string_view())) {
  return required_value(p, f, name, std::string(text::trim(p.field(name))), parse, bad_key);
}
// A positive number of at most `most` (a select's id, a document's or meeting's number).
inline auto positive_at_most(std::int64_t most) {
  return [most](std::string_view s) -> std::optional<std::int64_t> {
    auto n = positive_id(s);
    return n && *n <= most ? n : std::nullopt;
  };
}

// An area (areas::WorkArea, ...) of the page's caller over the request's database.
template <class Area>
Area area_for(const Site& site, const Page& page) {
  return Area(*page.services.db, *site.ctx().clock,
              areas::caller_of(*page.services.access, page.principal()));
}

// What an area's pages hold (FundPages, WorkPages, ...): the site, the page, the caller's area,
// and the page's texts under the area's prefix ("fund.page.": t("title") is "fund.page.title").
template <class Area>
class AreaPages {
 public:
  AreaPages(Site& site, Page& page, Area area, std::string prefix = {})
      : s_(site), p_(page), area_(std::move(area)), prefix_(std::move(prefix)) {}

  Area& area() { return area_; }
  const Area& area() const { return area_; }
  // The area's service, scope and write permission, for the areas that have them.
  auto& service() { return area_.service(); }
  const auto& scope() const { return area_.scope(); }
  bool can_write() const { return area_.can_write(); }
  std::string t(const std::string& key, const std::map<std::string, std::string>& p = {}) const {
    return p_.t(prefix_ + key, p);
  }
  std::string csrf() const { return p_.visitor.session ? p_.visitor.session->csrf_token : ""; }

 protected:
  Site& s_;
  Page& p_;
  Area area_;

 private:
  std::string prefix_;
};

// A page handler that runs only for those `allowed` lets in (AccessPolicy::can_read_work, ...):
// the others get the login redirect (nobody signed in) or a 403, as Site::guard answers.
Site::PageFn guarded(bool (*allowed)(const accounts::Principal&), Site::PageFn fn);
// The pages of the work programme and the areas built on it (reporting, governance): those who
// read it see them (reads), those who write it use the forms (writes).
Site::PageFn reads_work(Site::PageFn fn);
Site::PageFn writes_work(Site::PageFn fn);

// A list's caption: the message `none_key` when it has no rows, else `found_key` with its
// {count}.
std::string count_caption(const Site& site, const Page& p, std::int64_t count,
                          std::string_view none_key, std::string_view found_key);

// A list's pager, false when it has one page: the links to the previous and next pages
// (link(n)) and "page 2 of 5".
json pager_view(const Site& site, const Page& p, int page_no, std::int64_t pages,
                const std::function<std::string(int)>& link);

}  // namespace htx::webapp
