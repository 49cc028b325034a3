#include <midway/detail/io.hpp>

#include <midway/error.hpp>

#include <fstream>
#include <sstream>

namespace midway::detail {

std::string read_text_file(const std::filesystem::path& path, std::string_view what, std::string_view field) {
  std::error_code ec;
  std::ifstream in;
  if (std::filesystem::is_regular_file(path, ec)) in.open(path, std::ios::binary);
  if (!in.is_open() || !in) throw not_found_error("cannot open " + std::string(what) + " (missing, not a file, or unreadable)", std::string(field));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace midway::detail
