// midway/midway.hpp: the whole public API.
#pragma once

#include <midway/calendar.hpp>
#include <midway/date.hpp>
#include <midway/error.hpp>
#include <midway/holidays.hpp>
#include <midway/version.hpp>
