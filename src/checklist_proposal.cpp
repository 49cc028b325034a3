// cpa_proposal_note (checklist.hpp): the proposal as a draft note, shared by the CLI
// (`midway checklist`) and the C API (midway_checklist_proposal_json).
#include <midway/case.hpp>
#include <midway/checklist.hpp>

#include <utility>

namespace midway {

note cpa_proposal_note(const child_case& c, date on, const policy& pol, const calendar& cal) {
  const record_id id("proposal");
  cpa_checklist k = propose_cpa_checklist(c, id, on, pol, cal);
  for (auto& item : k.content.items) {
    item.answer = item.proposed.answer.value_or(answer::not_applicable);
    item.comment = item.proposed.summary;
    item.action_needed = item.proposed.action;
  }
  k.content.summary = "(proposal: for the CPA to complete)";
  child_case draft = c;
  draft.cpa_checklists.push_back(std::move(k));
  return cpa_monitoring_note(draft, id);
}

}  // namespace midway
