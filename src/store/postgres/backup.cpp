// store::Backups for PostgreSQL: the standard tools. `pg_dump --format=custom` of the URL's
// database (one snapshot: consistent while others write); `pg_restore --clean --if-exists
// --no-owner --single-transaction` into the target, so that a failed restore changes nothing.
// The tools are those of PG_BINDIR, else of the newest /usr/lib/postgresql/*/bin that has them
// (as scripts/with-postgres.sh finds the server's), else of PATH. A tool's failure is reported
// with the first line of its standard error.
#include "store/postgres/backup.hpp"

#include <libpq-fe.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "core/error.hpp"
#include "core/transaction.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/schema.hpp"

namespace htx::store::postgres {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(std::string key, std::map<std::string, std::string> params) {
  throw BackupRefused(std::move(key), std::move(params));
}

std::string tool_path(const std::string& name) {
  if (const char* d = std::getenv("PG_BINDIR"); d && *d) return (fs::path(d) / name).string();
  std::vector<std::pair<int, fs::path>> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    auto p = e.path() / "bin" / name;
    int major = std::atoi(e.path().filename().c_str());
    if (major > 0 && fs::exists(p, ec)) found.emplace_back(major, p);
  }
  if (found.empty()) return name;  // from PATH
  return std::max_element(found.begin(), found.end())->second.string();
}

struct ToolResult {
  int code = -1;
  std::string out;
  std::string err_first_line;
};

// Runs a tool without a shell; its standard output and error are read from temporary files.
ToolResult run_tool(const std::string& name, const std::vector<std::string>& args) {
  const std::string program = tool_path(name);
  auto base = fs::temp_directory_path() / ("htx-" + name + "-" + std::to_string(getpid()));
  const std::string out_file = base.string() + ".out", err_file = base.string() + ".err";
  pid_t pid = fork();
  if (pid < 0) throw InfrastructureError("fork failed for " + name);
  if (pid == 0) {
    std::freopen("/dev/null", "r", stdin);
    std::freopen(out_file.c_str(), "w", stdout);
    std::freopen(err_file.c_str(), "w", stderr);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(program.c_str(), argv.data());
    std::fprintf(stderr, "%s: not found (install postgresql-client-15 or set PG_BINDIR)\n",
                 program.c_str());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ToolResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  {
    std::ifstream o(out_file);
    std::stringstream s;
    s << o.rdbuf();
    r.out = s.str();
    std::ifstream e(err_file);
    std::getline(e, r.err_first_line);
  }
  std::error_code ec;
  fs::remove(out_file, ec);
  fs::remove(err_file, ec);
  return r;
}

// A short connection for what the tools do not tell.
class Conn {
 public:
  explicit Conn(const std::string& url) : c_(PQconnectdb(url.c_str())) {
    if (PQstatus(c_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(c_);
      PQfinish(c_);
      c_ = nullptr;
      throw InfrastructureError("postgresql: " + msg);
    }
  }
  ~Conn() { PQfinish(c_); }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  std::vector<std::string> column(const std::string& sql) {
    PGresult* r = PQexec(c_, sql.c_str());
    std::vector<std::string> out;
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
      for (int i = 0; i < PQntuples(r); ++i) out.emplace_back(PQgetvalue(r, i, 0));
    PQclear(r);
    return out;
  }

 private:
  PGconn* c_;
};

std::vector<std::string> tables(Conn& c) {
  return c.column(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
      "AND table_type = 'BASE TABLE' ORDER BY table_name");
}

BackupFacts facts_of(const std::string& url) {
  Conn c(url);
  BackupFacts f;
  auto names = tables(c);
  f.tables = static_cast<std::int64_t>(names.size());
  for (auto& t : names) {
    auto n = c.column("SELECT count(*) FROM \"" + t + "\"");
    if (!n.empty()) f.rows += std::stoll(n[0]);
    if (t == "schema_migrations") {
      auto v = c.column("SELECT coalesce(max(version), 0) FROM schema_migrations");
      if (!v.empty()) f.schema_version = std::stoi(v[0]);
    }
  }
  return f;
}

class PostgresBackups final : public Backups {
 public:
  explicit PostgresBackups(std::string url) : url_(std::move(url)) {}

  BackupFacts backup(const std::string& out) override {
    const std::string part = out + ".part";
    auto r = run_tool("pg_dump", {"--format=custom", "--file", part, "--dbname", url_});
    std::error_code ec;
    if (r.code != 0) {
      fs::remove(part, ec);
      refuse("backup.tool_failed",
             {{"tool", "pg_dump"}, {"file", out}, {"detail", r.err_first_line}});
    }
    auto facts = facts_of(url_);
    fs::rename(part, out);
    facts.bytes = static_cast<std::int64_t>(fs::file_size(out, ec));
    return facts;
  }

  BackupFacts restore(const std::string& in, bool force, const std::string& actor,
                      const std::string& at) override {
    std::error_code ec;
    if (!fs::exists(in, ec)) refuse("backup.missing_file", {{"file", in}});
    auto list = run_tool("pg_restore", {"--list", in});
    if (list.code != 0) refuse("backup.not_a_database", {{"file", in}});
    if (list.out.find("TABLE public schema_migrations") == std::string::npos &&
        list.out.find(" schema_migrations ") == std::string::npos)
      refuse("backup.not_htx", {{"file", in}});
    // The schema version the backup records, read from the archive without restoring it.
    auto versions =
        run_tool("pg_restore", {"--data-only", "--table=schema_migrations", "--file=-", in});
    int version = 0;
    {
      std::istringstream lines(versions.out);
      bool in_copy = false;
      for (std::string line; std::getline(lines, line);) {
        if (line.rfind("COPY ", 0) == 0) {
          in_copy = true;
        } else if (line == "\\.") {
          in_copy = false;
        } else if (in_copy) {
          version = std::max(version, std::atoi(line.c_str()));
        }
      }
    }
    const int known = sql::kMigrations[std::size(sql::kMigrations) - 1].version;
    if (version > known)
      refuse(
          "backup.newer_schema",
          {{"file", in}, {"version", std::to_string(version)}, {"known", std::to_string(known)}});
    if (!force) {
      Conn c(url_);
      for (auto& t : tables(c)) {
        if (t == "schema_migrations") continue;
        if (!c.column("SELECT 1 FROM \"" + t + "\" LIMIT 1").empty())
          refuse("backup.target_not_empty", {{"file", url_}});
      }
    }
    auto r = run_tool("pg_restore", {"--clean", "--if-exists", "--no-owner", "--single-transaction",
                                     "--dbname", url_, in});
    if (r.code != 0)
      refuse("backup.tool_failed",
             {{"tool", "pg_restore"}, {"file", in}, {"detail", r.err_first_line}});
    auto restored = facts_of(url_);
    record_restore(*open(url_), in, restored, actor, at);
    auto facts = facts_of(url_);
    facts.bytes = static_cast<std::int64_t>(fs::file_size(in, ec));
    return facts;
  }

 private:
  std::string url_;
};

}  // namespace

std::unique_ptr<Backups> backups(const std::string& url) {
  return std::make_unique<PostgresBackups>(url);
}

}  // namespace htx::store::postgres
