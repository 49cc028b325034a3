#include <midway/error.hpp>

#include <midway/detail/enum_table.hpp>

#include <utility>

namespace midway {

std::string_view to_string(error_code code) noexcept { return detail::name_of(detail::enum_traits<error_code>::table, code); }

error::error(error_code code, std::string message, std::string field, std::string record_id)
    : code_(code), message_(std::move(message)), field_(std::move(field)), record_id_(std::move(record_id)) {
  rebuild_what();
}

void throw_error(error_code code, std::string message, std::string field, std::string record_id) {
  switch (code) {
    case error_code::invalid_date: throw invalid_date_error(std::move(message), std::move(field), std::move(record_id));
    case error_code::out_of_range: throw out_of_range_error(std::move(message), std::move(field), std::move(record_id));
    case error_code::unknown_code: throw unknown_code_error(std::move(message), std::move(field), std::move(record_id));
    case error_code::parse_error: throw parse_error(std::move(message), std::move(field), std::move(record_id));
    case error_code::invalid_argument: throw invalid_argument_error(std::move(message), std::move(field), std::move(record_id));
    case error_code::rule_violation: throw rule_violation_error(std::move(message), std::move(field), std::move(record_id));
    case error_code::not_found: throw not_found_error(std::move(message), std::move(field), std::move(record_id));
  }
  throw error(code, std::move(message), std::move(field), std::move(record_id));
}

void error::prefix_field(std::string_view parent) {
  if (parent.empty()) return;
  if (field_.empty()) {
    field_ = std::string(parent);
  } else if (field_.front() == '[') {
    field_ = std::string(parent) + field_;
  } else {
    field_ = std::string(parent) + "." + field_;
  }
  rebuild_what();
}

void error::set_record_id(std::string_view id) {
  if (!record_id_.empty() || id.empty()) return;
  record_id_ = std::string(id);
  rebuild_what();
}

void error::rebuild_what() {
  what_ = message_;
  if (field_.empty() && record_id_.empty()) return;
  what_ += " (";
  if (!field_.empty()) what_ += "field '" + field_ + "'";
  if (!field_.empty() && !record_id_.empty()) what_ += ", ";
  if (!record_id_.empty()) what_ += "record '" + record_id_ + "'";
  what_ += ")";
}

}  // namespace midway
