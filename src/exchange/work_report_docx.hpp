// The work programme's draft report (work::DraftReport: the monthly review, the annual summary)
// laid out as a .docx after Decree 30/2020/NĐ-CP on administrative documents: A4, margins
// 20/20/30/15 mm, Times New Roman 14 pt (13 pt header block), the header block as a borderless
// two-column table (issuer and number on the left, the national title, motto and place-date on
// the right), the title and subtitle centred, the body justified with a first-line indent, the
// recipients bottom-left and the signature bottom-right, page numbers from the second page.
#pragma once

#include <string>
#include <vector>

#include "exchange/docx_writer.hpp"
#include "work/review.hpp"

namespace htx::exchange {

struct ReportDocxOptions {
  // "Nơi nhận:" lines; empty: the defaults for the issuing unit ("- Lưu: VT, VP." ...).
  std::vector<std::string> recipients;
  std::string signer_title;  // "CHÁNH VĂN PHÒNG"; empty: derived from the issuing unit
  std::string signer_name;   // may stay empty in a draft
  std::string created;       // docProps created/modified, W3CDTF; empty: left out
};

DocxDocument report_docx(const work::DraftReport& report, const ReportDocxOptions& options = {});

// Upper case of Vietnamese text (ASCII, Latin-1, Latin Extended-A/B letters of Vietnamese and
// the Latin Extended Additional block): "Báo cáo" -> "BÁO CÁO".
std::string vietnamese_upper(const std::string& text);

}  // namespace htx::exchange
