// midway/worklist.hpp: what is due across a caseload, for each person who must act.
//
// A worklist holds every item of every case that is overdue, due soon, or upcoming within
// a horizon, grouped by the person responsible and sorted by due date:
//   LAC review, LAC midway review  -> the IRO (and the social worker)
//   ICPC, RCPC, CP midway review    -> the Chair (and the social worker; the CPA for the midway)
//   visits, core groups             -> the social worker
// A case with nobody recorded in a role lists that role's items under "unassigned".
// Entries carry ids only: no child's name or date of birth.
#pragma once

#include <midway/json.hpp>
#include <midway/schedule.hpp>

#include <optional>
#include <string>
#include <vector>

namespace midway {

struct worklist_options {
  // Upcoming items are listed when due at most this many calendar days after the as-of date;
  // overdue and due-soon items always are.
  std::int32_t horizon_days = 28;
};

struct worklist_entry {
  midway::case_id case_id;
  midway::child_id child_id;
  case_kind kind;
  due_item item;
  friend bool operator==(const worklist_entry&, const worklist_entry&) = default;
};

struct worklist_group {
  midway::role role;
  std::optional<person_id> person;  // empty: nobody recorded in this role on the cases listed
  std::string name;                 // the practitioner's name, if recorded
  std::vector<worklist_entry> entries;  // by due date, then case id
  friend bool operator==(const worklist_group&, const worklist_group&) = default;
};

// A case that could not be scheduled (a midway date set outside its interval, a date beyond
// the calendar): listed, never silently dropped; the other cases are still scheduled.
struct worklist_problem {
  midway::case_id case_id;
  error_code code;
  std::string field;
  std::string message;
  friend bool operator==(const worklist_problem&, const worklist_problem&) = default;
};

struct worklist {
  date as_of;
  std::vector<worklist_group> groups;  // by role (IRO, Chair, CPA, social worker), then person id
  std::vector<worklist_problem> problems;
  friend bool operator==(const worklist&, const worklist&) = default;
};

// Schedules every case and gathers the items. A case whose schedule() throws a midway::error
// is listed in `problems` with the error, and the rest go on.
worklist make_worklist(const caseload& cl, date as_of, const policy& pol, const calendar& cal,
                       const worklist_options& options = {});

// Renderings. table: fixed-width text for a terminal; csv: RFC 4180 with a header row
// (group_role, person_id, person_name, case_id, child_id, case_kind, item, due, status,
// explanation); json: schema "midway.worklist". Problems come last in the table and the JSON,
// and as rows with status "error" in the CSV.
std::string to_table(const worklist& w);
std::string to_csv(const worklist& w);
std::string to_json(const worklist& w, int indent = 2);

}  // namespace midway
