// midway/detail/io.hpp: reading input files, one way everywhere.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace midway::detail {

// The whole file as bytes. Throws not_found_error naming `field` if `path` is missing, not a
// regular file, or unreadable; the message names `what` ("the caseload file").
std::string read_text_file(const std::filesystem::path& path, std::string_view what, std::string_view field = "path");

}  // namespace midway::detail
