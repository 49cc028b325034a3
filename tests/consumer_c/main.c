#include <midway/c/midway.h>

#include <stdio.h>

int main(void) {
  /* 15 working days after a strategy discussion on 2026-01-02 (england-and-wales). */
  midway_error err;
  midway_calendar* cal = midway_calendar_new(NULL, &err);
  char due[11];
  if (!cal || midway_calendar_add_working_days(cal, "2026-01-02", 15, due, &err) != MIDWAY_OK) {
    fprintf(stderr, "%s: %s\n", midway_status_name(err.code), err.message);
    return 1;
  }
  midway_calendar_free(cal);
  printf("c consumer ok: %s (midway %s)\n", due, midway_version());
  return 0;
}
