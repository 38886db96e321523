// GET /import, POST /import (upload and check: a dry run), POST /import/confirm (the import).
// The upload waits between the two steps in a private directory, under a name made of the
// session's identity and a random id, so that only the session that uploaded it can confirm it.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>

#include "exchange/registry_import.hpp"
#include "webapp/site_internal.hpp"

namespace htx::webapp {

namespace {

namespace fs = std::filesystem;

constexpr auto kUploadLifetime = std::chrono::hours(2);

// A directory of this process's user only (refused if someone else made it first).
fs::path upload_dir() {
  fs::path dir = fs::temp_directory_path() / ("htx-uploads-" + std::to_string(::getuid()));
  ::mkdir(dir.c_str(), 0700);
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid() ||
      (st.st_mode & 077) != 0)
    throw InfrastructureError("the upload directory " + dir.string() +
                              " is not a private directory of this user");
  return dir;
}

// Uploads nobody confirmed in time.
void remove_old_uploads(const fs::path& dir) {
  std::error_code ec;
  auto now = fs::file_time_type::clock::now();
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    auto t = it->last_write_time(ec);
    if (!ec && now - t > kUploadLifetime) fs::remove(it->path(), ec);
  }
}

// The extension the importer reads the file by.
std::string extension_of(const std::string& filename) {
  std::string lower;
  for (char c : filename)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (const char* ext : {".xlsx", ".xlsm", ".xls"})
    if (lower.size() >= std::strlen(ext) && lower.ends_with(ext)) return ext;
  return ".csv";
}

std::string upload_prefix(const Page& page) {
  return accounts::token_hash(page.visitor.session_token).substr(0, 32);
}

std::optional<fs::path> find_upload(const Page& page, const std::string& id) {
  if (!looks_like_token(id)) return std::nullopt;
  fs::path dir = upload_dir();
  std::error_code ec;
  for (const char* ext : {".csv", ".xlsx", ".xlsm", ".xls"}) {
    fs::path p = dir / (upload_prefix(page) + "-" + id + ext);
    if (fs::is_regular_file(p, ec)) return p;
  }
  return std::nullopt;
}

json report_view(Site& site, Page& page, const exchange::ImportReport& rep) {
  json problems = json::array();
  for (auto& p : rep.problems)
    problems.push_back({{"line", std::to_string(p.line)},
                        {"column", p.column.empty() ? "—" : p.column},
                        {"header", p.header.empty() ? "—" : p.header},
                        {"reason", page.cat.render(p.error)}});
  json counts =
      json::array({{{"label", page.t("import.rows")},
                    {"value", site.number(page, static_cast<std::int64_t>(rep.rows))}},
                   {{"label", page.t(rep.committed ? "import.created" : "import.would_create")},
                    {"value", site.number(page, static_cast<std::int64_t>(rep.created))}},
                   {{"label", page.t("import.unchanged")},
                    {"value", site.number(page, static_cast<std::int64_t>(rep.unchanged))}},
                   {{"label", page.t("import.rejected")},
                    {"value", site.number(page, static_cast<std::int64_t>(rep.rejected))}}});
  json v = {{"fatal", rep.fatal ? json(page.cat.render(*rep.fatal)) : json(false)},
            {"counts", counts},
            {"problems", problems},
            {"has_problems", !problems.empty()},
            {"more_problems", rep.rejected > 0 && rep.problems.size() < rep.rejected
                                  ? json(page.cat.text("import.more_problems",
                                                       {{"count", std::to_string(rep.rejected)}}))
                                  : json(false)},
            {"encoding",
             rep.source_encoding.empty() || rep.source_encoding == "UTF-8"
                 ? json(false)
                 : json(page.cat.text("import.converted", {{"encoding", rep.source_encoding}}))}};
  return v;
}

exchange::ImportReport run_import(Site& site, Page& page, const fs::path& path, bool dry_run) {
  const auto& ctx = site.ctx();
  auto area = api::registry_area(ctx, page.principal());
  exchange::RegistryImporter importer(area.service(), area.db(), *ctx.geo, *ctx.sectors,
                                      *ctx.columns, *ctx.clock);
  exchange::ImportOptions opt;
  opt.dry_run = dry_run;
  opt.actor = page.username();
  opt.catalog = &page.cat;
  opt.max_problems_kept = 500;
  // Provincial staff import the rows of their provinces only.
  if (auto check = area.import_row_check()) opt.row_check = std::move(*check);
  return importer.import_file(path.string(), opt);
}

// Nullopt when the caller may import (admin, national and provincial staff), else the refusal.
std::optional<web::Response> may_import(Site& site, Page& page) {
  return site.guard(page, api::registry_area(site.ctx(), page.principal()).can_import());
}

json form_view(Page& page) {
  return {{"csrf", page.visitor.session->csrf_token},
          {"limit", page.t("import.limit", {{"size", "8 MiB"}})},
          {"result", false},
          {"form_error", false}};
}

web::Response import_form(Site& site, Page& page) {
  if (auto stop = may_import(site, page)) return std::move(*stop);
  json view = form_view(page);
  return site.render(page, "import", page.t("import.title"), std::move(view));
}

web::Response import_check(Site& site, Page& page) {
  if (auto stop = may_import(site, page)) return std::move(*stop);
  json view = form_view(page);
  const MultipartPart* file = page.upload.find("file");
  if (!file || !file->filename || file->filename->empty() || file->data.empty()) {
    view["form_error"] = page.t("import.no_file");
    return site.render(page, "import", page.t("import.title"), std::move(view), 422);
  }
  fs::path dir = upload_dir();
  remove_old_uploads(dir);
  std::string id = accounts::random_token();
  fs::path path = dir / (upload_prefix(page) + "-" + id + extension_of(*file->filename));
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(file->data.data(), static_cast<std::streamsize>(file->data.size()));
    if (!out) throw InfrastructureError("cannot write the upload " + path.string());
  }
  ::chmod(path.c_str(), 0600);
  exchange::ImportReport rep;
  try {
    rep = run_import(site, page, path, true);
  } catch (...) {
    std::error_code ec;
    fs::remove(path, ec);
    throw;
  }
  json result = report_view(site, page, rep);
  const bool ready = !rep.fatal && rep.rejected == 0 && rep.rows > 0;
  result["file"] = *file->filename;
  result["checked"] = true;
  result["ready"] = ready;
  result["upload_id"] = ready ? json(id) : json(false);
  result["summary"] = ready ? page.t("import.ready", {{"file", *file->filename}})
                            : page.t("import.not_ready", {{"file", *file->filename}});
  if (!ready) {
    std::error_code ec;
    fs::remove(path, ec);
  }
  view["result"] = result;
  return site.render(page, "import", page.t("import.title"), std::move(view), ready ? 200 : 422);
}

web::Response import_confirm(Site& site, Page& page) {
  if (auto stop = may_import(site, page)) return std::move(*stop);
  json view = form_view(page);
  std::string id = page.field("upload");
  auto path = find_upload(page, id);
  if (!path) {
    view["form_error"] = page.t("import.expired");
    return site.render(page, "import", page.t("import.title"), std::move(view), 422);
  }
  exchange::ImportReport rep;
  try {
    rep = run_import(site, page, *path, false);
  } catch (...) {
    std::error_code ec;
    fs::remove(*path, ec);
    throw;
  }
  std::error_code ec;
  fs::remove(*path, ec);
  if (rep.committed && rep.created > 0) site.data_changed();
  json result = report_view(site, page, rep);
  std::string file = page.field("filename");
  result["file"] = file;
  result["checked"] = false;
  result["ready"] = false;
  result["upload_id"] = false;
  result["summary"] =
      rep.committed ? page.cat.text("import.done", {{"rows", std::to_string(rep.rows)},
                                                    {"created", std::to_string(rep.created)},
                                                    {"unchanged", std::to_string(rep.unchanged)},
                                                    {"rejected", std::to_string(rep.rejected)}})
                    : page.t("import.failed");
  view["result"] = result;
  return site.render(page, "import", page.t("import.title"), std::move(view),
                     rep.committed ? 200 : 422);
}

}  // namespace

void register_import_pages(Site& site, web::Router& router) {
  add_pages(site, router,
            {{.path = "/import",
              .get = import_form,
              .post = import_check,
              .post_kind = Site::Post::kMultipart},
             {.path = "/import/confirm", .post = import_confirm}});
}

}  // namespace htx::webapp
