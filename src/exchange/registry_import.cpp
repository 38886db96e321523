#include "exchange/registry_import.hpp"

#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stop_token>
#include <thread>

#include "core/csv.hpp"
#include "core/encoding.hpp"
#include "core/json_record.hpp"
#include "core/text.hpp"
#include "exchange/xlsx.hpp"

namespace htx::exchange {

namespace {

using registry::Entity;
using registry::EntityStatus;
using registry::EntityType;

// Rows of a file, whatever its format.
class RowSource {
 public:
  virtual ~RowSource() = default;
  enum class Next { kRow, kEnd, kTooLong, kBroken };
  virtual Next next(std::vector<std::string>& cells, std::size_t& line) = 0;
  virtual double progress() const = 0;
};

class CsvSource final : public RowSource {
 public:
  CsvSource(std::unique_ptr<std::istream> in, std::uint64_t size, std::size_t max_record)
      : in_(std::move(in)), size_(size), reader_(*in_, ',', max_record) {}
  void set_delimiter(char d) { reader_.set_delimiter(d); }
  Next next(std::vector<std::string>& cells, std::size_t& line) override {
    auto st = reader_.next(cells);
    line = reader_.line();
    switch (st) {
      case csv::ReadStatus::kRecord:
        return Next::kRow;
      case csv::ReadStatus::kEnd:
        return Next::kEnd;
      case csv::ReadStatus::kTooLong:
        return Next::kTooLong;
      case csv::ReadStatus::kUnterminatedQuote:
        return Next::kBroken;
    }
    return Next::kBroken;
  }
  double progress() const override {
    return size_ ? static_cast<double>(reader_.bytes_consumed()) / static_cast<double>(size_) : 1;
  }

 private:
  std::unique_ptr<std::istream> in_;
  std::uint64_t size_;
  csv::Reader reader_;
};

class XlsxSource final : public RowSource {
 public:
  explicit XlsxSource(std::unique_ptr<XlsxReader> r) : r_(std::move(r)) {}
  Next next(std::vector<std::string>& cells, std::size_t& line) override {
    XlsxRow row;
    if (!r_->next(row)) return r_->error().empty() ? Next::kEnd : Next::kBroken;
    cells = std::move(row.cells);
    line = row.row_number;
    return Next::kRow;
  }
  double progress() const override { return r_->progress(); }

 private:
  std::unique_ptr<XlsxReader> r_;
};

std::string lower_ext(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool all_blank(const std::vector<std::string>& cells) {
  for (auto& c : cells)
    if (!text::trim(c).empty()) return false;
  return true;
}

std::optional<EntityType> parse_type(std::string_view s) {
  auto k = header_key(s);
  if (k == "htx" || k == "hoptacxa" || k == "cooperative") return EntityType::kCooperative;
  if (k == "lhhtx" || k == "lienhiephoptacxa" || k == "lienhiephtx" || k == "union")
    return EntityType::kUnion;
  if (k == "tht" || k == "tohoptac" || k == "group" || k == "cooperativegroup")
    return EntityType::kGroup;
  return std::nullopt;
}

std::optional<EntityStatus> parse_status(std::string_view s) {
  auto k = header_key(s);
  if (k == "danghoatdong" || k == "hoatdong" || k == "active") return EntityStatus::kActive;
  if (k == "tamngung" || k == "tamngunghoatdong" || k == "suspended")
    return EntityStatus::kSuspended;
  if (k == "giaithe" || k == "dagiaithe" || k == "dissolved") return EntityStatus::kDissolved;
  return std::nullopt;
}

std::optional<bool> parse_bool(std::string_view s) {
  auto k = header_key(s);
  if (k.empty() || k == "khong" || k == "k" || k == "0" || k == "no" || k == "n" || k == "false")
    return false;
  if (k == "co" || k == "x" || k == "1" || k == "yes" || k == "y" || k == "true" || k == "c")
    return true;
  return std::nullopt;
}

// The entity member a validation error names -> the import field.
std::optional<Field> field_of_member(std::string_view member, const RegistryColumns& cols) {
  std::string id(member);
  if (id == "sector_id") id = "sector";
  if (id == "province_id") id = "province";
  if (auto* c = cols.by_id(id)) return c->field;
  return std::nullopt;
}

struct Layout {
  std::vector<std::optional<Field>> field_of_index;  // per file column
  std::vector<std::string> header;                   // file's header text
  std::map<Field, std::size_t> index_of_field;
};

}  // namespace

ImportReport RegistryImporter::import_file(const std::string& path, const ImportOptions& opt) {
  ImportReport rep;
  rep.source_encoding = "UTF-8";
  auto fatal = [&](std::string key, std::map<std::string, std::string> params = {}) {
    params.emplace("file", path);
    rep.fatal = Error(std::move(key), std::move(params));
    return rep;
  };

  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return fatal("file.cannot_open");
  std::ifstream probe(path, std::ios::binary);
  if (!probe) return fatal("file.cannot_open");
  std::string head(64 * 1024, '\0');
  probe.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(probe.gcount()));
  probe.close();
  if (size == 0 || head.empty()) return fatal("file.empty");

  std::unique_ptr<RowSource> source;
  const std::string ext = lower_ext(path);
  const bool is_zip = head.rfind("PK\x03\x04", 0) == 0;
  if (ext == ".xlsx" || ext == ".xlsm") {
    if (!is_zip) return fatal("file.not_xlsx");
    std::string err;
    auto reader = XlsxReader::open(path, err);
    if (!reader) return fatal("file.bad_xlsx", {{"detail", err}});
    source = std::make_unique<XlsxSource>(std::move(reader));
  } else if (ext == ".xls") {
    return fatal("file.old_xls");
  } else {
    if (is_zip) return fatal("file.zip_not_csv");
    auto guess = text::detect_encoding(head);
    std::unique_ptr<std::istream> in;
    switch (guess.encoding) {
      case text::Encoding::kUtf8: {
        auto f = std::make_unique<std::ifstream>(path, std::ios::binary);
        if (guess.has_bom) f->seekg(3);
        in = std::move(f);
        break;
      }
      case text::Encoding::kBinary:
        return fatal("file.binary");
      case text::Encoding::kUnknown8Bit:
        return fatal("file.unknown_encoding");
      default: {
        // A legacy Vietnamese encoding: convert the whole file (such files are small), or
        // refuse it naming the encoding. Never store mojibake.
        std::string name(text::encoding_name(guess.encoding));
        if (size > 64u * 1024 * 1024)
          return fatal("file.legacy_encoding_refused", {{"encoding", name}});
        std::ifstream f(path, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        auto utf8 = text::convert_to_utf8(bytes, guess.encoding);
        if (!utf8) return fatal("file.legacy_encoding_refused", {{"encoding", name}});
        rep.source_encoding = name;
        size = utf8->size();
        in = std::make_unique<std::istringstream>(std::move(*utf8));
        break;
      }
    }
    // Delimiter from the first line (Excel in a Vietnamese locale writes ';').
    auto nl = head.find('\n');
    auto first = std::string_view(head).substr(guess.has_bom ? 3 : 0, nl);
    auto csv_source = std::make_unique<CsvSource>(std::move(in), size, opt.max_record_bytes);
    csv_source->set_delimiter(csv::detect_delimiter(first));
    source = std::move(csv_source);
  }

  // The header: the first row that is not blank.
  std::vector<std::string> cells;
  std::size_t line = 0;
  Layout layout;
  for (;;) {
    auto st = source->next(cells, line);
    if (st == RowSource::Next::kEnd) return fatal("file.empty");
    if (st == RowSource::Next::kTooLong) return fatal("file.header_too_long");
    if (st == RowSource::Next::kBroken)
      return fatal("file.broken_quotes", {{"line", std::to_string(line)}});
    if (!all_blank(cells)) break;
  }
  std::vector<std::string> unknown, duplicate;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    auto h = std::string(text::trim(cells[i]));
    if (!text::is_valid_utf8(h)) return fatal("file.header_not_utf8");
    layout.header.push_back(h);
    if (h.empty()) {
      layout.field_of_index.emplace_back(std::nullopt);
      continue;
    }
    const Column* c = columns_.match(h);
    if (!c) {
      unknown.push_back(column_letter(i) + " «" + h + "»");
      layout.field_of_index.emplace_back(std::nullopt);
      continue;
    }
    if (layout.index_of_field.count(c->field))
      duplicate.push_back(column_letter(i) + " «" + h + "»");
    layout.index_of_field[c->field] = i;
    layout.field_of_index.emplace_back(c->field);
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  if (!unknown.empty()) {
    std::vector<std::string> known;
    for (auto& c : columns_.all()) known.push_back(c.header_vi);
    return fatal("file.unknown_columns", {{"columns", join(unknown)}, {"known", join(known)}});
  }
  if (!duplicate.empty()) return fatal("file.duplicate_columns", {{"columns", join(duplicate)}});
  std::vector<std::string> missing;
  for (auto& c : columns_.all())
    if (c.required && !layout.index_of_field.count(c.field)) missing.push_back(c.header_vi);
  if (!missing.empty()) return fatal("file.missing_columns", {{"columns", join(missing)}});

  // The rows.
  std::unique_ptr<std::ofstream> rejected;
  auto reject_row = [&](const std::vector<std::string>& row, std::size_t at,
                        const std::vector<RowProblem>& problems) {
    if (!opt.skip_invalid) return;
    if (!rejected) {
      rep.rejected_path = opt.rejected_path.empty() ? path + ".rejected.csv" : opt.rejected_path;
      rejected =
          std::make_unique<std::ofstream>(rep.rejected_path, std::ios::binary | std::ios::trunc);
      if (!*rejected) throw InfrastructureError("cannot write " + rep.rejected_path);
      *rejected << "\xEF\xBB\xBF";
      auto h = layout.header;
      h.insert(h.begin(), {opt.catalog ? opt.catalog->text("rejected.line") : "line",
                           opt.catalog ? opt.catalog->text("rejected.reason") : "reason"});
      csv::write_record(*rejected, h, true);
    }
    std::string reasons;
    for (auto& p : problems) {
      reasons += (reasons.empty() ? "" : "; ") +
                 (p.column.empty() ? "" : p.column + " «" + p.header + "»: ") +
                 (opt.catalog ? opt.catalog->render(p.error) : p.error.key);
    }
    auto r = row;
    r.insert(r.begin(), {std::to_string(at), reasons});
    csv::write_record(*rejected, r, true);
  };

  const Date today = clock_.today();
  const std::string now = clock_.now_iso();

  // Two stages on two threads, so that a large file uses both cores: a parser reads rows and
  // checks every field (nothing there touches the database), and this thread stores them in
  // one transaction, in file order, checking what needs the database (codes already stored).
  struct ParsedRow {
    std::size_t line = 0;
    std::vector<std::string> cells;
    Entity entity;
    std::string search_key;  // computed here, off the writing thread
    std::vector<RowProblem> problems;
  };
  using Batch = std::vector<ParsedRow>;
  constexpr std::size_t kBatchRows = 512, kMaxQueued = 8;
  std::mutex mu;
  std::condition_variable_any cv;  // stop-token aware: a failed write wakes the parser
  std::deque<Batch> queue;
  // Stored batches go back to the parser, which frees them: memory is freed by the thread that
  // allocated it (cheaper for the allocator), and off the writing thread.
  std::deque<Batch> done_batches;
  bool parser_done = false;
  std::exception_ptr parser_error;
  std::atomic<double> progress{0.0};

  auto parse_rows = [&](std::stop_token stop) {
    pthread_setname_np(pthread_self(), "htx-parse");  // tells the threads apart in profiles
    try {
      Batch batch;
      std::vector<std::string> cells;
      std::size_t line = 0;
      auto push = [&](bool last) {
        std::deque<Batch> to_free;
        {
          std::unique_lock lock(mu);
          if (!cv.wait(lock, stop, [&] { return queue.size() < kMaxQueued; })) return;
          if (!batch.empty()) queue.push_back(std::move(batch));
          if (last) parser_done = true;
          to_free.swap(done_batches);
          cv.notify_all();
        }
        batch = Batch();
        batch.reserve(kBatchRows);
      };
      batch.reserve(kBatchRows);
      for (;;) {
        if (stop.stop_requested()) return;
        auto st = source->next(cells, line);
        if (st == RowSource::Next::kEnd) break;
        if (st == RowSource::Next::kRow && all_blank(cells)) continue;
        ParsedRow& row = batch.emplace_back();
        row.line = line;
        std::vector<RowProblem>& row_problems = row.problems;
        Entity& e = row.entity;
        auto add = [&](std::optional<Field> f, std::string key,
                       std::map<std::string, std::string> params = {}) {
          RowProblem p;
          p.line = line;
          if (f && layout.index_of_field.count(*f)) {
            auto i = layout.index_of_field.at(*f);
            p.column = column_letter(i);
            p.header = layout.header[i];
          }
          p.error = Error(std::move(key), std::move(params));
          row_problems.push_back(std::move(p));
        };
        if (st == RowSource::Next::kTooLong) {
          add(std::nullopt, "row.too_long", {{"max", std::to_string(opt.max_record_bytes)}});
        } else if (st == RowSource::Next::kBroken) {
          add(std::nullopt, "file.broken_quotes", {{"line", std::to_string(line)}});
        } else {
          if (cells.size() > layout.header.size()) {
            bool extra = false;
            for (std::size_t i = layout.header.size(); i < cells.size(); ++i)
              extra = extra || !text::trim(cells[i]).empty();
            if (extra)
              add(std::nullopt, "row.extra_cells",
                  {{"count", std::to_string(cells.size())},
                   {"expected", std::to_string(layout.header.size())}});
          }
          std::optional<std::string> province_text;
          std::optional<std::string> status_text;
          for (std::size_t i = 0; i < cells.size() && i < layout.field_of_index.size(); ++i) {
            auto f = layout.field_of_index[i];
            if (!f) continue;
            const std::string& raw = cells[i];
            if (!text::is_valid_utf8(raw)) {
              add(f, "field.not_utf8");
              continue;
            }
            std::string v(text::trim(raw));
            auto integer = [&](std::int64_t& out) {
              if (v.empty()) return;
              auto n = text::parse_int(v);
              if (!n) return add(f, "field.not_a_number", {{"value", v}});
              out = *n;
            };
            auto date = [&](std::optional<Date>& out) {
              if (v.empty()) return;
              auto d = Date::parse(v);
              if (!d) return add(f, "field.bad_date", {{"value", v}});
              out = d;
            };
            auto flag = [&](bool& out) {
              if (auto b = parse_bool(v))
                out = *b;
              else
                add(f, "field.bad_bool", {{"value", v}});
            };
            switch (*f) {
              case Field::kCode:
                e.code = v;
                break;
              case Field::kName:
                e.name = text::to_nfc(v);
                break;
              case Field::kType:
                if (v.empty()) break;
                if (auto t = parse_type(v))
                  e.type = *t;
                else
                  add(f, "field.bad_type", {{"value", v}});
                break;
              case Field::kSector:
                if (v.empty()) break;
                if (auto* s = sectors_.resolve(v))
                  e.sector_id = s->id;
                else
                  add(f, "field.unknown_sector", {{"value", v}});
                break;
              case Field::kProvince:
                if (!v.empty()) province_text = v;
                break;
              case Field::kAddress:
                e.address = text::to_nfc(v);
                break;
              case Field::kFoundedOn: {
                std::optional<Date> d;
                date(d);
                if (d) e.founded_on = *d;
                break;
              }
              case Field::kDissolvedOn:
                date(e.dissolved_on);
                break;
              case Field::kStatus:
                if (!v.empty()) status_text = v;
                break;
              case Field::kMembers:
              case Field::kEmployees:
              case Field::kCharterCapital:
              case Field::kRevenue:
                integer(e.*number_field(*f));
                break;
              case Field::kNewType:
                flag(e.new_type);
                break;
              case Field::kOcopProducts:
                e.ocop_products = text::to_nfc(v);
                break;
              case Field::kAllianceMember:
                flag(e.alliance_member);
                break;
            }
          }
          // Required cells that are blank.
          for (auto& c : columns_.all()) {
            if (!c.required) continue;
            auto i = layout.index_of_field[c.field];
            if (i >= cells.size() || text::trim(cells[i]).empty()) add(c.field, "field.required");
          }
          if (status_text) {
            if (auto s = parse_status(*status_text))
              e.status = *s;
            else
              add(Field::kStatus, "field.bad_status", {{"value", *status_text}});
          } else if (e.dissolved_on) {
            e.status = EntityStatus::kDissolved;
          }
          if (province_text) {
            // The unit valid when the entity registered (its founding date, else today).
            Date on = e.founded_on == Date{} ? today : e.founded_on;
            if (auto* p = geo_.resolve(*province_text, on))
              e.province_id = p->id;
            else
              add(Field::kProvince, "field.unknown_province", {{"value", *province_text}});
          }
          if (row_problems.empty()) {
            for (auto& fe : service_.validate(e)) {
              bool duplicate_required = fe.error.key == "field.required" ||
                                        fe.error.key == "field.unknown_sector" ||
                                        fe.error.key == "field.unknown_province";
              if (duplicate_required) continue;  // already reported from the cell itself
              add(field_of_member(fe.field, columns_), fe.error.key, fe.error.params);
            }
          }
          if (row_problems.empty() && opt.row_check) {
            if (auto fe = opt.row_check(e))
              add(field_of_member(fe->field, columns_), fe->error.key, fe->error.params);
          }
        }
        if (row.problems.empty()) row.search_key = registry::search_key(row.entity);
        if (opt.skip_invalid) row.cells = cells;  // for the rejected file
        if (batch.size() >= kBatchRows) {
          progress.store(source->progress(), std::memory_order_relaxed);
          push(false);
        }
      }
      push(true);
    } catch (...) {
      std::lock_guard lock(mu);
      parser_error = std::current_exception();
      parser_done = true;
      cv.notify_all();
    }
  };

  Transaction tx(tx_);
  std::vector<std::string> differing;
  registry::FlowAccumulator flows;
  if (opt.progress) opt.progress(0.0);
  {
    std::jthread parser(parse_rows);
    for (;;) {
      Batch batch;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return !queue.empty() || parser_done; });
        if (queue.empty()) break;
        batch = std::move(queue.front());
        queue.pop_front();
        cv.notify_all();
      }
      for (auto& row : batch) {
        if (row.problems.empty()) {
          differing.clear();
          switch (service_.add_or_match(row.entity, opt.actor, now, flows, &differing,
                                        &row.search_key)) {
            case registry::AddOutcome::kCreated:
              ++rep.created;
              break;
            case registry::AddOutcome::kUnchanged:
              ++rep.unchanged;
              break;
            case registry::AddOutcome::kConflict: {
              std::string names;
              for (auto& d : differing) {
                auto f = field_of_member(d, columns_);
                names += (names.empty() ? "" : ", ") + (f ? columns_.get(*f).header_vi : d);
              }
              RowProblem p;
              p.line = row.line;
              auto i = layout.index_of_field.at(Field::kCode);
              p.column = column_letter(i);
              p.header = layout.header[i];
              p.error = Error::conflict("registry.code_conflict",
                                        {{"code", row.entity.code}, {"fields", names}});
              row.problems.push_back(std::move(p));
              break;
            }
          }
        }
        ++rep.rows;
        if (!row.problems.empty()) {
          ++rep.rejected;
          for (auto& p : row.problems)
            if (rep.problems.size() < opt.max_problems_kept) rep.problems.push_back(p);
          reject_row(row.cells, row.line, row.problems);
        }
      }
      if (opt.progress) opt.progress(progress.load(std::memory_order_relaxed));
      std::lock_guard lock(mu);
      done_batches.push_back(std::move(batch));
    }
    // jthread's destructor asks the parser to stop and joins it (also when a write throws).
    parser.request_stop();
    cv.notify_all();
  }
  if (parser_error) std::rethrow_exception(parser_error);
  if (opt.progress) opt.progress(1.0);
  if (rep.rows == 0) return fatal("file.no_rows");
  if (rep.rejected > 0 && !opt.skip_invalid) return rep;  // rolled back by tx's destructor
  if (opt.dry_run) return rep;                            // likewise
  service_.apply_flows(flows);
  service_.record_batch(
      "registry.import", std::filesystem::path(path).filename().string(),
      json_record("file", path, "encoding", rep.source_encoding, "rows", rep.rows, "created",
                  rep.created, "unchanged", rep.unchanged, "rejected", rep.rejected),
      opt.actor, now);
  tx.commit();
  rep.committed = true;
  if (rejected) rejected->close();
  return rep;
}

}  // namespace htx::exchange
