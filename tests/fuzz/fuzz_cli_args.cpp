// libFuzzer target: the command line's argument parsing. The input is split at NUL bytes into
// arguments after "midway" and run through midway::cli::run with string streams. Invariants:
// run() never throws and returns one of the documented statuses (0-4); a usage error (2) writes
// nothing to standard output. Options that write files (--out, --findings) or start large jobs
// (--synthetic, --threads) are skipped, so the fuzzer only reads: the files it can name are
// read, never written. Run from a scratch directory (scripts/dev.sh fuzz does).
#include "fuzz_check.hpp"
#include "cli.hpp"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>


extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  std::vector<std::string> args{"midway"};
  std::string_view text(reinterpret_cast<const char*>(data), size);
  while (!text.empty() && args.size() < 24) {
    const auto nul = text.find('\0');
    args.emplace_back(text.substr(0, nul));
    if (nul == std::string_view::npos) break;
    text.remove_prefix(nul + 1);
  }
  for (const auto& a : args) {
    for (std::string_view skip : {"--out", "--findings", "--synthetic", "--threads", "-o"}) {
      if (std::string_view(a).starts_with(skip)) return 0;
    }
    // CLI11 accepts unique prefixes of long options: refuse those of the skipped ones, too.
    if (a.size() > 2 && a.starts_with("--") && (std::string_view("--out").starts_with(a) || std::string_view("--findings").starts_with(a) ||
                                                 std::string_view("--synthetic").starts_with(a) || std::string_view("--threads").starts_with(a))) {
      return 0;
    }
  }
  std::ostringstream out, err;
  const int status = midway::cli::run(args, out, err);
  FUZZ_CHECK(status >= 0 && status <= 4);
  if (status == 2) FUZZ_CHECK(out.str().empty());
  return 0;
}
