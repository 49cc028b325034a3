// midway/json.hpp: JSON in and out for cases, caseloads, policies and schedules.
//
// The schema is documented in docs/json.md. Every document carries "schema" and "version";
// this release writes and reads version 1. Members a case system adds that midway does not
// know are kept, verbatim, in each record's `extra` and written back, so a load followed by a
// save loses nothing.
//
// Errors name the JSON path of the fault ("$.cases[3].events[7].date") and the case id:
//   parse_error          malformed JSON, a missing member, a wrong type, an unsupported version
//   invalid_date_error   an impossible date ("2026-02-30")
//   unknown_code_error   an unknown enum string ("kind": "CIN")
//   rule_violation_error an event breaking a case rule (child_case::record)
// A failed load returns nothing: no partial caseload.
#pragma once

#include <midway/case.hpp>
#include <midway/caseload.hpp>
#include <midway/policy.hpp>
#include <midway/schedule.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace midway {

inline constexpr int json_schema_version = 1;


// `text` (one JSON value) in the compact spelling midway keeps extension values in, so that
// values set through an API and values read from a file compare equal. Throws parse_error.
std::string canonical_json(std::string_view text);

// A case as a JSON object (schema "midway.case"). An extension member named like a member
// midway writes is refused (invalid_argument_error naming "...extra['<name>']").
std::string to_json(const child_case& c, int indent = 2);
child_case case_from_json(std::string_view text);

// A caseload (schema "midway.caseload": {"schema", "version", "cases": [...]}).
std::string to_json(const caseload& cl, int indent = 2);
caseload caseload_from_json(std::string_view text);
// Throws not_found_error naming "path" if the file cannot be read.
caseload load_caseload(const std::filesystem::path& path);

// A policy as JSON: every field. policy_from_json reads {"preset": "england", <field>: ...}:
// the preset (default england) with the fields given overriding it. Unknown members are an
// error here (a misspelt setting must not be ignored).
std::string to_json(const policy& p, int indent = 2);
policy policy_from_json(std::string_view text);

// A schedule as JSON (schema "midway.schedule"), for case systems to read.
std::string to_json(const case_schedule& s, int indent = 2);

}  // namespace midway
