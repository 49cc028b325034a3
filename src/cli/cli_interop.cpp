// The data-return commands: import, timeliness, annex-a (docs/cli.md).
#include "command.hpp"
#include "workbook.hpp"

#include <midway/midway.hpp>
#include <midway/detail/threads.hpp>

#include <chrono>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>

namespace midway::cli {

namespace {

struct loaded {
  caseload cases;
  std::optional<date> reference_date;
};

// Reads a DfE return, telling the terminal (if any) what it is doing: a national return takes a while.
import_result read_return(const std::string& kind, const std::string& path, const import_options& options, std::ostream* progress) {
  const auto t0 = std::chrono::steady_clock::now();
  if (progress) *progress << "\rmidway: reading the " << (kind == "cin" ? "CIN census" : "SSDA903") << " return..." << std::flush;
  import_result r = kind == "cin" ? import_cin_census(path, options) : import_ssda903(std::filesystem::path(path), options);
  if (progress) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    char line[120];
    std::snprintf(line, sizeof line, "\rmidway: read %zu cases in %.1f s%20s\n", r.case_count(), seconds, "");
    *progress << line << std::flush;
  }
  return r;
}

// A return the reader could not parse to its end (malformed XML: the reader keeps what came before
// and reports the rest rejected) is unreadable input for the command line: it fails with status 3
// rather than write a caseload that silently lacks part of the return.
void refuse_unreadable(const import_result& r) {
  for (const import_finding& f : r.findings) {
    if (f.kind() == finding_kind::rejected && f.check() == "xml_malformed") {
      throw parse_error(f.file() + ":" + std::to_string(f.line()) + ": " + f.reason() + "; nothing written");
    }
  }
}

// SOURCE [PATH]: "ssda903 PATH", "cin PATH" or "CASELOAD.json".
loaded load_source(const invocation& inv, std::ostream* progress) {
  if (inv.source == "ssda903" || inv.source == "cin") {
    if (!inv.source_path) throw usage_error(inv.source + " needs the return's PATH");
    import_options options;
    if (inv.encoding) options.encoding = text_encoding_from_string(*inv.encoding, "--encoding");
    import_result r = read_return(inv.source, *inv.source_path, options, progress);
    refuse_unreadable(r);
    return loaded{.cases = r.to_caseload(), .reference_date = r.reference_date};
  }
  if (inv.source_path) throw usage_error("unexpected argument: " + *inv.source_path);
  return loaded{.cases = load_caseload(inv.source), .reference_date = std::nullopt};
}

}  // namespace

bool is_return_path(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path p(path);
  if (std::filesystem::is_directory(p, ec)) return true;
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".csv" || ext == ".xml";
}

import_result read_return_for_evaluate(const invocation& inv, const std::string& path, std::ostream* progress, std::ostream& report) {
  import_options options;
  options.threads = detail::thread_count(inv.threads.value_or(1));
  if (inv.encoding) options.encoding = text_encoding_from_string(*inv.encoding, "--encoding");
  std::string kind = "ssda903";
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec) && std::filesystem::path(path).extension() != ".csv") {
    // An XML file: the CIN census (root Message) or SSDA903 (root EXPSSDA903), by the first element.
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.find("<EXPSSDA903") == std::string::npos && head.find("<Message") != std::string::npos) kind = "cin";
  }
  import_result r = read_return(kind, path, options, progress);
  report << findings_report(r, 0);
  refuse_unreadable(r);
  return r;
}

int cmd_import(const invocation& inv, context& ctx) {
  import_options options;
  options.validator_rules = !inv.no_rules;
  options.threads = detail::thread_count(inv.threads.value_or(1));
  if (inv.encoding) options.encoding = text_encoding_from_string(*inv.encoding, "--encoding");
  const import_result r = read_return(inv.source, inv.source_path.value(), options, progress_stream(inv, ctx));
  if (inv.findings) {
    ctx.files.emplace_back(*inv.findings, findings_to_csv(r.findings));
    ctx.err << findings_report(r, 0);
  } else {
    ctx.err << findings_report(r);
  }
  refuse_unreadable(r);
  ctx.out << to_json(r.to_caseload()) << "\n";
  return exit_done;
}

int cmd_timeliness(const invocation& inv, context& ctx) {
  const loaded in = load_source(inv, progress_stream(inv, ctx));
  const calendar cal = make_calendar(inv);
  timeliness_options options;
  if (inv.anchor) options.anchor = icpc_anchor_from_string(*inv.anchor, "--anchor");
  const timeliness_report r = review_timeliness(in.cases, as_of_date(inv, in.reference_date), make_policy(inv), cal, options);
  if (inv.format.value_or("table") == "csv") ctx.out << to_csv(r);
  else ctx.out << to_table(r);
  return r.problems.empty() ? exit_done : exit_findings;
}

int cmd_annex_a(const invocation& inv, context& ctx) {
  const loaded in = load_source(inv, progress_stream(inv, ctx));
  const date as_of = as_of_date(inv, in.reference_date);
  annex_a_options options;
  if (inv.format == "xlsx") {
    if (!inv.out) throw usage_error("--format xlsx needs --out FILE.xlsx");
    std::vector<annex_a_sheet> sheets;
    if (inv.list != "8") sheets.push_back({"List 7", annex_a_list7_template_columns(), annex_a_list7_table(in.cases, as_of, options)});
    if (inv.list != "7") sheets.push_back({"List 8", annex_a_list8_template_columns(), annex_a_list8_table(in.cases, as_of, options)});
    ctx.out << annex_a_workbook(sheets, as_of);
    return exit_done;
  }
  if (inv.list == "all") throw usage_error("LIST all needs --format xlsx (one sheet per list)");
  const bool list7 = inv.list == "7";
  options.uk_dates = !inv.iso_dates;
  ctx.out << (list7 ? annex_a_list7(in.cases, as_of, options) : annex_a_list8(in.cases, as_of, options));
  return exit_done;
}

}  // namespace midway::cli
