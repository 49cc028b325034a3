// Writing the command line's outputs without ever losing what was there (docs/cli.md, "Outputs").
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace midway::cli {

// An output could not be written; what() is one line naming the output and the system's reason
// ("cannot write 'out.json': No space left on device"). The command exits with status 4.
struct output_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Writes `bytes` to the file `path` atomically: into a new temporary file beside it (same
// directory, so the same file system), flushed to disk, then renamed over `path`. Readers see the
// old file or the new one, never a part; on any failure the temporary file is removed, `path` is
// left exactly as it was, and output_error is thrown. A new file gets mode 0666 less the umask; a
// file replaced keeps its mode. When `path` exists and is not a regular file (a terminal,
// /dev/null, a pipe) the bytes are written to it directly, since it cannot be replaced. A symbolic
// link is followed: the file it points to is replaced and the link kept.
// Example: write_atomically("keep.json", json);
void write_atomically(const std::string& path, std::string_view bytes);

// Writes `bytes` to `out` and flushes it; output_error naming `what` ("standard output") if the
// stream fails (a full disk, a closed pipe).
void write_stream(std::ostream& out, std::string_view bytes, std::string_view what);

}  // namespace midway::cli
