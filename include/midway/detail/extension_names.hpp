// midway/detail/extension_names.hpp: extension members (a record's `extra`) may not take the
// name of a member the record's field table writes, or a JSON write would have two members of
// one name. Walks nested records, lists and optionals.
#pragma once

#include <midway/detail/fields.hpp>
#include <midway/error.hpp>
#include <midway/plan.hpp>

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace midway::detail {

template <class T>
void check_extension_names(const T& x, const std::string& path, const std::string& record_id);

template <class T>
void check_extension_names_of(const T& x, const std::string& path, const std::string& record_id) {
  if constexpr (requires { T::fields(); }) {
    check_extension_names(x, path, record_id);
  } else if constexpr (requires { typename T::value_type; x.has_value(); }) {
    if (x) check_extension_names_of(*x, path, record_id);
  } else if constexpr (requires { typename T::value_type; x.size(); x[0]; } && !std::is_same_v<T, std::string>) {
    for (std::size_t i = 0; i < x.size(); ++i) check_extension_names_of(x[i], path + "[" + std::to_string(i) + "]", record_id);
  }
}

// Throws invalid_argument_error naming "<path>.extra['<name>']" and `record_id`.
template <class T>
void check_extension_names(const T& x, const std::string& path, const std::string& record_id) {
  const std::string prefix = path.empty() ? "" : path + ".";
  for_each_field<T>([&](const auto& f) {
    using M = typename std::decay_t<decltype(f)>::member_type;
    if constexpr (std::is_same_v<M, extensions>) {
      for (const auto& member : x.*(f.member)) {
        const std::string& name = member.first;  // not a structured binding: clang 14 cannot capture one
        bool known = false;
        for_each_field<T>([&](const auto& g) { known = known || g.name == name; });
        if (known) {
          throw invalid_argument_error("extension member '" + name.substr(0, 60) + "' has the name of a member midway writes",
                                       prefix + std::string(f.name) + "['" + name.substr(0, 60) + "']", record_id);
        }
      }
    } else {
      check_extension_names_of(x.*(f.member), prefix + std::string(f.name), record_id);
    }
  });
}

}  // namespace midway::detail
