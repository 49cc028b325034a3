// midway/drift.hpp: drift and delay in a case (seed 002: "any drift and delay will be
// identified and highlighted to the TM"), escalation lists for team managers, and the caseload
// drift report.
//
// Rules are data (drift_rules()): each has an id, a severity and a plain-English title; the
// thresholds are policy fields (policy.hpp, "drift and delay"). A finding names its rule, the
// case, the events behind it and one line of explanation. Findings are stable: the id is built
// from the rule, the case and the record or event the finding is about, and `first_raised` is
// the first day the condition held, so the same finding has the same id and first-raised
// date whenever it is computed, until its cause is put right.
//
// Rules (docs/drift.md gives each with its boundary):
//   overdue_review          the next ICPC, RCPC or LAC review is overdue          high
//   overdue_midway_review   the midway review is overdue                          medium
//   overdue_visit           the next statutory visit is overdue                   high
//   overdue_core_group      the next core group is overdue                        medium
//   visit_gap               a past gap between visits (child seen) beyond policy  medium
//   core_group_gap          a past gap between core groups beyond policy          medium
//   recommendation_overdue  an open recommendation past its due date (+ grace)    medium (urgent: high)
//   no_plan_update          no plan update within plan_update_after_meeting of the
//                           last conference or core group                         medium
//   no_management_oversight no management oversight within management_oversight_interval  medium
//   risk_not_responded      a missing episode or CSE concern with no strategy discussion
//                           or s.47 within risk_response_within                   high
//   plan_open_18_months     a CP plan open plan_open_warning or longer            medium
//   plan_open_2_years       a CP plan open plan_open_alert or longer              high
//   repeated_rescheduling   a midway review rescheduled reschedule_limit times or more  low
//   midway_date_not_set     a 6-monthly review recorded neither a midway date nor a
//                           "not required" decision (seed 000: set at each review and
//                           recorded on the Chair's Report)                      low
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/calendar.hpp>
#include <midway/case.hpp>
#include <midway/caseload.hpp>
#include <midway/policy.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace midway {

enum class severity { low, medium, high };
MIDWAY_ENUM_TRAITS_DESCRIBED(severity, 3, "Severity", "severity", "How serious a drift finding is.",
                   {severity::low, "low"},
                   {severity::medium, "medium"},
                   {severity::high, "high"});
std::string_view to_string(severity s) noexcept;  // "low", "medium", "high"
severity severity_from_string(std::string_view text, std::string_view field = "severity");

// The rules, in the order above (drift_rules()[static_cast<std::size_t>(r)] is rule r).
enum class drift_rule_id : std::uint8_t {
  overdue_review, overdue_midway_review, overdue_visit, overdue_core_group, visit_gap, core_group_gap,
  recommendation_overdue, no_plan_update, no_management_oversight, risk_not_responded, plan_open_18_months,
  plan_open_2_years, repeated_rescheduling, midway_date_not_set,
};
inline constexpr std::size_t drift_rule_count = 14;

struct drift_rule {
  drift_rule_id rule;
  std::string_view id;
  midway::severity severity;
  std::string_view title;  // "Visit gap beyond policy"
};
// Every rule, in the order above.
std::span<const drift_rule> drift_rules() noexcept;
// The rule with `id`; throws unknown_code_error naming `field`.
const drift_rule& drift_rule_of(std::string_view id, std::string_view field = "rule");
const drift_rule& drift_rule_of(drift_rule_id rule) noexcept;
std::string_view to_string(drift_rule_id rule) noexcept;  // "overdue_review", ...

struct finding {
  std::string id;                  // "CP-3/visit_gap/e12": case / rule / what it is about
  std::string rule;
  midway::severity severity;
  midway::case_id case_id;
  midway::date first_raised;       // the first day the condition held
  std::vector<event_id> events;    // the events behind it (empty for a recommendation)
  std::string explanation;         // "visit gap 2026-03-02 to 2026-03-20: 14 working days, ..."
  friend bool operator==(const finding&, const finding&) = default;
};

// The findings for `c` as of `as_of`, in rule order, then by first_raised. Nothing for an ended
// plan or a child no longer looked after, except plan duration (which reports on the plan that
// ended only while it was open). Throws as schedule() does.
std::vector<finding> drift(const child_case& c, date as_of, const policy& pol, const calendar& cal);

// An escalation to the team manager recorded on the case (an escalation_to_tm event): when,
// by whom, to whom and why (the CPA's or the Chair's/IRO's contact with the TM).
struct tm_escalation {
  event_id event;
  midway::date on;
  std::string raised_by;     // person id, or empty
  std::string team_manager;  // person id, or empty
  std::string reason;
  friend bool operator==(const tm_escalation&, const tm_escalation&) = default;
};

// One case's findings for its team manager, and the escalations recorded since the latest
// review or conference (a case with escalations and no findings is listed too).
struct escalation_case {
  midway::case_id case_id;
  std::string social_worker;  // person id, or empty
  std::vector<finding> findings;
  std::vector<tm_escalation> escalated{};
  friend bool operator==(const escalation_case&, const escalation_case&) = default;
};
struct escalation_list {
  std::string team_manager;  // person id; empty: cases with no team manager recorded
  std::vector<escalation_case> cases;
  friend bool operator==(const escalation_list&, const escalation_list&) = default;
};

struct drift_count {
  std::string key;  // a rule id, a team manager or a social worker person id ("" for none)
  std::size_t cases = 0;
  std::size_t findings = 0;
  friend bool operator==(const drift_count&, const drift_count&) = default;
};

// The caseload drift report: escalation lists by team manager (sorted by person id, cases by
// id), and counts by rule (in rule order, every rule listed), by team manager and by worker.
struct drift_report {
  midway::date as_of;
  std::vector<escalation_list> escalations;
  std::vector<drift_count> by_rule;
  std::vector<drift_count> by_team_manager;
  std::vector<drift_count> by_worker;
  std::size_t cases = 0;  // cases in the caseload
  std::size_t cases_with_findings = 0;
  friend bool operator==(const drift_report&, const drift_report&) = default;
};

drift_report drift_report_for(const caseload& cl, date as_of, const policy& pol, const calendar& cal);

// The report as a table for people to read, as JSON (schema "midway.drift"), or as CSV (one
// row per finding: team_manager, case_id, social_worker, rule, severity, first_raised,
// finding_id, explanation).
std::string to_table(const drift_report& r);
std::string to_json(const drift_report& r, int indent = 2);
std::string to_csv(const drift_report& r);

}  // namespace midway
