// midway/meeting.hpp: the midway review meeting (seed 000; shared/domain.md §2): arranged at a
// review or conference, then held, rescheduled, cancelled or decided not to be required;
// its LAC agenda or (CP) Signs of Safety record, its outcome, and an audit trail of amendments.
//
// Records live on the case (child_case::midway_reviews) and change only through the functions
// below, each with the strong guarantee: a rejected change leaves the case as it was and
// throws a typed error naming the case id, the field path and, for a broken rule, the rule:
//   "[midway.not_required.issues] ..." (rule_violation_error).
// Holding a meeting, or deciding it is not required, also records the `midway_review` event in
// the history, so the schedule engine (schedule.hpp) sees it; an escalation in the outcome
// records an `escalation_to_tm` event; the outcome's actions flow into the plan.
//
// Rules (seed 000):
//   midway.arranged_at        arranged at a review of the case: an LAC review (LAC), an ICPC,
//                             transfer-in conference or RCPC (CP); one meeting per review
//   midway.date               the meeting date is after that review; a date written on the
//                             Chair's Report (the review's midway_date) is the one arranged
//   midway.status             only a scheduled or rescheduled meeting is held, rescheduled,
//                             cancelled or decided not required; only a held one is amended
//   midway.reason             rescheduling, cancelling, not-required and amendments give a reason
//   midway.not_required.role  decided only by the IRO (LAC) or Chair (CP)
//   midway.not_required.issues  only where no issue in implementing the plan is recorded
//                             (implementation_issues() below)
//   midway.participants       the social worker and the IRO (LAC) or Chair (CP) attend
//   midway.supervisor         a supervisor takes part only to decide the outcome: an attending
//                             supervisor needs outcome.supervisor_decision, and that decision
//                             needs an attending supervisor
//   midway.agenda             a LAC meeting has the LAC agenda, a CP meeting a Signs of Safety
//                             record (sos_context midway_review, dated the day it was held)
//   midway.recommendation     agenda items and actions name recommendations that are in the plan
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/case.hpp>
#include <midway/date.hpp>
#include <midway/detail/fields.hpp>
#include <midway/events.hpp>
#include <midway/ids.hpp>
#include <midway/note.hpp>
#include <midway/plan.hpp>
#include <midway/policy.hpp>
#include <midway/signs_of_safety.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace midway {

class calendar;

enum class meeting_status { scheduled, held, not_required, cancelled, rescheduled };
MIDWAY_ENUM_TRAITS_DESCRIBED(meeting_status, 5, "MeetingStatus", "meeting status", "Where a midway review meeting stands.",
                   {meeting_status::scheduled, "scheduled"},
                   {meeting_status::held, "held"},
                   {meeting_status::not_required, "not_required"},
                   {meeting_status::cancelled, "cancelled"},
                   {meeting_status::rescheduled, "rescheduled"});
std::string_view to_string(meeting_status s) noexcept;  // "scheduled", ...
meeting_status meeting_status_from_string(std::string_view text, std::string_view field = "status");

enum class attendance { attended, apologies, did_not_attend };
MIDWAY_ENUM_TRAITS_DESCRIBED(attendance, 3, "Attendance", "attendance", "Whether a participant attended.",
                   {attendance::attended, "attended"},
                   {attendance::apologies, "apologies"},
                   {attendance::did_not_attend, "did_not_attend"});
std::string_view to_string(attendance a) noexcept;  // "attended", "apologies", "did_not_attend"
attendance attendance_from_string(std::string_view text, std::string_view field = "attendance");

// Who took part. `person`: a person id of the case's people (may be empty).
struct participant {
  midway::role role = role::social_worker;
  std::string person{};
  midway::attendance attendance = attendance::attended;
  extensions extra{};
  static constexpr auto fields() {
    return std::tuple{detail::field("role", &participant::role), detail::field("person", &participant::person),
                      detail::field("attendance", &participant::attendance), detail::field("extra", &participant::extra)};
  }
  friend bool operator==(const participant&, const participant&) = default;
};

// LAC agenda, item 1: key changes since the review.
enum class change_area { placement, health, education, contact, legal, other };
MIDWAY_ENUM_TRAITS_DESCRIBED(change_area, 6, "ChangeArea", "area of change", "The area of a key change since the review.",
                   {change_area::placement, "placement"},
                   {change_area::health, "health"},
                   {change_area::education, "education"},
                   {change_area::contact, "contact"},
                   {change_area::legal, "legal"},
                   {change_area::other, "other"});
std::string_view to_string(change_area a) noexcept;  // "placement", ...
change_area change_area_from_string(std::string_view text, std::string_view field = "area");

struct key_change {
  std::string text;
  std::optional<change_area> area{};
  extensions extra{};
  static constexpr auto fields() {
    return std::tuple{detail::field("text", &key_change::text), detail::field("area", &key_change::area),
                      detail::field("extra", &key_change::extra)};
  }
  friend bool operator==(const key_change&, const key_change&) = default;
};

// LAC agenda, item 2: for each recommendation of the last review, what has been done so far.
enum class progress { done, on_track, not_started, blocked };
MIDWAY_ENUM_TRAITS_DESCRIBED(progress, 4, "Progress", "progress", "Progress on a recommendation.",
                   {progress::done, "done"},
                   {progress::on_track, "on_track"},
                   {progress::not_started, "not_started"},
                   {progress::blocked, "blocked"});
std::string_view to_string(progress p) noexcept;  // "done", "on_track", "not_started", "blocked"
progress progress_from_string(std::string_view text, std::string_view field = "progress");

struct recommendation_progress {
  std::string recommendation;  // the plan recommendation's id
  std::string text{};          // its text when the agenda was prepared
  std::string done_so_far{};
  midway::progress progress = progress::not_started;
  std::string note{};
  extensions extra{};
  static constexpr auto fields() {
    using R = recommendation_progress;
    return std::tuple{detail::field("recommendation", &R::recommendation), detail::field("text", &R::text),
                      detail::field("done_so_far", &R::done_so_far), detail::field("progress", &R::progress),
                      detail::field("note", &R::note), detail::field("extra", &R::extra)};
  }
  friend bool operator==(const recommendation_progress&, const recommendation_progress&) = default;
};

// LAC agenda, item 3: an issue or difficulty around implementation, and what will be done.
struct implementation_issue {
  std::string issue;
  midway::action action{};
  extensions extra{};
  static constexpr auto fields() {
    return std::tuple{detail::field("issue", &implementation_issue::issue),
                      detail::field("action", &implementation_issue::action),
                      detail::field("extra", &implementation_issue::extra)};
  }
  friend bool operator==(const implementation_issue&, const implementation_issue&) = default;
};

struct lac_agenda {
  std::vector<key_change> key_changes{};
  std::vector<recommendation_progress> recommendations{};
  std::vector<implementation_issue> issues{};
  static constexpr auto fields() {
    return std::tuple{detail::field("key_changes", &lac_agenda::key_changes),
                      detail::field("recommendations", &lac_agenda::recommendations),
                      detail::field("issues", &lac_agenda::issues)};
  }
  friend bool operator==(const lac_agenda&, const lac_agenda&) = default;
};

struct escalation {
  std::string reason;
  std::optional<midway::date> on{};  // default: the day the meeting was held
  static constexpr auto fields() {
    return std::tuple{detail::field("reason", &escalation::reason), detail::field("on", &escalation::on)};
  }
  friend bool operator==(const escalation&, const escalation&) = default;
};

struct meeting_outcome {
  std::vector<std::string> decisions{};
  // New actions (empty `recommendation`) and changes to existing recommendations.
  std::vector<midway::action> actions{};
  std::optional<midway::escalation> escalation{};
  std::optional<midway::date> next_midway{};
  std::optional<midway::date> next_review{};
  // The supervisor's decision on the outcome, when a supervisor took part.
  std::string supervisor_decision{};
  static constexpr auto fields() {
    using O = meeting_outcome;
    return std::tuple{detail::field("decisions", &O::decisions), detail::field("actions", &O::actions),
                      detail::field("escalation", &O::escalation), detail::field("next_midway", &O::next_midway),
                      detail::field("next_review", &O::next_review),
                      detail::field("supervisor_decision", &O::supervisor_decision)};
  }
  friend bool operator==(const meeting_outcome&, const meeting_outcome&) = default;
};

// CP (seed 000: "monitor ... the functioning of the core group"): one core group held since the
// conference, prefilled from the history: its date against policy (the first within
// first_core_group_after_icpc of the conference that started the plan, then within
// core_group_interval of the previous one) and the agencies that attended.
struct core_group_meeting {
  midway::date date;
  std::string event{};    // the core_group event id
  std::optional<midway::date> due_by{};  // the latest date policy allowed
  bool within_policy = true;
  std::vector<std::string> agencies{};
  static constexpr auto fields() {
    using G = core_group_meeting;
    return std::tuple{detail::field("date", &G::date), detail::field("event", &G::event), detail::field("due_by", &G::due_by),
                      detail::field("within_policy", &G::within_policy), detail::field("agencies", &G::agencies)};
  }
  friend bool operator==(const core_group_meeting&, const core_group_meeting&) = default;
};

// An action a core group set (a plan recommendation made on a core group's date) and whether it is done.
struct core_group_action {
  midway::date set_on;         // the core group's date
  std::string recommendation{};  // the plan recommendation id
  std::string text{};
  std::optional<midway::date> due{};
  recommendation_status status = recommendation_status::open;
  std::optional<midway::date> done_on{};
  static constexpr auto fields() {
    using A = core_group_action;
    return std::tuple{detail::field("set_on", &A::set_on), detail::field("recommendation", &A::recommendation),
                      detail::field("text", &A::text), detail::field("due", &A::due), detail::field("status", &A::status),
                      detail::field("done_on", &A::done_on)};
  }
  friend bool operator==(const core_group_action&, const core_group_action&) = default;
};

// The core-group section of a CP midway review: the core groups since the conference, the
// actions they set, and the Chair's view of how the core group is functioning.
struct core_group_review {
  std::vector<core_group_meeting> meetings{};
  std::vector<core_group_action> actions{};
  std::string chair_view{};
  static constexpr auto fields() {
    using R = core_group_review;
    return std::tuple{detail::field("meetings", &R::meetings), detail::field("actions", &R::actions),
                      detail::field("chair_view", &R::chair_view)};
  }
  friend bool operator==(const core_group_review&, const core_group_review&) = default;
};

// What was said and decided at a held meeting: the part that amendments change.
struct midway_review_content {
  std::vector<participant> participants{};
  std::optional<lac_agenda> lac{};                       // LAC meetings
  std::optional<midway::signs_of_safety> signs_of_safety{};  // CP meetings
  std::optional<core_group_review> core_groups{};            // CP meetings: the core-group section
  meeting_outcome outcome{};
  std::string notes{};
  extensions extra{};
  static constexpr auto fields() {
    using C = midway_review_content;
    return std::tuple{detail::field("participants", &C::participants), detail::field("lac", &C::lac),
                      detail::field("signs_of_safety", &C::signs_of_safety), detail::field("core_groups", &C::core_groups),
                      detail::field("outcome", &C::outcome),
                      detail::field("notes", &C::notes), detail::field("extra", &C::extra)};
  }
  friend bool operator==(const midway_review_content&, const midway_review_content&) = default;
};

struct reschedule {
  midway::date from_date;
  midway::date to_date;
  std::string reason{};
  std::optional<midway::role> decided_by{};
  std::optional<midway::date> decided_on{};
  static constexpr auto fields() {
    return std::tuple{detail::field("from_date", &reschedule::from_date), detail::field("to_date", &reschedule::to_date),
                      detail::field("reason", &reschedule::reason), detail::field("decided_by", &reschedule::decided_by),
                      detail::field("decided_on", &reschedule::decided_on)};
  }
  friend bool operator==(const reschedule&, const reschedule&) = default;
};

// An earlier version of a record that is amended, never overwritten (a held midway review, a
// CPA checklist): what it said before the change, who changed it, when and why.
template <class Content>
struct amendment_of {
  midway::date changed_on;
  std::int32_t version = 1;  // the version this was (the first version is 1)
  std::string changed_by{};  // a person id or a role
  std::string reason{};
  Content previous{};
  static constexpr auto fields() {
    return std::tuple{detail::field("changed_on", &amendment_of::changed_on), detail::field("version", &amendment_of::version),
                      detail::field("changed_by", &amendment_of::changed_by), detail::field("reason", &amendment_of::reason),
                      detail::field("previous", &amendment_of::previous)};
  }
  friend bool operator==(const amendment_of&, const amendment_of&) = default;
};
using amendment = amendment_of<midway_review_content>;

// A midway review meeting. Read it freely; change it through the functions below.
struct midway_review_record {
  record_id id;
  event_id arranged_at;           // the review or conference that set it
  midway::date arranged_for;      // the date first set (on the Chair's Report)
  meeting_status status = meeting_status::scheduled;
  std::vector<midway::reschedule> reschedules{};
  std::optional<midway::date> held_on{};
  std::optional<event_id> event{};  // the midway_review event recorded when held / not required
  // not_required and cancelled: who decided, when and why.
  std::optional<midway::role> decided_by{};
  std::optional<midway::date> decided_on{};
  std::string reason{};
  midway_review_content content{};
  std::vector<midway::amendment> amendments{};  // oldest first
  extensions extra{};

  static constexpr auto fields() {
    using R = midway_review_record;
    return std::tuple{detail::field("id", &R::id), detail::field("arranged_at", &R::arranged_at),
                      detail::field("arranged_for", &R::arranged_for), detail::field("status", &R::status),
                      detail::field("reschedules", &R::reschedules), detail::field("held_on", &R::held_on),
                      detail::field("event", &R::event), detail::field("decided_by", &R::decided_by),
                      detail::field("decided_on", &R::decided_on), detail::field("reason", &R::reason),
                      detail::field("content", &R::content), detail::field("amendments", &R::amendments),
                      detail::field("extra", &R::extra)};
  }
  // The date it is (or was) set for: the last reschedule's, else arranged_for.
  midway::date scheduled_for() const noexcept { return reschedules.empty() ? arranged_for : reschedules.back().to_date; }
  // 1 + the number of amendments.
  std::int32_t version() const noexcept { return static_cast<std::int32_t>(amendments.size()) + 1; }
  friend bool operator==(const midway_review_record&, const midway_review_record&) = default;
};

// The record with `id` on `c`, or nullptr / not_found_error.
const midway_review_record* find_midway_review(const child_case& c, const record_id& id) noexcept;
const midway_review_record& get_midway_review(const child_case& c, const record_id& id);
// The record arranged at review event `review`, if any.
const midway_review_record* midway_review_arranged_at(const child_case& c, const event_id& review) noexcept;

// Checks a record read from outside (JSON) against the case: its review exists and may arrange
// one, its status has what it needs (held: held_on and the content checks; not_required and
// cancelled: a reason; not_required: the deciding role), its event is on the case. Errors as above.
void validate(const child_case& c, const midway_review_record& r);

// Arranges a meeting at review `at` for `on` (default: the midway_date on that review's
// Chair's Report; one of the two is required). Rules: midway.arranged_at, midway.date.
const midway_review_record& arrange_midway_review(child_case& c, record_id id, const event_id& at,
                                                  std::optional<date> on = {});

// Moves a scheduled meeting to `to`, keeping the old date. Rules: midway.status, midway.date, midway.reason.
void reschedule_midway_review(child_case& c, const record_id& id, date to, std::string reason,
                              std::optional<role> decided_by = {}, std::optional<date> decided_on = {});

// Cancels a scheduled meeting (the midway review is then still due: the schedule shows it).
void cancel_midway_review(child_case& c, const record_id& id, std::string reason, date on,
                          std::optional<role> decided_by = {});

// What would stop a "not required" decision on `at` (as of `on`): recommendations of the plan
// that are open past their due date or blocked on the record's agenda, escalations to the TM
// since the arranging review, implementation issues listed on the record. Plain-English lines,
// empty when there are none.
std::vector<std::string> implementation_issues(const child_case& c, const midway_review_record& r, date on);

// Records that the meeting is not required. Rules: midway.status, midway.not_required.role,
// midway.reason, midway.not_required.issues. Records a midway_review event (not_required).
void midway_review_not_required(child_case& c, const record_id& id, role decided_by, std::string reason, date on);

// A starting point for holding `id`: the social worker and IRO/Chair of the case as
// participants; for LAC, the agenda's recommendations pre-filled from the plan (every
// recommendation made at the arranging review, and every other one still open); for CP, a
// Signs of Safety record dated `on` carrying forward the danger statements and safety goals of
// the case's latest record, and the core-group section (core_groups_since()) with the Chair's
// view empty.
// The first form uses policy::england() and the England and Wales calendar for the core groups' dates.
midway_review_content prefill_midway_review(const child_case& c, const record_id& id, date on);
midway_review_content prefill_midway_review(const child_case& c, const record_id& id, date on, const policy& pol,
                                            const calendar& cal);

// CP: the core-group section prefilled from the history as of `on`: the core groups held since
// the latest conference on or before `on`, each against policy, with its agencies, and the
// actions set at them (plan recommendations made on a core group's date) with their status.
core_group_review core_groups_since(const child_case& c, date on, const policy& pol, const calendar& cal);

// The midway section of the Chair's Report of review or conference `review` (seed 000: the date
// "set at each 6 monthly LAC review / CP conference review and recorded on the Chairs Report"):
// the date set (its midway_date, or the meeting arranged at it and where it stands), or "not
// required" with the reason, who decided and when, or "not set". A note of type "Chair's Report".
note chairs_report_midway(const child_case& c, const event_id& review);

// Holds the meeting on `on` with `content`. Rules: midway.status, midway.date,
// midway.participants, midway.supervisor, midway.agenda, midway.recommendation, and
// validate() of the Signs of Safety record. Records the midway_review event, adds the
// outcome's new actions to the plan (ids "<record id>-a<n>"), applies its changes to existing
// recommendations, and records an escalation_to_tm event when the outcome escalates.
void hold_midway_review(child_case& c, const record_id& id, date on, midway_review_content content);

// Replaces the content of a held meeting, keeping the earlier version in `amendments` with who
// changed it, when and why. The same checks as holding; new actions and a new escalation flow
// into the plan and history as they did then (nothing is applied twice).
void amend_midway_review(child_case& c, const record_id& id, midway_review_content content, std::string changed_by,
                         date changed_on, std::string reason);

// The two records seed 000 asks for (note.hpp renders them as text, Markdown, HTML or JSON):
//   the IRO contact form entry: short (date, participants, outcome, escalation, next dates);
//   the Midway Review case note: everything, LAC under the agenda's three headings, CP under
//   the Signs of Safety headings in seed 000's order (worried about, working well, needs to
//   happen, scale of worries, with the trend against the case's previous record), then the
//   child's voice, parents' views, safety network and plan, the outcome and the amendment history.
// Both name the case, the child id, roles and person ids; never the child's name or date of birth.
note iro_contact_form(const child_case& c, const record_id& id);
note midway_review_note(const child_case& c, const record_id& id);
// One of the two by name: "case-note" (midway_review_note) or "contact-form" (iro_contact_form),
// as `midway note --form` and the C API's midway_note_json take it. Throws unknown_code_error
// naming `field` for another name, and what the two throw (not_found_error for an unknown id).
// Example: midway_review_document(c, record_id("MR-1"), "contact-form").render(note_format::json)
note midway_review_document(const child_case& c, const record_id& id, std::string_view form,
                            std::string_view field = "form");

}  // namespace midway
