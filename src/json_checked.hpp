// src/json_checked.hpp: the one way midway parses JSON text (caseload and case JSON, policies,
// the C API's options, the GOV.UK feed). Private to the library and the C API.
//
// On top of nlohmann's parser (which is iterative), this refuses, with a midway::parse_error
// naming the JSON path and, inside a case, the case's id:
//   - nesting deeper than json_max_depth levels (docs/json.md), so that nothing recursive that
//     later walks the value (nlohmann's serializer, Python's json module) can exhaust the stack;
//   - a member name that appears twice in one object (nlohmann would keep the last silently).
// Too-deep values are never built: the document is read in one pass and its DOM holds at most
// json_max_depth levels even when the error is raised.
#pragma once

#include <midway/error.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace midway::detail {

// Arrays and objects nested deeper than this are refused ("$" itself is level 1).
inline constexpr std::size_t json_max_depth = 64;

template <class Json>
class checked_json_sax {
 public:
  using number_integer_t = typename Json::number_integer_t;
  using number_unsigned_t = typename Json::number_unsigned_t;
  using number_float_t = typename Json::number_float_t;
  using string_t = typename Json::string_t;
  using binary_t = typename Json::binary_t;

  explicit checked_json_sax(Json& root) : dom_(root, true) {}

  bool null() { return value([&] { return dom_.null(); }); }
  bool boolean(bool v) { return value([&] { return dom_.boolean(v); }); }
  bool number_integer(number_integer_t v) { return value([&] { return dom_.number_integer(v); }); }
  bool number_unsigned(number_unsigned_t v) { return value([&] { return dom_.number_unsigned(v); }); }
  bool number_float(number_float_t v, const string_t& s) { return value([&] { return dom_.number_float(v, s); }); }
  bool string(string_t& v) { return value([&] { return dom_.string(v); }); }
  bool binary(binary_t& v) { return value([&] { return dom_.binary(v); }); }

  bool start_object(std::size_t n) { return start(false, n); }
  bool start_array(std::size_t n) { return start(true, n); }
  bool end_object() { return end([&] { return dom_.end_object(); }); }
  bool end_array() { return end([&] { return dom_.end_array(); }); }

  bool key(string_t& k) {
    if (skip_) return true;
    level& top = levels_.back();
    top.key = k;
    if (!top.keys.insert(k).second) {
      note(problem::duplicate, "member '" + k.substr(0, 60) + "' appears twice in one object");
    }
    return dom_.key(k);
  }

  template <class Exception>
  bool parse_error(std::size_t pos, const std::string& token, const Exception& e) {
    return dom_.parse_error(pos, token, e);
  }

  // After a successful parse of `root`: throws the first problem found, if any.
  void check(const Json& root) const {
    if (problem_ == problem::none) return;
    std::string record_id;
    auto id_of = [](const Json& c) -> std::string {
      if (c.is_object()) {
        auto it = c.find("case_id");
        if (it != c.end() && it->is_string()) return it->template get<std::string>();
      }
      return {};
    };
    if (case_index_ && root.is_object()) {
      auto it = root.find("cases");
      if (it != root.end() && it->is_array() && *case_index_ < it->size()) record_id = id_of((*it)[*case_index_]);
    } else if (!case_index_) {
      record_id = id_of(root);
    }
    throw midway::parse_error(message_, path_, record_id);
  }

 private:
  enum class problem { none, depth, duplicate };
  struct level {
    bool array = false;
    std::size_t index = 0;
    string_t key;
    std::set<string_t> keys;
  };

  template <class F>
  bool value(F&& forward) {
    if (skip_) return true;
    const bool ok = forward();
    next();
    return ok;
  }

  bool start(bool array, std::size_t n) {
    if (skip_) {
      ++skip_;
      return true;
    }
    if (levels_.size() >= json_max_depth) {
      note(problem::depth, "JSON nested more than " + std::to_string(json_max_depth) + " levels deep");
      skip_ = 1;
      return dom_.null();  // a null in the refused value's place: the DOM stays well formed, and the read fails
    }
    levels_.push_back(level{.array = array, .index = 0, .key = {}, .keys = {}});
    return array ? dom_.start_array(n) : dom_.start_object(n);
  }

  template <class F>
  bool end(F&& forward) {
    if (skip_) {
      if (--skip_ == 0) next();
      return true;
    }
    levels_.pop_back();
    const bool ok = forward();
    next();
    return ok;
  }

  // A value of the innermost array or object is complete.
  void next() {
    if (!levels_.empty() && levels_.back().array) ++levels_.back().index;
  }

  void note(problem p, std::string message) {
    if (problem_ != problem::none) return;
    problem_ = p;
    message_ = std::move(message);
    path_ = "$";
    for (const level& l : levels_) path_ += l.array ? "[" + std::to_string(l.index) + "]" : "." + l.key.substr(0, 60);
    // Inside a case of a caseload ($.cases[i]...): the case's id names the record.
    if (levels_.size() >= 2 && !levels_[0].array && levels_[0].key == "cases" && levels_[1].array) {
      case_index_ = levels_[1].index;
    }
  }

  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  std::vector<level> levels_;
  std::size_t skip_ = 0;
  problem problem_ = problem::none;
  std::string message_, path_;
  std::optional<std::size_t> case_index_;
};

// Parses `text` with the checks above. nlohmann's own exceptions (malformed text) propagate.
template <class Json>
Json parse_checked(std::string_view text) {
  Json root;
  checked_json_sax<Json> sax(root);
  Json::sax_parse(text.begin(), text.end(), &sax);
  sax.check(root);
  return root;
}

}  // namespace midway::detail
