// The review's prose: the office's draft report after Decree 30/2020/NĐ-CP (the titles, the
// paragraphs of the month and of the year, the plain text the CLI prints).
#include <set>

#include "core/text.hpp"
#include "work/review.hpp"

namespace htx::work {

using reporting::Frequency;
using reporting::ReportForm;
using reporting::ReportPeriod;
using reporting::ReportStatus;

namespace {

std::string two_digits(int m) { return (m < 10 ? "0" : "") + std::to_string(m); }

std::string unit_part(const ReviewItem& it) {
  std::string s = " (" + it.lead_unit;
  if (!it.source.empty()) s += "; theo " + it.source;
  return s + ")";
}

using P = DraftParagraph;
void heading(DraftReport& d, std::string t) {
  d.body.push_back({P::Style::kHeading, std::move(t)});
}
void subheading(DraftReport& d, std::string t) {
  d.body.push_back({P::Style::kSubheading, std::move(t)});
}
void body(DraftReport& d, std::string t) { d.body.push_back({P::Style::kBody, std::move(t)}); }
void bullet(DraftReport& d, std::string t) {
  d.body.push_back({P::Style::kBullet, "- " + std::move(t)});
}

std::string place_date(Date d) {
  return "Hà Nội, ngày " + std::to_string(d.day()) + " tháng " + std::to_string(d.month()) +
         " năm " + std::to_string(d.year());
}

DraftReport header(Date dated) {
  DraftReport d;
  d.issuer = {"LIÊN MINH HTX VIỆT NAM", "VĂN PHÒNG"};
  d.number_symbol = "Số:       /BC-VP";
  d.place_date = place_date(dated);
  return d;
}

// "Quỹ Hỗ trợ phát triển HTX trung ương và địa phương cho vay vốn ưu đãi 12 dự án, 18,5 tỷ
// đồng; cơ cấu lại nợ cho 7 HTX" (seed 003's words).
std::string lending_sentence(const LendingFigures& l) {
  auto tenths = tenths_of_billion(l.new_amount);
  std::string amount;
  if (tenths >= 10) {
    amount = text::format_int(tenths / 10) +
             (tenths % 10 ? "," + std::to_string(tenths % 10) : "") + " tỷ đồng";
  } else {
    amount = text::format_int((l.new_amount + 500'000) / 1'000'000) + " triệu đồng";
  }
  return "Quỹ Hỗ trợ phát triển HTX trung ương và địa phương cho vay vốn ưu đãi " +
         std::to_string(l.new_loans) + " dự án, " + amount + "; cơ cấu lại nợ cho " +
         std::to_string(l.restructured_borrowers) + " HTX";
}

// The plan's indicators in the report's words (the catalogue's "target.*" names).
std::string indicator_words(const std::string& code) {
  if (code == "founded_htx") return "thành lập mới HTX";
  if (code == "new_members") return "kết nạp thành viên mới";
  if (code == "trainees") return "đào tạo, bồi dưỡng";
  if (code == "advised_founding") return "tư vấn thành lập HTX";
  return code;
}

// "Chỉ tiêu tư vấn thành lập HTX (Bắc Giang): kế hoạch 10, thực hiện 11, đạt 110%."
void targets_paragraphs(DraftReport& d, const RegistryFigures& f) {
  if (f.targets.empty()) return;
  body(d, "Thực hiện các chỉ tiêu kế hoạch năm (lũy kế từ đầu năm):");
  for (const auto& t : f.targets) {
    std::string s = "Chỉ tiêu " + indicator_words(t.indicator) +
                    (t.unit.empty() ? std::string() : " (" + t.unit + ")") + ": kế hoạch " +
                    text::format_int(t.target) + ", thực hiện " + text::format_int(t.actual);
    if (t.target > 0)
      s += ", đạt " + text::format_percent(
                          100.0 * static_cast<double>(t.actual) / static_cast<double>(t.target), 0);
    bullet(d, s + ".");
  }
}

void registry_paragraphs(DraftReport& d, const RegistryFigures& f, const std::string& period) {
  if (!f.present) {
    body(d, "Chưa có số liệu đăng ký HTX của " + period + ".");
    return;
  }
  std::string where = f.area.empty() ? "cả nước" : "trên địa bàn " + f.area;
  std::string s =
      period + ", " + where + " thành lập mới " + text::format_int(f.founded[0]) + " HTX";
  if (!f.regions.empty()) {
    s += ", cụ thể: ";
    for (std::size_t i = 0; i < f.regions.size(); ++i) {
      if (i) s += "; ";
      s += f.regions[i].name + ": " + text::format_int(f.regions[i].founded_htx) + " HTX";
    }
  }
  s += ".";
  body(d, s);
  std::string other = "Giải thể " + text::format_int(f.dissolved[0]) + " HTX";
  if (f.founded[1] || f.dissolved[1])
    other += "; thành lập mới " + text::format_int(f.founded[1]) + " và giải thể " +
             text::format_int(f.dissolved[1]) + " liên hiệp HTX";
  if (f.founded[2] || f.dissolved[2])
    other += "; thành lập mới " + text::format_int(f.founded[2]) + " và giải thể " +
             text::format_int(f.dissolved[2]) + " tổ hợp tác";
  other += ". Tổng số HTX đến cuối kỳ: " + text::format_int(f.closing[0]) +
           " HTX; liên hiệp HTX: " + text::format_int(f.closing[1]) +
           "; tổ hợp tác: " + text::format_int(f.closing[2]) + ".";
  body(d, other);
  if (f.lending.present) body(d, lending_sentence(f.lending) + ".");
  targets_paragraphs(d, f);
}

std::string period_text(const ReportPeriod& p) {
  if (p.frequency == Frequency::kQuarterly)
    return "quý " + std::to_string(p.index) + "/" + std::to_string(p.year);
  return "tháng " + two_digits(p.index) + "/" + std::to_string(p.year);
}

std::string ratio(int part, int whole, double percent) {
  return std::to_string(part) + "/" + std::to_string(whole) + " (" +
         text::format_percent(percent, 1) + ")";
}

void reporting_paragraphs(DraftReport& d, const MonthReview& r) {
  if (r.reporting.empty()) {
    body(d, "Không có báo cáo định kỳ đến hạn trong tháng.");
    return;
  }
  for (const auto& f : r.reporting) {
    const auto& c = f.counts;
    body(d, f.form.name + " " + period_text(f.period) + " (hạn " + f.deadline.vietnamese() + "): " +
                ratio(c.on_time, c.expected, c.timeliness()) + " đơn vị gửi đúng hạn; đã gửi " +
                ratio(c.submitted, c.expected, c.completeness()) + ".");
    std::string late, missing;
    for (const auto& u : f.units) {
      if (u.status == ReportStatus::kLate)
        late += (late.empty() ? "" : "; ") + u.unit.name + " (chậm " + std::to_string(u.days_late) +
                " ngày)";
      if (u.status == ReportStatus::kMissing)
        missing += (missing.empty() ? "" : "; ") + u.unit.name;
    }
    if (!late.empty()) bullet(d, "Gửi chậm: " + late + ".");
    if (!missing.empty()) bullet(d, "Chưa gửi: " + missing + ".");
  }
}

std::string late_group(const ReportForm& f) {
  if (f.unit_kind == UnitKind::kDepartment) return "Một số ban";
  if (f.unit_kind == UnitKind::kProvincial) return "Một số Liên minh HTX tỉnh, thành phố";
  return "Một số đơn vị";
}

void year_reporting_paragraphs(DraftReport& d, const YearReview& r) {
  for (const auto& f : r.reporting) {
    const auto& c = f.counts;
    int compliant = 0;
    for (const auto& u : f.units)
      if (u.counts.on_time == u.counts.expected) ++compliant;
    body(d, f.form.name + ": " + ratio(c.on_time, c.expected, c.timeliness()) +
                " báo cáo gửi đúng hạn, " + ratio(c.submitted, c.expected, c.completeness()) +
                " báo cáo đã gửi; " + std::to_string(compliant) + "/" +
                std::to_string(f.units.size()) + " đơn vị gửi đầy đủ, đúng hạn tất cả các kỳ.");
    if (compliant == static_cast<int>(f.units.size())) continue;
    body(d, late_group(f.form) + " chưa chấp hành nghiêm chế độ thông tin, báo cáo:");
    for (const auto& u : f.units) {
      if (u.counts.on_time == u.counts.expected) continue;
      bullet(d, u.unit.name + ": đúng hạn " + std::to_string(u.counts.on_time) + "/" +
                    std::to_string(u.counts.expected) + " kỳ, gửi chậm " +
                    std::to_string(u.counts.late) + ", chưa gửi " +
                    std::to_string(u.counts.missing) + ".");
    }
  }
}

}  // namespace

std::string month_review_title(int year, int month) {
  if (month == 12)
    return "Báo cáo đánh giá công tác tháng 12/" + std::to_string(year) +
           ", triển khai công tác tháng 1/" + std::to_string(year + 1);
  return "Báo cáo đánh giá công tác tháng " + two_digits(month) + ", triển khai công tác tháng " +
         std::to_string(month + 1) + "/" + std::to_string(year);
}

std::string year_review_title(int year) {
  return "Báo cáo tổng kết công tác năm " + std::to_string(year) + ", triển khai nhiệm vụ năm " +
         std::to_string(year + 1);
}

DraftReport draft_month_report(const MonthReview& r, Date dated) {
  DraftReport d = header(dated);
  d.title = month_review_title(r.year, r.month);
  std::string month = "tháng " + two_digits(r.month) + "/" + std::to_string(r.year);
  int ny = r.month == 12 ? r.year + 1 : r.year;
  int nm = r.month == 12 ? 1 : r.month + 1;

  heading(d, "I. KẾT QUẢ CÔNG TÁC THÁNG " + two_digits(r.month) + "/" + std::to_string(r.year));
  subheading(d, "1. Tình hình phát triển kinh tế tập thể, hợp tác xã");
  std::string cap = "Tháng " + two_digits(r.month);
  registry_paragraphs(d, r.registry, cap);

  subheading(d, "2. Công tác lãnh đạo, chỉ đạo và kết quả thực hiện nhiệm vụ");
  for (const auto& doc : r.documents)
    body(d, std::string(vietnamese_name(doc.kind)) + " số " + doc.number_symbol() + " ngày " +
                doc.issued_on.vietnamese() + (doc.title.empty() ? "" : ": " + doc.title) + ".");
  int done = static_cast<int>(r.done_on_time.size() + r.done_late.size());
  body(d, "Trong " + month + ", các ban, đơn vị trực thuộc hoàn thành " + std::to_string(done) +
              " đầu việc, trong đó " + std::to_string(r.done_on_time.size()) +
              " đầu việc hoàn thành đúng tiến độ, " + std::to_string(r.done_late.size()) +
              " đầu việc hoàn thành chậm so với thời hạn.");
  for (const auto& it : r.done_on_time)
    bullet(d, it.task.title + unit_part(it) + ": hoàn thành ngày " +
                  it.task.completed_on->vietnamese() + ", đúng tiến độ.");
  for (const auto& it : r.done_late)
    bullet(d, it.task.title + unit_part(it) + ": hoàn thành ngày " +
                  it.task.completed_on->vietnamese() + ", chậm " + std::to_string(it.days_late) +
                  " ngày so với thời hạn " + it.task.due_on.vietnamese() + ".");

  subheading(d, "3. Các nhiệm vụ quá hạn chưa hoàn thành");
  if (r.overdue.empty()) body(d, "Không có nhiệm vụ quá hạn.");
  for (const auto& it : r.overdue)
    bullet(d, it.task.title + unit_part(it) + ": thời hạn " + it.task.due_on.vietnamese() +
                  ", quá hạn " + std::to_string(it.days_late) + " ngày.");

  subheading(d, "4. Khó khăn, vướng mắc đề nghị Thường trực tháo gỡ");
  if (r.blocked.empty()) body(d, "Không có vướng mắc phát sinh.");
  for (const auto& it : r.blocked)
    for (const auto& b : it.blockers)
      bullet(d, it.task.title + unit_part(it) + ": " + b.text + " (từ ngày " + b.on.vietnamese() +
                    ").");

  subheading(d, "5. Các công việc còn dở dang từ các năm trước");
  if (r.carried_over.empty()) body(d, "Không có công việc tồn đọng từ các năm trước.");
  for (const auto& it : r.carried_over)
    bullet(d, it.task.title + unit_part(it) + ": còn dở dang từ năm " +
                  std::to_string(*it.carried_from) + ".");

  if (r.has_report_forms) {
    subheading(d, "6. Chế độ thông tin, báo cáo");
    reporting_paragraphs(d, r);
  }

  heading(d, "II. NHIỆM VỤ TRỌNG TÂM THÁNG " + std::to_string(nm) + "/" + std::to_string(ny));
  body(d,
       "Căn cứ các Nghị quyết, Thông báo Kết luận của Đảng đoàn, Thường trực, các ban, đơn vị "
       "tập trung triển khai các công việc sau:");
  for (const auto& it : r.next_key_tasks)
    bullet(d, it.task.title + unit_part(it) + "; thời hạn " + it.task.due_on.vietnamese() + ".");
  std::set<int> years;
  for (const auto& it : r.carried_over) years.insert(*it.carried_from);
  for (int y : years)
    bullet(d,
           "Triển khai đúng thời hạn các công việc còn dở dang từ năm " + std::to_string(y) + ".");
  return d;
}

DraftReport draft_year_report(const YearReview& r, Date dated) {
  DraftReport d = header(dated);
  d.title = year_review_title(r.year);
  std::string year = std::to_string(r.year);
  heading(d, "I. KẾT QUẢ CÔNG TÁC NĂM " + year);
  subheading(d, "1. Tình hình phát triển kinh tế tập thể, hợp tác xã");
  registry_paragraphs(d, r.registry, "Năm " + year);
  subheading(d, "2. Kết quả thực hiện chương trình công tác");
  body(d, "Các ban, đơn vị: " + std::to_string(r.key_done_on_time) +
              " đầu việc lớn hoàn thành đúng tiến độ; " + std::to_string(r.key_done_late) +
              " đầu việc lớn hoàn thành chậm tiến độ. Tổng số đầu việc hoàn thành trong năm: " +
              std::to_string(r.done_on_time + r.done_late) + " (đúng tiến độ " +
              std::to_string(r.done_on_time) + ", chậm " + std::to_string(r.done_late) +
              "); ban hành " + std::to_string(r.documents_issued) + " văn bản.");
  for (const auto& u : r.units)
    bullet(d, u.unit + ": " + std::to_string(u.key_on_time) +
                  " đầu việc lớn hoàn thành đúng tiến độ, " + std::to_string(u.key_late) +
                  " chậm tiến độ, " + std::to_string(u.unfinished) + " chưa hoàn thành.");
  subheading(d, "3. Các công việc chưa hoàn thành, chuyển sang năm " + std::to_string(r.year + 1));
  if (r.unfinished.empty()) body(d, "Không có công việc chưa hoàn thành.");
  for (const auto& it : r.unfinished) {
    std::string s = it.task.title + unit_part(it) + ": thời hạn " + it.task.due_on.vietnamese();
    if (it.task.start_on.year() < r.year)
      s += ", còn dở dang từ năm " + std::to_string(it.task.start_on.year());
    bullet(d, s + ".");
  }
  if (!r.reporting.empty()) {
    subheading(d, "4. Chế độ thông tin, báo cáo");
    year_reporting_paragraphs(d, r);
  }
  return d;
}

std::string to_text(const DraftReport& d) {
  std::string out;
  for (const auto& l : d.issuer) out += l + "\n";
  out += d.number_symbol + "\n";
  out += "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n";
  out += d.place_date + "\n\n";
  out += d.title + "\n";
  if (!d.subtitle.empty()) out += d.subtitle + "\n";
  out += "\n";
  for (const auto& p : d.body) {
    if (p.style == P::Style::kHeading) out += "\n";
    out += p.text + "\n";
  }
  return out;
}

}  // namespace htx::work
