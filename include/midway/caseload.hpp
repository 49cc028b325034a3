// midway/caseload.hpp: a list of cases, as read from and written to JSON (json.hpp), taken to
// columns (columnar.hpp) and evaluated (bulk.hpp).
#pragma once

#include <midway/case.hpp>
#include <midway/ids.hpp>
#include <midway/plan.hpp>

#include <vector>

namespace midway {

struct caseload {
  std::vector<child_case> cases;
  extensions extra;  // a case system's extension members of the caseload document
  friend bool operator==(const caseload&, const caseload&) = default;
};

}  // namespace midway
