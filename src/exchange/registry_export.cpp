#include "exchange/registry_export.hpp"

#include <filesystem>

#include "core/csv.hpp"
#include "exchange/xlsx.hpp"

namespace htx::exchange {

ExportFormat format_for_path(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".xlsx" ? ExportFormat::kXlsx : ExportFormat::kCsv;
}

std::vector<std::string> RegistryExporter::header() const {
  std::vector<std::string> h;
  for (auto& c : columns_.all()) h.push_back(c.header(catalog_.lang()));
  return h;
}

std::vector<std::string> RegistryExporter::cells(const registry::Entity& e) const {
  std::vector<std::string> out;
  auto yes_no = [&](bool b) { return catalog_.text(b ? "value.yes" : "value.no"); };
  for (auto& c : columns_.all()) {
    switch (c.field) {
      case Field::kCode:
        out.push_back(e.code);
        break;
      case Field::kName:
        out.push_back(e.name);
        break;
      case Field::kType:
        out.emplace_back(registry::to_code(e.type));
        break;
      case Field::kSector: {
        auto* s = sectors_.by_id(e.sector_id);
        out.push_back(s ? (catalog_.lang() == i18n::Lang::kEn ? s->name_en : s->name)
                        : e.sector_id);
        break;
      }
      case Field::kProvince: {
        auto* p = geo_.province(e.province_id);
        out.push_back(p ? p->name : e.province_id);
        break;
      }
      case Field::kAddress:
        out.push_back(e.address);
        break;
      case Field::kFoundedOn:
        out.push_back(e.founded_on.vietnamese());
        break;
      case Field::kDissolvedOn:
        out.push_back(e.dissolved_on ? e.dissolved_on->vietnamese() : "");
        break;
      case Field::kStatus:
        out.push_back(catalog_.text("status." + std::string(registry::to_code(e.status))));
        break;
      case Field::kMembers:
      case Field::kEmployees:
      case Field::kCharterCapital:
      case Field::kRevenue:
        out.push_back(std::to_string(e.*number_field(c.field)));
        break;
      case Field::kNewType:
        out.push_back(yes_no(e.new_type));
        break;
      case Field::kOcopProducts:
        out.push_back(e.ocop_products);
        break;
      case Field::kAllianceMember:
        out.push_back(yes_no(e.alliance_member));
        break;
    }
  }
  return out;
}

std::size_t RegistryExporter::write_csv(std::ostream& out) {
  out << "\xEF\xBB\xBF";  // so that Excel reads UTF-8
  csv::write_record(out, header(), true);
  std::size_t n = 0;
  repo_.for_each([&](const registry::Entity& e) {
    csv::write_record(out, cells(e), true);
    ++n;
  });
  return n;
}

std::size_t RegistryExporter::write_xlsx(const std::string& path, Date created) {
  XlsxWriter w(path, static_cast<std::time_t>(created.days()) * 86400);
  std::vector<double> widths;
  for (auto& c : columns_.all()) {
    switch (c.field) {
      case Field::kName:
      case Field::kAddress:
        widths.push_back(40);
        break;
      case Field::kSector:
      case Field::kOcopProducts:
        widths.push_back(28);
        break;
      default:
        widths.push_back(16);
    }
  }
  w.add_sheet(catalog_.text("export.sheet_registry"), header(), widths);
  std::size_t n = 0;
  repo_.for_each([&](const registry::Entity& e) {
    auto text = cells(e);
    std::vector<XlsxCell> row;
    std::size_t i = 0;
    for (auto& c : columns_.all()) {
      const std::string& t = text[i++];
      if (auto number = number_field(c.field)) {
        row.push_back(XlsxCell::of_integer(e.*number));
        continue;
      }
      switch (c.field) {
        case Field::kFoundedOn:
          row.push_back(XlsxCell::of_date(e.founded_on));
          break;
        case Field::kDissolvedOn:
          row.push_back(e.dissolved_on ? XlsxCell::of_date(*e.dissolved_on) : XlsxCell::empty());
          break;
        default:
          row.push_back(t.empty() ? XlsxCell::empty() : XlsxCell::of_text(t));
      }
    }
    w.write_row(row);
    ++n;
  });
  w.close();
  return n;
}

}  // namespace htx::exchange
