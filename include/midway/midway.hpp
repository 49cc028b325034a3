// midway/midway.hpp: the whole public API.
#pragma once

#include <midway/bulk.hpp>
#include <midway/caseload.hpp>
#include <midway/calendar.hpp>
#include <midway/case.hpp>
#include <midway/checklist.hpp>
#include <midway/columnar.hpp>
#include <midway/date.hpp>
#include <midway/drift.hpp>
#include <midway/error.hpp>
#include <midway/events.hpp>
#include <midway/holidays.hpp>
#include <midway/ids.hpp>
#include <midway/interop.hpp>
#include <midway/json.hpp>
#include <midway/meeting.hpp>
#include <midway/note.hpp>
#include <midway/plan.hpp>
#include <midway/report.hpp>
#include <midway/policy.hpp>
#include <midway/schedule.hpp>
#include <midway/signs_of_safety.hpp>
#include <midway/synthetic.hpp>
#include <midway/version.hpp>
#include <midway/worklist.hpp>
