// Calendar feeds (iCalendar, RFC 5545) of a person's due items, built with libical: `midway ics`.
#pragma once

#include <midway/midway.hpp>

#include <string>

namespace midway::cli {

struct ics_options {
  int remind_days = 2;  // a display reminder (VALARM) this many days before each item; 0: on the day
};

// The iCalendar text of every entry of `w` in the groups of `person` (any role): one all-day
// VEVENT per entry on its due date, its SUMMARY "<item>: <case id>" (" (overdue)" when overdue; for
// a CPA, "Midway review and CPA checklist: <case id>"),
// its DESCRIPTION the engine's explanation, CATEGORIES the item kind, and one VALARM.
// UIDs are stable from run to run: "<case id>/<item kind>/<the events it is due from>/<role>@midway",
// so a calendar client updates an item whose due date moves instead of adding a second one, and a
// new occurrence (after the last was held) gets a new UID. DTSTAMP is the as-of date at 00:00 UTC,
// so the same worklist gives the same bytes. Entries carry ids only: never a child's name or date
// of birth (worklist.hpp). An empty calendar when the person has no items.
std::string ics_feed(const worklist& w, const person_id& person, const ics_options& options = {});

}  // namespace midway::cli
