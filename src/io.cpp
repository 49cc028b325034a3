#include <midway/detail/io.hpp>

#include <midway/error.hpp>

#include <fstream>

namespace midway::detail {

std::string read_text_file(const std::filesystem::path& path, std::string_view what, std::string_view field) {
  std::error_code ec;
  std::ifstream in;
  if (std::filesystem::is_regular_file(path, ec)) in.open(path, std::ios::binary);
  if (!in.is_open() || !in) throw not_found_error("cannot open " + std::string(what) + " (missing, not a file, or unreadable)", std::string(field));
  // One allocation of the file's size, then one read; a file that grows meanwhile is read to its end.
  std::string text;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) {
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.gcount() < static_cast<std::streamsize>(size)) return text;  // the file shrank
  }
  in.clear();
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw not_found_error("cannot read " + std::string(what) + " (an I/O error)", std::string(field));
  return text;
}

}  // namespace midway::detail
