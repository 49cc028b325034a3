// Ofsted Annex A lists as an Excel workbook, built with libxlsxwriter: `midway annex-a --format xlsx`.
#pragma once

#include <midway/midway.hpp>

#include <string>
#include <vector>

namespace midway::cli {

// One sheet: its name ("List 7"), the template's column headings in order, and the list midway filled.
struct annex_a_sheet {
  std::string name;
  std::vector<std::string> template_columns;
  annex_a_table table;
};

// The .xlsx file's bytes: one worksheet per sheet, laid out as Ofsted's Annex A template: every
// template heading in row 1 (bold, wrapped, frozen), and one row per case with midway's values under
// the headings it fills and the other columns left blank for the case system. Dates are Excel dates
// (serial numbers) shown dd/mm/yyyy; counts are numbers; text is text. The document's title names
// the as-of date and its creation time is that date at 00:00 UTC, so the same lists give the same bytes. Throws output_error if
// libxlsxwriter cannot write the file (into the system's temporary directory first).
// Throws invalid_argument_error if a list has a column the template does not have.
std::string annex_a_workbook(const std::vector<annex_a_sheet>& sheets, date as_of);

}  // namespace midway::cli
