#include <midway/holidays.hpp>

#include <midway/detail/io.hpp>

#include "json_checked.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace midway {

namespace {

using json = nlohmann::json;

std::string key_path(const std::string& parent, std::string_view key) { return parent + "['" + std::string(key) + "']"; }

const json& member(const json& obj, std::string_view key, const std::string& path, json::value_t type,
                   std::string_view type_name) {
  auto it = obj.find(key);
  if (it == obj.end()) throw parse_error("missing member '" + std::string(key) + "'", path);
  const bool ok = it->type() == type || (type == json::value_t::number_integer && it->is_number_integer());
  if (!ok) {
    throw parse_error("expected " + std::string(type_name) + ", found " + std::string(it->type_name()),
                      path + "." + std::string(key));
  }
  return *it;
}

}  // namespace

govuk_feed govuk_feed::parse(std::string_view json_text) {
  json doc;
  try {
    doc = detail::parse_checked<json>(json_text);
  } catch (const json::parse_error& e) {
    throw parse_error("malformed JSON at byte " + std::to_string(e.byte) + " of the GOV.UK feed", "$");
  } catch (const json::exception& e) {
    // nlohmann reports some malformed input as another exception type, e.g. a number that
    // overflows a double ("1e999") as json::out_of_range 406.
    throw parse_error("malformed JSON in the GOV.UK feed (json error " + std::to_string(e.id) + ")", "$");
  }
  if (!doc.is_object()) throw parse_error("the GOV.UK feed must be a JSON object keyed by division", "$");
  govuk_feed feed;
  for (const auto& [key, body] : doc.items()) {
    const std::string path = key_path("$", key);
    division div{};
    try {
      div = division_from_string(key, path);
    } catch (const unknown_code_error& e) {
      throw parse_error(e.message(), path);
    }
    if (!body.is_object()) throw parse_error("expected an object, found " + std::string(body.type_name()), path);
    const auto& name = member(body, "division", path, json::value_t::string, "a string");
    if (name.get<std::string>() != key) {
      throw parse_error("division '" + name.get<std::string>().substr(0, 40) + "' does not match its key", path + ".division");
    }
    const auto& events = member(body, "events", path, json::value_t::array, "an array");
    std::vector<holiday> out;
    out.reserve(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
      const std::string epath = path + ".events[" + std::to_string(i) + "]";
      const auto& ev = events[i];
      if (!ev.is_object()) throw parse_error("expected an object, found " + std::string(ev.type_name()), epath);
      const auto& title = member(ev, "title", epath, json::value_t::string, "a string");
      const auto& day = member(ev, "date", epath, json::value_t::string, "a string");
      std::string notes;
      if (auto it = ev.find("notes"); it != ev.end()) {
        if (!it->is_string()) throw parse_error("expected a string, found " + std::string(it->type_name()), epath + ".notes");
        notes = it->get<std::string>();
      }
      if (auto it = ev.find("bunting"); it != ev.end() && !it->is_boolean()) {
        throw parse_error("expected a boolean, found " + std::string(it->type_name()), epath + ".bunting");
      }
      if (title.get_ref<const std::string&>().empty()) throw parse_error("empty title", epath + ".title");
      date d = [&] {
        try {
          return date::from_iso(day.get_ref<const std::string&>(), epath + ".date");
        } catch (const invalid_date_error& e) {
          throw parse_error(e.message(), e.field());
        }
      }();
      if (d.year() < first_supported_year || d.year() > last_supported_year) {
        throw parse_error("the date " + d.to_iso() + " is outside the supported years 1978..2199", epath + ".date");
      }
      out.push_back({.date = d,
                     .name = title.get<std::string>(),
                     .substitute = notes.find("Substitute") != std::string::npos,
                     .origin = holiday_origin::govuk_feed});
    }
    std::sort(out.begin(), out.end(), [](const holiday& a, const holiday& b) { return a.date < b.date; });
    for (std::size_t i = 1; i < out.size(); ++i) {
      if (out[i].date == out[i - 1].date) {
        throw parse_error("two events on " + out[i].date.to_iso(), path + ".events");
      }
    }
    feed.divisions[div] = std::move(out);
  }
  return feed;
}

govuk_feed govuk_feed::load(const std::filesystem::path& path) {
  return parse(detail::read_text_file(path, "the GOV.UK feed file"));
}

std::optional<std::pair<int, int>> govuk_feed::years(division div) const {
  auto it = divisions.find(div);
  if (it == divisions.end() || it->second.empty()) return std::nullopt;
  return std::pair{it->second.front().date.year(), it->second.back().date.year()};
}

}  // namespace midway
