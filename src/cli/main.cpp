#include "cli.hpp"

#include <iostream>

#include <unistd.h>

int main(int argc, char** argv) {
  // Progress bars only on a terminal: quiet when standard error is piped or redirected.
  std::ostream* progress = ::isatty(STDERR_FILENO) ? &std::cerr : nullptr;
  return midway::cli::run(std::vector<std::string>(argv, argv + argc), std::cout, std::cerr, progress);
}
