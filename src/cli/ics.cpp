#include "ics.hpp"

#include <libical/ical.h>

#include <memory>
#include <stdexcept>

namespace midway::cli {

namespace {

struct component_deleter {
  void operator()(icalcomponent* c) const noexcept { icalcomponent_free(c); }
};
using component = std::unique_ptr<icalcomponent, component_deleter>;

icaltimetype all_day(date d) {
  icaltimetype t = icaltime_null_date();
  t.year = d.year();
  t.month = static_cast<int>(d.month());
  t.day = static_cast<int>(d.day());
  t.is_date = 1;
  return t;
}

// "RCPC", "LAC review", "Midway review": the words before " due " in the engine's explanation
// (the engine names its items once; this does not keep a second list).
std::string item_label(const due_item& item) {
  const auto at = item.explanation.find(" due ");
  return at == std::string::npos || at == 0 ? std::string(to_string(item.kind)) : item.explanation.substr(0, at);
}

void add(icalcomponent* c, icalproperty* p) {
  if (p == nullptr) throw std::bad_alloc();
  icalcomponent_add_property(c, p);
}

}  // namespace

std::string ics_feed(const worklist& w, const person_id& person, const ics_options& options) {
  component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  if (!cal) throw std::bad_alloc();
  add(cal.get(), icalproperty_new_version("2.0"));
  add(cal.get(), icalproperty_new_prodid(("-//midway//midway " + std::string(version) + "//EN").c_str()));
  add(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  add(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icaltimetype stamp = icaltime_null_time();
  stamp.year = w.as_of.year();
  stamp.month = static_cast<int>(w.as_of.month());
  stamp.day = static_cast<int>(w.as_of.day());
  stamp.zone = icaltimezone_get_utc_timezone();

  for (const worklist_group& g : w.groups) {
    if (!g.person || *g.person != person) continue;
    for (const worklist_entry& e : g.entries) {
      if (!e.item.due) continue;
      icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
      if (ev == nullptr) throw std::bad_alloc();
      icalcomponent_add_component(cal.get(), ev);  // owned by the calendar from here
      std::string uid = e.case_id.str() + "/" + std::string(to_string(e.item.kind)) + "/";
      for (std::size_t i = 0; i < e.item.from.size(); ++i) uid += (i ? "+" : "") + e.item.from[i].str();
      uid += "/" + std::string(to_string(g.role)) + "@midway";
      add(ev, icalproperty_new_uid(uid.c_str()));
      add(ev, icalproperty_new_dtstamp(stamp));
      add(ev, icalproperty_new_dtstart(all_day(*e.item.due)));
      add(ev, icalproperty_new_dtend(all_day(*e.item.due + calendar_days(1))));
      add(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
      // For the CPA, the CP midway review is when the CPA midway monitoring checklist is due.
      const bool checklist = g.role == role::cpa && e.item.kind == item_kind::midway_review;
      const std::string summary = item_label(e.item) + (checklist ? " and CPA checklist" : "") + ": " + e.case_id.str() +
                                  (e.item.status == item_status::overdue ? " (overdue)" : "");
      add(ev, icalproperty_new_summary(summary.c_str()));
      add(ev, icalproperty_new_description((e.item.explanation + "\nCase " + e.case_id.str() + " (" +
                                            std::string(to_string(e.kind)) + "), as " + std::string(display_name(g.role)) +
                                            "; status " + std::string(to_string(e.item.status)) + " as of " + w.as_of.to_iso() + ".")
                                               .c_str()));
      add(ev, icalproperty_new_categories(std::string(to_string(e.item.kind)).c_str()));

      icalcomponent* alarm = icalcomponent_new(ICAL_VALARM_COMPONENT);
      if (alarm == nullptr) throw std::bad_alloc();
      icalcomponent_add_component(ev, alarm);
      add(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
      add(alarm, icalproperty_new_description(summary.c_str()));
      icaltriggertype trigger{};
      trigger.time = icaltime_null_time();
      trigger.duration = icaldurationtype_from_int(-options.remind_days * 24 * 60 * 60);
      add(alarm, icalproperty_new_trigger(trigger));
    }
  }
  char* text = icalcomponent_as_ical_string_r(cal.get());
  if (text == nullptr) throw std::bad_alloc();
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace midway::cli
