#include "workbook.hpp"
#include "output.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include <unistd.h>

namespace midway::cli {

namespace {

// A temporary file path, removed when this goes out of scope.
struct scratch_file {
  std::string path;
  scratch_file() {
    path = (std::filesystem::temp_directory_path() / "midway-workbook-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) throw output_error("cannot make a temporary file for the workbook");
    ::close(fd);
  }
  ~scratch_file() { std::remove(path.c_str()); }
  scratch_file(const scratch_file&) = delete;
  scratch_file& operator=(const scratch_file&) = delete;
};

void check(lxw_error e) {
  if (e != LXW_NO_ERROR) throw output_error(std::string("cannot write the workbook: ") + lxw_strerror(e));
}

}  // namespace

std::string annex_a_workbook(const std::vector<annex_a_sheet>& sheets, date as_of) {
  // Where each of midway's columns goes in the template, checked before anything is written.
  std::vector<std::vector<std::size_t>> positions;
  for (const annex_a_sheet& s : sheets) {
    std::vector<std::size_t> at;
    for (const std::string& column : s.table.columns) {
      const auto it = std::find(s.template_columns.begin(), s.template_columns.end(), column);
      if (it == s.template_columns.end()) throw invalid_argument_error("the column is not in the template: " + column, s.name);
      at.push_back(static_cast<std::size_t>(it - s.template_columns.begin()));
    }
    positions.push_back(std::move(at));
  }

  scratch_file file;
  lxw_workbook* book = workbook_new(file.path.c_str());
  if (book == nullptr) throw output_error("cannot write the workbook: libxlsxwriter could not start it");
  struct closer {
    lxw_workbook* book;
    ~closer() {
      if (book) workbook_close(book);
    }
  } guard{book};

  // libxlsxwriter takes non-const strings but only reads them.
  std::string title = "Ofsted Annex A lists as of " + as_of.to_iso();
  std::string comments = "Written by midway: the columns midway fills; the others are left to the case system.";
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.comments = comments.data();
  std::tm midnight{};
  midnight.tm_year = as_of.year() - 1900;
  midnight.tm_mon = static_cast<int>(as_of.month()) - 1;
  midnight.tm_mday = static_cast<int>(as_of.day());
  properties.created = ::timegm(&midnight);
  check(workbook_set_properties(book, &properties));

  lxw_format* heading = workbook_add_format(book);
  format_set_bold(heading);
  format_set_text_wrap(heading);
  format_set_align(heading, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* day = workbook_add_format(book);
  format_set_num_format(day, "dd/mm/yyyy");

  for (std::size_t k = 0; k < sheets.size(); ++k) {
    const annex_a_sheet& s = sheets[k];
    lxw_worksheet* sheet = workbook_add_worksheet(book, s.name.c_str());
    if (sheet == nullptr) throw output_error("cannot write the workbook: bad sheet name '" + s.name + "'");
    const auto last = static_cast<lxw_col_t>(s.template_columns.empty() ? 0 : s.template_columns.size() - 1);
    check(worksheet_set_column(sheet, 0, last, 18, nullptr));
    check(worksheet_set_row(sheet, 0, 60, nullptr));
    worksheet_freeze_panes(sheet, 1, 0);
    for (std::size_t c = 0; c < s.template_columns.size(); ++c) {
      check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), s.template_columns[c].c_str(), heading));
    }
    for (std::size_t r = 0; r < s.table.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      const auto& cells = s.table.rows[r];
      for (std::size_t c = 0; c < cells.size() && c < positions[k].size(); ++c) {
        const auto col = static_cast<lxw_col_t>(positions[k][c]);
        if (const auto* text = std::get_if<std::string>(&cells[c])) {
          check(worksheet_write_string(sheet, row, col, text->c_str(), nullptr));
        } else if (const auto* d = std::get_if<date>(&cells[c])) {
          lxw_datetime when{.year = d->year(), .month = static_cast<int>(d->month()), .day = static_cast<int>(d->day()),
                            .hour = 0, .min = 0, .sec = 0};
          check(worksheet_write_datetime(sheet, row, col, &when, day));
        } else if (const auto* n = std::get_if<std::int64_t>(&cells[c])) {
          check(worksheet_write_number(sheet, row, col, static_cast<double>(*n), nullptr));
        }
      }
    }
  }
  guard.book = nullptr;
  check(workbook_close(book));

  std::ifstream in(file.path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw output_error("cannot read back the workbook");
  return bytes;
}

}  // namespace midway::cli
