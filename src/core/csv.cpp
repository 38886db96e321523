#include "core/csv.hpp"

#include <fstream>

#include "core/error.hpp"

namespace htx::csv {

Reader::Reader(std::istream& in, char delimiter, std::size_t max_record_bytes)
    : in_(in), delimiter_(delimiter), max_record_(max_record_bytes), buf_(1 << 16) {}

bool Reader::fill() {
  if (pos_ < end_) return true;
  if (!in_) return false;
  in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  end_ = static_cast<std::size_t>(in_.gcount());
  pos_ = 0;
  return end_ > 0;
}

int Reader::peek() {
  if (pos_ >= end_ && !fill()) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

int Reader::get() {
  if (pos_ >= end_ && !fill()) return -1;
  ++consumed_;
  return static_cast<unsigned char>(buf_[pos_++]);
}

ReadStatus Reader::next(std::vector<std::string>& fields) {
  // Fields are reused between calls (their capacity is kept): this runs once per row of an
  // import of millions of rows.
  std::size_t n = 0;
  auto field = [&]() -> std::string& {
    if (n == fields.size()) fields.emplace_back();
    std::string& f = fields[n];
    return f;
  };
  auto finish = [&](ReadStatus st) {
    fields.resize(n);
    return st;
  };
  if (peek() < 0) return finish(ReadStatus::kEnd);
  record_line_ = current_line_;
  std::size_t size = 0;
  field().clear();
  bool quoted = false, in_quotes = false, field_started = false;
  for (;;) {
    if (pos_ >= end_ && !fill()) {
      if (in_quotes) return finish(ReadStatus::kUnterminatedQuote);
      ++n;
      return finish(ReadStatus::kRecord);
    }
    // Copy a run of ordinary bytes at once.
    const char* p = buf_.data() + pos_;
    const char* e = buf_.data() + end_;
    const char* q = p;
    if (in_quotes) {
      while (q < e && *q != '"' && *q != '\n') ++q;
    } else {
      while (q < e && *q != delimiter_ && *q != '\n' && *q != '\r' && *q != '"') ++q;
    }
    if (q > p) {
      auto len = static_cast<std::size_t>(q - p);
      size += len;
      if (size > max_record_) {
        pos_ += len;
        consumed_ += len;
        // Skip to the end of this physical line so that reading can go on.
        for (int c = get(); c >= 0 && c != '\n'; c = get()) {
        }
        ++current_line_;
        n = 0;
        return finish(ReadStatus::kTooLong);
      }
      field().append(p, len);
      field_started = true;
      pos_ += len;
      consumed_ += len;
      continue;
    }
    int c = get();
    ++size;
    if (in_quotes) {
      if (c == '"') {
        if (peek() == '"') {
          get();
          field() += '"';
        } else {
          in_quotes = false;
        }
      } else {  // '\n' inside quotes
        ++current_line_;
        field() += '\n';
      }
      continue;
    }
    if (c == '"' && !field_started && !quoted) {
      quoted = in_quotes = field_started = true;
      continue;
    }
    if (c == delimiter_) {
      ++n;
      field().clear();
      quoted = field_started = false;
      continue;
    }
    if (c == '\r') {
      if (peek() == '\n') continue;
      field() += '\r';
      field_started = true;
      continue;
    }
    if (c == '\n') {
      ++current_line_;
      ++n;
      return finish(ReadStatus::kRecord);
    }
    field() += static_cast<char>(c);  // a quote inside an unquoted field is kept as it is
    field_started = true;
  }
}

char detect_delimiter(std::string_view line) {
  std::size_t comma = 0, semi = 0, tab = 0;
  bool q = false;
  for (char c : line) {
    if (c == '"') q = !q;
    if (q) continue;
    if (c == ',') ++comma;
    if (c == ';') ++semi;
    if (c == '\t') ++tab;
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

void write_record(std::ostream& out, const std::vector<std::string>& fields, bool crlf,
                  char delimiter) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.put(delimiter);
    const std::string& f = fields[i];
    bool needs = f.find_first_of(std::string{'"', '\n', '\r', delimiter}) != std::string::npos ||
                 (!f.empty() && (f.front() == ' ' || f.back() == ' '));
    if (!needs) {
      out << f;
      continue;
    }
    out.put('"');
    for (char c : f) {
      if (c == '"') out.put('"');
      out.put(c);
    }
    out.put('"');
  }
  if (crlf) out.put('\r');
  out.put('\n');
}

DataFile read_data_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InfrastructureError("cannot open data file " + path.string());
  Reader reader(in);
  DataFile file;
  if (reader.next(file.header) != ReadStatus::kRecord)
    throw InfrastructureError("empty data file " + path.string());
  std::vector<std::string> row;
  for (;;) {
    auto st = reader.next(row);
    if (st == ReadStatus::kEnd) break;
    if (st != ReadStatus::kRecord || row.size() != file.header.size())
      throw InfrastructureError("bad row in " + path.string() + " at line " +
                                std::to_string(reader.line()));
    file.rows.push_back(row);
  }
  return file;
}

}  // namespace htx::csv
