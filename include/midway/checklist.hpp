// midway/checklist.hpp: the CPA midway monitoring checklist (seed 002; shared/domain.md §2):
// ten items in the seed's order and wording, a proposal for items 1-9 drawn from the case
// history (with the evidence it used), the CPA's confirmed or overridden answers, item 10's
// summary and recommendations, amendments with history, and the "CPA Midway Monitoring" note.
//
// A proposal never guesses: when the history cannot answer an item, its answer is empty and
// its summary says "no evidence recorded". Evidence per item (docs/cpa-checklist.md):
//   1 visit gaps (child seen) and core-group gaps since the plan started, against policy, and
//     the first core group against first_core_group_after_icpc
//   2 urgent recommendations of the last conference: done, and when; each missing episode or
//     CSE concern since it, followed by a strategy discussion or s.47 within risk_response_within
//   3 plan updated after the last conference and core group; core-group attendance by agency
//   4 direct work with the child (tools) and the child's views since the last conference
//   5 parents' views since the last conference; next steps of the latest Signs of Safety record
//   6 drift findings (drift.hpp): any proposes Yes and an escalation to the team manager
//   7 a safe person identified, or a mentor referral
//   8 a contingency plan: required when items 1-5 propose No
//   9 management oversight since the last conference, within management_oversight_interval
// Rules when recording (rule_violation_error naming the rule, e.g. "[checklist.override]"):
//   checklist.case_kind  CP cases only
//   checklist.items      items 1-9, once each, in order, each answered
//   checklist.override   an answer that differs from the proposal gives a reason
//   checklist.summary    item 10 (summary and recommendations) is always required
//   checklist.action     an action needed says what
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/calendar.hpp>
#include <midway/case.hpp>
#include <midway/date.hpp>
#include <midway/detail/fields.hpp>
#include <midway/ids.hpp>
#include <midway/meeting.hpp>
#include <midway/note.hpp>
#include <midway/plan.hpp>
#include <midway/policy.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace midway {


enum class answer { yes, no, not_applicable };
MIDWAY_ENUM_TRAITS_DESCRIBED(answer, 3, "Answer", "answer", "A checklist answer: Yes, No or not applicable.",
                   {answer::yes, "yes"},
                   {answer::no, "no"},
                   {answer::not_applicable, "not_applicable"});
std::string_view to_string(answer a) noexcept;  // "yes", "no", "not_applicable"
answer answer_from_string(std::string_view text, std::string_view field = "answer");
std::string_view display_name(answer a) noexcept;  // "Yes", "No", "N/A"

// An item of seed 002: its number (1-10), a short title, and the seed's wording.
struct checklist_question {
  std::int32_t number;
  std::string_view title;
  std::string_view wording;
};
std::span<const checklist_question> cpa_checklist_questions() noexcept;

struct evidence {
  std::string text;               // "visit gap 2026-03-02 to 2026-03-20: 14 working days, over ..."
  std::vector<event_id> events{};
  static constexpr auto fields() {
    return std::tuple{detail::field("text", &evidence::text), detail::field("events", &evidence::events)};
  }
  friend bool operator==(const evidence&, const evidence&) = default;
};

struct proposal {
  std::optional<midway::answer> answer{};  // empty: the history cannot answer it
  std::string summary{};                   // "3 of 9 visit gaps exceeded 10 working days; longest 14, ..."
  std::vector<midway::evidence> evidence{};
  std::optional<midway::action> action{};  // a suggested action needed
  static constexpr auto fields() {
    return std::tuple{detail::field("answer", &proposal::answer), detail::field("summary", &proposal::summary),
                      detail::field("evidence", &proposal::evidence), detail::field("action", &proposal::action)};
  }
  friend bool operator==(const proposal&, const proposal&) = default;
};

struct checklist_item {
  std::int32_t number = 1;
  midway::proposal proposed{};
  std::optional<midway::answer> answer{};  // the CPA's
  std::string override_reason{};           // why the CPA's answer differs from the proposal
  std::string comment{};
  std::optional<midway::action> action_needed{};
  extensions extra{};
  static constexpr auto fields() {
    using I = checklist_item;
    return std::tuple{detail::field("number", &I::number), detail::field("proposed", &I::proposed),
                      detail::field("answer", &I::answer), detail::field("override_reason", &I::override_reason),
                      detail::field("comment", &I::comment), detail::field("action_needed", &I::action_needed),
                      detail::field("extra", &I::extra)};
  }
  friend bool operator==(const checklist_item&, const checklist_item&) = default;
};

// The part of a checklist that amendments change: items 1-9 and item 10.
struct checklist_content {
  std::vector<checklist_item> items{};
  std::string summary{};  // item 10: the CPA's summary and recommendations
  extensions extra{};
  static constexpr auto fields() {
    return std::tuple{detail::field("items", &checklist_content::items), detail::field("summary", &checklist_content::summary),
                      detail::field("extra", &checklist_content::extra)};
  }
  friend bool operator==(const checklist_content&, const checklist_content&) = default;
};

using checklist_amendment = amendment_of<checklist_content>;

// The CPA's contact with the case's team manager about drift and delay (seed 002: "contact the
// Team Manager of the case to discuss any concerns"): who (a person id) and when.
struct tm_contact {
  midway::date on;
  std::string team_manager{};
  std::string outcome{};  // what was agreed, optional
  static constexpr auto fields() {
    return std::tuple{detail::field("on", &tm_contact::on), detail::field("team_manager", &tm_contact::team_manager),
                      detail::field("outcome", &tm_contact::outcome)};
  }
  friend bool operator==(const tm_contact&, const tm_contact&) = default;
};

struct cpa_checklist {
  record_id id;
  midway::date date;                   // when the CPA did it
  std::optional<event_id> conference{};  // the conference it follows (the last before `date`)
  std::string cpa{};                   // person id
  checklist_content content{};
  std::vector<checklist_amendment> amendments{};
  // The CPA's contact with the team manager, when drift and delay was escalated (item 6).
  std::optional<midway::tm_contact> tm_contact{};
  extensions extra{};
  static constexpr auto fields() {
    using C = cpa_checklist;
    return std::tuple{detail::field("id", &C::id), detail::field("date", &C::date), detail::field("conference", &C::conference),
                      detail::field("cpa", &C::cpa), detail::field("content", &C::content),
                      detail::field("amendments", &C::amendments), detail::field("tm_contact", &C::tm_contact),
                      detail::field("extra", &C::extra)};
  }
  std::int32_t version() const noexcept { return static_cast<std::int32_t>(amendments.size()) + 1; }
  friend bool operator==(const cpa_checklist&, const cpa_checklist&) = default;
};

// When the checklist is due: cp_midway_after_review after the first RCPC (seed 002: 12 weeks),
// or empty before the first RCPC. (The schedule's midway item is the same date for that interval.)
std::optional<date> cpa_checklist_due(const child_case& c, const policy& pol, const calendar& cal);

// The checklist for `c` on `on`, with proposals for items 1-9 and the CPA's answers empty.
// Throws rule_violation_error for a LAC case or a case with no CP plan yet.
cpa_checklist propose_cpa_checklist(const child_case& c, record_id id, date on, const policy& pol, const calendar& cal);

// Checks the rules above and adds the checklist to c.cpa_checklists (strong guarantee). When item 6
// is answered Yes with an action needed (drift and delay to escalate), it also records an
// `escalation_to_tm` event on the case: dated tm_contact.on (else the checklist's date), raised by
// the CPA, to tm_contact.team_manager (else the case's team manager), with the action as the
// reason; it then shows on the team manager's escalation list (drift_report_for). Amending item 6
// to Yes with an action does the same (once per checklist).
const cpa_checklist& record_cpa_checklist(child_case& c, cpa_checklist k);
// Checks a checklist read from outside (JSON) against its case.
void validate(const child_case& c, const cpa_checklist& k);

// Replaces the content of a recorded checklist, keeping the earlier version.
void amend_cpa_checklist(child_case& c, const record_id& id, checklist_content content, std::string changed_by,
                         date changed_on, std::string reason);

// The "CPA Midway Monitoring" case note: the checklist as a table (item, Yes/No, comment,
// action needed), then the summary and recommendations; then the evidence behind each proposal.
note cpa_monitoring_note(const child_case& c, const record_id& id);

// The proposal for `c` on `on` as a draft "CPA Midway Monitoring" note (record id "proposal"):
// each item answered as proposed (N/A where the history cannot answer), the proposal's summary
// as the comment and its suggested action as the action needed; item 10 reads
// "(proposal: for the CPA to complete)". Nothing is recorded on `c`. This is what
// `midway checklist --case ID` prints and what the C API's midway_checklist_proposal_json returns
// (rendered as JSON). Throws as propose_cpa_checklist does.
// Example: cpa_proposal_note(c, date(2026, 11, 22), policy::england(), cal).render(note_format::text)
note cpa_proposal_note(const child_case& c, date on, const policy& pol, const calendar& cal);

}  // namespace midway
