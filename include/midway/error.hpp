// midway/error.hpp: the library's error taxonomy.
//
// Every error midway raises is a `midway::error` carrying
//   - a code (one per subclass below; see docs/errors.md),
//   - a plain message saying what is wrong,
//   - the field path of the offending value ("closures[2]", "$.cases[3].events[7].date"),
//   - the id of the record it belongs to ("CP-1"), when there is one.
// Messages name ids and field paths, never a child's name or date of birth.
//
// Python receives each subclass as a subclass of `midway.Error` that also derives
// from `ValueError` or `KeyError` (docs/errors.md lists which).
#pragma once

#include <midway/detail/enum_traits.hpp>

#include <exception>
#include <string>
#include <string_view>

namespace midway {

enum class error_code {
  invalid_date,      // not a calendar date: 2026-02-30, "26/02/2026" where ISO is required
  out_of_range,      // a valid value outside what is supported (years before 1978, a score of 11)
  unknown_code,      // a string or code that names nothing known ("wales" as a division)
  parse_error,       // malformed input text: JSON, XML, CSV
  invalid_argument,  // an argument that breaks a documented precondition (mismatched array shapes)
  rule_violation,    // a domain rule is broken (a review conference without an initial conference)
  not_found,         // a lookup by id or key that finds nothing
};

// The one table of error codes: the names here are `error::code()`'s text, the `code` of the
// Python error, and (CamelCase, with "Error" once at the end) the Python class:
// invalid_date -> InvalidDateError, parse_error -> ParseError (bindings/python/register_errors.cpp).
MIDWAY_ENUM_TRAITS_DESCRIBED(error_code, 7, "ErrorCode", "error code", "What kind of error midway raised.",
                             {error_code::invalid_date, "invalid_date"},
                             {error_code::out_of_range, "out_of_range"},
                             {error_code::unknown_code, "unknown_code"},
                             {error_code::parse_error, "parse_error"},
                             {error_code::invalid_argument, "invalid_argument"},
                             {error_code::rule_violation, "rule_violation"},
                             {error_code::not_found, "not_found"});

// "invalid_date", "out_of_range", ...
std::string_view to_string(error_code code) noexcept;

class error : public std::exception {
 public:
  error(error_code code, std::string message, std::string field = {}, std::string record_id = {});

  error_code code() const noexcept { return code_; }
  // What is wrong, without the location.
  const std::string& message() const noexcept { return message_; }
  // Path of the offending field or argument; empty when the error is about the whole input.
  const std::string& field() const noexcept { return field_; }
  // Id of the record (case, event, row) the field belongs to; empty when there is none.
  const std::string& record_id() const noexcept { return record_id_; }

  // "<message> (field 'closures[2]', record 'CP-1')".
  const char* what() const noexcept override { return what_.c_str(); }

  // Re-targets an error raised deep inside a parser at the caller's path, e.g.
  //   catch (midway::error& e) { e.prefix_field("events[3]"); throw; }
  // turns field "date" into "events[3].date" ("[2]" is joined without a dot).
  void prefix_field(std::string_view parent);
  // Sets the record id if none is set yet.
  void set_record_id(std::string_view id);

 private:
  void rebuild_what();

  error_code code_;
  std::string message_;
  std::string field_;
  std::string record_id_;
  std::string what_;
};

#define MIDWAY_DEFINE_ERROR(name, code_value)                                                      \
  class name : public error {                                                                      \
   public:                                                                                         \
    explicit name(std::string message, std::string field = {}, std::string record_id = {})         \
        : error(error_code::code_value, std::move(message), std::move(field), std::move(record_id)) {} \
  }

MIDWAY_DEFINE_ERROR(invalid_date_error, invalid_date);
MIDWAY_DEFINE_ERROR(out_of_range_error, out_of_range);
MIDWAY_DEFINE_ERROR(unknown_code_error, unknown_code);
MIDWAY_DEFINE_ERROR(parse_error, parse_error);
MIDWAY_DEFINE_ERROR(invalid_argument_error, invalid_argument);
MIDWAY_DEFINE_ERROR(rule_violation_error, rule_violation);
MIDWAY_DEFINE_ERROR(not_found_error, not_found);

#undef MIDWAY_DEFINE_ERROR

// Throws the subclass of `error` that goes with `code` (invalid_date_error for
// error_code::invalid_date, ...): for re-targeting an error at another path without losing its type.
[[noreturn]] void throw_error(error_code code, std::string message, std::string field = {}, std::string record_id = {});

}  // namespace midway
