// midway/signs_of_safety.hpp: a Signs of Safety record (shared/domain.md §6), and the trend
// of its scaling question across a case's conferences, core groups and midway reviews.
//
// One record type serves every meeting that uses the framework, so the trend of the scale
// of worries spans them. Three questions and a judgement:
//   What are we worried about?  harm, danger statements, complicating factors
//   What's working well?        existing strengths, existing safety
//   What needs to happen?       safety goals (each linked to a danger statement), next steps
//   Scale of worries            one 0-10 score per person or role, with the anchors the record uses
// plus the child's voice (Three Houses or another named tool), the parents' views, and the
// optional safety network and safety plan.
//
// Records are plain values with field tables (detail/fields.hpp): JSON and the Python
// bindings walk them, and `extra` keeps members a case system adds.
#pragma once

#include <midway/detail/enum_traits.hpp>
#include <midway/case.hpp>
#include <midway/date.hpp>
#include <midway/detail/fields.hpp>
#include <midway/events.hpp>
#include <midway/ids.hpp>
#include <midway/plan.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace midway {


// Where a Signs of Safety discussion took place.
enum class sos_context { conference, core_group, midway_review, other };
MIDWAY_ENUM_TRAITS_DESCRIBED(sos_context, 4, "SosContext", "Signs of Safety context", "Where a Signs of Safety discussion took place.",
                   {sos_context::conference, "conference"},
                   {sos_context::core_group, "core_group"},
                   {sos_context::midway_review, "midway_review"},
                   {sos_context::other, "other"});
std::string_view to_string(sos_context c) noexcept;  // "conference", ...
sos_context sos_context_from_string(std::string_view text, std::string_view field = "context");

// The four headings a Signs of Safety record addresses (seed 000: "The meeting should address
// each of the Signs of Safety headings").
//   worried          What are we worried about?  harm, danger_statements, complicating_factors
//   working_well     What's working well?        existing_strengths, existing_safety
//   needs_to_happen  What needs to happen?       safety_goals, next_steps
//   scale            What is the scale of worries?  scaling
enum class sos_heading { worried, working_well, needs_to_happen, scale };
MIDWAY_ENUM_TRAITS_DESCRIBED(sos_heading, 4, "SosHeading", "Signs of Safety heading", "The four Signs of Safety headings a record addresses.",
                   {sos_heading::worried, "worried"},
                   {sos_heading::working_well, "working_well"},
                   {sos_heading::needs_to_happen, "needs_to_happen"},
                   {sos_heading::scale, "scale"});
std::string_view to_string(sos_heading h) noexcept;  // "worried", "working_well", "needs_to_happen", "scale"
sos_heading sos_heading_from_string(std::string_view text, std::string_view field = "heading");
// The heading as the seed words it: "What are we worried about?", ...
std::string_view question_of(sos_heading h) noexcept;

// A heading with nothing recorded under it, said explicitly, with the reason ("not discussed:
// the meeting ran out of time", "no new worries since the conference").
struct heading_not_recorded {
  sos_heading heading = sos_heading::worried;
  std::string reason{};
  static constexpr auto fields() {
    return std::tuple{detail::field("heading", &heading_not_recorded::heading),
                      detail::field("reason", &heading_not_recorded::reason)};
  }
  friend bool operator==(const heading_not_recorded&, const heading_not_recorded&) = default;
};

// A future-focused worry: who is worried, about what, and what will happen if nothing changes.
// `id` ("D1") is local to the record: safety goals refer to it.
struct danger_statement {
  std::string id;
  std::string who_is_worried;
  std::string about_what;
  std::string if_nothing_changes;
  extensions extra{};
  static constexpr auto fields() {
    return std::tuple{detail::field("id", &danger_statement::id),
                      detail::field("who_is_worried", &danger_statement::who_is_worried),
                      detail::field("about_what", &danger_statement::about_what),
                      detail::field("if_nothing_changes", &danger_statement::if_nothing_changes),
                      detail::field("extra", &danger_statement::extra)};
  }
  friend bool operator==(const danger_statement&, const danger_statement&) = default;
};

// What the family must show to answer a danger statement (one goal per statement).
struct safety_goal {
  std::string danger_statement;  // the id of a danger statement of the same record
  std::string goal;
  extensions extra{};
  static constexpr auto fields() {
    return std::tuple{detail::field("danger_statement", &safety_goal::danger_statement),
                      detail::field("goal", &safety_goal::goal), detail::field("extra", &safety_goal::extra)};
  }
  friend bool operator==(const safety_goal&, const safety_goal&) = default;
};

// One person's answer to the scaling question. `who` names the person as the record does
// ("mother", "health visitor", a person id); `role` when they are a practitioner on the case.
struct scale_score {
  std::string who;
  std::optional<midway::role> role{};
  std::int32_t score = 0;  // 0..10
  std::string rationale{};
  extensions extra{};
  static constexpr auto fields() {
    return std::tuple{detail::field("who", &scale_score::who), detail::field("role", &scale_score::role),
                      detail::field("score", &scale_score::score), detail::field("rationale", &scale_score::rationale),
                      detail::field("extra", &scale_score::extra)};
  }
  friend bool operator==(const scale_score&, const scale_score&) = default;
};

// What the ends of the scale mean. Default (domain.md §6): 10 = everyone knows the child is
// safe enough to close the case; 0 = so bad the child cannot live at home. Some LAs reverse
// the scale: then `ten_is_safe` is false and a falling score is an improvement.
struct scale_anchors {
  std::string zero = "the child cannot live at home";
  std::string ten = "everyone knows the child is safe enough to close the case";
  bool ten_is_safe = true;
  static constexpr auto fields() {
    return std::tuple{detail::field("zero", &scale_anchors::zero), detail::field("ten", &scale_anchors::ten),
                      detail::field("ten_is_safe", &scale_anchors::ten_is_safe)};
  }
  friend bool operator==(const scale_anchors&, const scale_anchors&) = default;
};

// The child's voice, in the child's words. Three Houses: worries, good things, hopes and
// dreams. Another named tool (Safety House, Words and Pictures, ...) puts its content in `other`.
struct child_voice {
  std::string tool = "Three Houses";
  std::vector<std::string> worries{};
  std::vector<std::string> good_things{};
  std::vector<std::string> hopes_and_dreams{};
  std::vector<std::string> other{};
  std::optional<bool> seen_alone{};
  static constexpr auto fields() {
    return std::tuple{detail::field("tool", &child_voice::tool), detail::field("worries", &child_voice::worries),
                      detail::field("good_things", &child_voice::good_things),
                      detail::field("hopes_and_dreams", &child_voice::hopes_and_dreams),
                      detail::field("other", &child_voice::other), detail::field("seen_alone", &child_voice::seen_alone)};
  }
  friend bool operator==(const child_voice&, const child_voice&) = default;
};

// A member of the safety network: someone who knows the worries and helps keep the child safe.
struct network_member {
  std::string who;
  std::string relationship{};
  static constexpr auto fields() {
    return std::tuple{detail::field("who", &network_member::who),
                      detail::field("relationship", &network_member::relationship)};
  }
  friend bool operator==(const network_member&, const network_member&) = default;
};

struct safety_rule {
  std::string rule;
  std::string monitored_by{};
  static constexpr auto fields() {
    return std::tuple{detail::field("rule", &safety_rule::rule), detail::field("monitored_by", &safety_rule::monitored_by)};
  }
  friend bool operator==(const safety_rule&, const safety_rule&) = default;
};

struct safety_plan {
  std::vector<safety_rule> rules{};
  std::vector<std::string> red_flags{};
  static constexpr auto fields() {
    return std::tuple{detail::field("rules", &safety_plan::rules), detail::field("red_flags", &safety_plan::red_flags)};
  }
  friend bool operator==(const safety_plan&, const safety_plan&) = default;
};

struct signs_of_safety {
  midway::date date;
  sos_context context = sos_context::midway_review;
  // The conference or core group event it was recorded at (for context conference / core_group).
  std::optional<event_id> event{};
  // What are we worried about?
  std::vector<std::string> harm{};
  std::vector<danger_statement> danger_statements{};
  std::vector<std::string> complicating_factors{};
  // What's working well?
  std::vector<std::string> existing_strengths{};
  std::vector<std::string> existing_safety{};
  // What needs to happen?
  std::vector<safety_goal> safety_goals{};
  std::vector<action> next_steps{};
  // What is the scale of worries?
  std::vector<scale_score> scaling{};
  scale_anchors anchors{};
  // Voices, network and plan.
  std::optional<midway::child_voice> child_voice{};
  std::vector<std::string> parents_views{};
  std::vector<network_member> safety_network{};
  std::optional<midway::safety_plan> safety_plan{};
  // Headings with nothing recorded, each with its reason (every heading is addressed: by
  // content, or by an entry here).
  std::vector<heading_not_recorded> not_recorded{};
  extensions extra{};

  static constexpr auto fields() {
    using S = signs_of_safety;
    return std::tuple{detail::field("date", &S::date), detail::field("context", &S::context),
                      detail::field("event", &S::event), detail::field("harm", &S::harm),
                      detail::field("danger_statements", &S::danger_statements),
                      detail::field("complicating_factors", &S::complicating_factors),
                      detail::field("existing_strengths", &S::existing_strengths),
                      detail::field("existing_safety", &S::existing_safety), detail::field("safety_goals", &S::safety_goals),
                      detail::field("next_steps", &S::next_steps), detail::field("scaling", &S::scaling),
                      detail::field("anchors", &S::anchors), detail::field("child_voice", &S::child_voice),
                      detail::field("parents_views", &S::parents_views), detail::field("safety_network", &S::safety_network),
                      detail::field("safety_plan", &S::safety_plan), detail::field("not_recorded", &S::not_recorded),
                      detail::field("extra", &S::extra)};
  }
  friend bool operator==(const signs_of_safety&, const signs_of_safety&) = default;
};

// Checks a record on its own: each of the four headings addressed, by content or by a
// `not_recorded` entry with a reason, and not both ("[sos.heading]", rule_violation_error naming
// "not_recorded"); every score in 0..10 (out_of_range_error), danger statement ids
// present and unique, every safety goal linked to one of them, every scale score and next step
// naming who or what (rule_violation_error / not_found_error). Errors name `path` + the field
// ("signs_of_safety[0].scaling[2].score") and `owner_id` (the case id).
void validate(const signs_of_safety& s, std::string_view path, std::string_view owner_id);

// A case's Signs of Safety records in date order: the ones recorded at conferences and core
// groups (child_case::signs_of_safety) and those of held midway reviews (their current version).
// Records of one date keep that order: standalone first.
std::vector<const signs_of_safety*> signs_of_safety_history(const child_case& c);

enum class trend_direction { improving, worsening, unchanged, new_score, no_previous };
MIDWAY_ENUM_TRAITS_DESCRIBED(trend_direction, 5, "TrendDirection", "trend direction", "The trend of a scaling score.",
                   {trend_direction::improving, "improving"},
                   {trend_direction::worsening, "worsening"},
                   {trend_direction::unchanged, "unchanged"},
                   {trend_direction::new_score, "new_score"},
                   {trend_direction::no_previous, "no_previous"});
std::string_view to_string(trend_direction t) noexcept;  // "improving", ..., "new_score", "no_previous"

// One person's score against their score in the previous record (matched on `who`).
struct score_trend {
  std::string who;
  std::optional<std::int32_t> previous;
  std::int32_t current = 0;
  std::int32_t change = 0;  // current - previous, 0 without a previous score
  trend_direction direction = trend_direction::new_score;
  friend bool operator==(const score_trend&, const score_trend&) = default;
};

// The scale of worries of `current` against the previous record of the same case. Overall:
// the mean score of each record (only people scored in both, when any are; else every score).
// A record whose anchors say 0 is safe reads a falling score as improving.
struct sos_trend {
  std::optional<midway::date> previous_date;  // empty: no earlier record on the case
  std::vector<score_trend> by_person;
  std::optional<double> previous_mean;
  std::optional<double> current_mean;
  trend_direction overall = trend_direction::no_previous;
  friend bool operator==(const sos_trend&, const sos_trend&) = default;
};

// Compares `current` with `previous` (nullptr: no previous record).
sos_trend compare_scaling(const signs_of_safety* previous, const signs_of_safety& current);
// Compares `current` with the latest record of `c` dated before it (signs_of_safety_history).
sos_trend scaling_trend(const child_case& c, const signs_of_safety& current);

// Adds a record made at a conference or core group to `c.signs_of_safety` (CP cases only),
// after validate() and a check that `event`, if set, is a conference or core group of the
// case on the record's date. Strong guarantee.
void add_signs_of_safety(child_case& c, signs_of_safety s);

}  // namespace midway
