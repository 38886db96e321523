#include "core/csv.hpp"

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
  fields.clear();
  if (peek() < 0) return ReadStatus::kEnd;
  record_line_ = current_line_;
  std::string field;
  std::size_t size = 0;
  bool quoted = false, in_quotes = false, any = false;
  auto too_long = [&]() {
    // Skip to the end of this physical line so that reading can go on.
    for (int c = get(); c >= 0 && c != '\n'; c = get()) {
    }
    ++current_line_;
    fields.clear();
    return ReadStatus::kTooLong;
  };
  for (;;) {
    int c = get();
    if (c < 0) {
      if (in_quotes) return ReadStatus::kUnterminatedQuote;
      if (any || !field.empty() || !fields.empty()) fields.push_back(std::move(field));
      return fields.empty() ? ReadStatus::kEnd : ReadStatus::kRecord;
    }
    any = true;
    if (++size > max_record_) return too_long();
    if (in_quotes) {
      if (c == '"') {
        if (peek() == '"') {
          get();
          field += '"';
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++current_line_;
        field += static_cast<char>(c);
      }
      continue;
    }
    if (c == '"' && field.empty() && !quoted) {
      quoted = in_quotes = true;
      continue;
    }
    if (c == delimiter_) {
      fields.push_back(std::move(field));
      field.clear();
      quoted = false;
      continue;
    }
    if (c == '\r' && peek() == '\n') continue;
    if (c == '\n') {
      ++current_line_;
      fields.push_back(std::move(field));
      return ReadStatus::kRecord;
    }
    field += static_cast<char>(c);
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

}  // namespace htx::csv
