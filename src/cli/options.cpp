#include "options.hpp"

#include <midway/detail/threads.hpp>

#include <algorithm>

namespace midway::cli {

const std::string* options::one(const std::string& key) const {
  auto it = values.find(key);
  return it == values.end() || it->second.empty() ? nullptr : &it->second.back();
}

options parse(const std::vector<std::string>& args, std::size_t from, const std::vector<std::string>& with_value,
              const std::vector<std::string>& flags) {
  options o;
  for (std::size_t i = from; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) {
      o.positional.push_back(a);
      continue;
    }
    std::string key = a.substr(2), value;
    const auto eq = key.find('=');
    if (eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    }
    if (eq == std::string::npos && std::find(flags.begin(), flags.end(), key) != flags.end()) {
      o.values[key];
      continue;
    }
    if (std::find(with_value.begin(), with_value.end(), key) == with_value.end()) throw usage_error("unknown option --" + key);
    if (eq == std::string::npos) {
      if (i + 1 >= args.size()) throw usage_error("option --" + key + " needs a value");
      value = args[++i];
    }
    o.values[key].push_back(value);
  }
  return o;
}

std::uint64_t whole_number(const std::string& text, const std::string& option, std::uint64_t max) {
  std::size_t used = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || text[0] == '-' || v > max) {
    throw usage_error("option --" + option + " needs a whole number 0.." + std::to_string(max) + ", not '" + text + "'");
  }
  return v;
}

unsigned thread_option(const options& o) {
  const std::string* text = o.one("threads");
  if (!text) return 1;
  return detail::thread_count(static_cast<unsigned>(whole_number(*text, "threads", 1024)));
}

}  // namespace midway::cli
