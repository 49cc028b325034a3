// The command line's option parsing, shared by every `midway` command.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace midway::cli {

// A usage mistake: the command prints it with the usage text and exits with status 2.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct options {
  std::map<std::string, std::vector<std::string>> values;  // --key value (or --key=value), repeatable
  std::vector<std::string> positional;
  // The last value of --key, or nullptr.
  const std::string* one(const std::string& key) const;
  // Whether the flag --key was given.
  bool flag(const std::string& key) const { return values.count(key) != 0; }
};

// Parses args[from...]: `with_value` options take a value (`--key value` or `--key=value`),
// `flags` take none. Throws usage_error for an unknown option or a missing value.
options parse(const std::vector<std::string>& args, std::size_t from, const std::vector<std::string>& with_value,
              const std::vector<std::string>& flags = {});

// The value of --option as a whole number 0..max; throws usage_error saying so otherwise.
std::uint64_t whole_number(const std::string& text, const std::string& option, std::uint64_t max);

// --threads N (0: every hardware thread); 1 when absent.
unsigned thread_option(const options& o);

}  // namespace midway::cli
