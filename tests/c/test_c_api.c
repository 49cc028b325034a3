#define _POSIX_C_SOURCE 200809L
/* The C API (include/midway/c/midway.h) from C: every function, its errors, ownership (run under
 * ASan with leak detection by the asan preset) and shared handles across threads.
 * Usage: midway_c_api_test DATA_DIR (tests/c, holding case_cp.json). */
#include <midway/c/midway.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"

static char* read_file(const char* dir, const char* name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE* f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* text = malloc((size_t)n + 1);
  if (!text || fread(text, 1, (size_t)n, f) != (size_t)n) exit(2);
  text[n] = '\0';
  fclose(f);
  return text;
}

static int contains(const char* text, const char* part) { return text && strstr(text, part) != NULL; }

/* The caseload {"schema": "midway.caseload", "version": 1, "cases": [<case>]} around a case document. */
static char* caseload_of(const char* case_json) {
  const char* head = "{\"schema\": \"midway.caseload\", \"version\": 1, \"cases\": [";
  size_t n = strlen(head) + strlen(case_json) + 3;
  char* out = malloc(n);
  if (!out) exit(2);
  snprintf(out, n, "%s%s]}", head, case_json);
  /* a case inside a caseload carries no schema or version of its own */
  char* schema = strstr(out + strlen(head), "\"schema\": \"midway.case\",");
  if (schema) memset(schema, ' ', strlen("\"schema\": \"midway.case\","));
  char* version = strstr(out + strlen(head), "\"version\": 1,");
  if (version) memset(version, ' ', strlen("\"version\": 1,"));
  return out;
}

static const char* case_json;
static const midway_calendar* shared_cal;
static const midway_policy* shared_pol;
static char* expected_schedule;

static void* schedule_many(void* arg) {
  (void)arg;
  for (int i = 0; i < 50; ++i) {
    char* out = NULL;
    midway_error err;
    if (midway_schedule_json_with(shared_cal, shared_pol, case_json, "2026-05-01", &out, &err) != MIDWAY_OK ||
        strcmp(out, expected_schedule) != 0) {
      midway_free(out);
      return (void*)1;
    }
    midway_free(out);
  }
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
    return 2;
  }
  char* text = read_file(argv[1], "case_cp.json");
  case_json = text;
  char* caseload = caseload_of(text);
  midway_error err;
  char* out = NULL;

  /* version and names */
  CHECK(strcmp(midway_version(), "0.1.0") == 0);
  CHECK(strcmp(midway_status_name(MIDWAY_OK), "ok") == 0);
  CHECK(strcmp(midway_status_name(MIDWAY_RULE_VIOLATION), "rule_violation") == 0);
  CHECK(strcmp(midway_status_name(MIDWAY_OUT_OF_MEMORY), "out_of_memory") == 0);
  CHECK(strcmp(midway_status_name(42), "unknown") == 0);
  midway_free(NULL);

  /* schedule: RCPC 2026-04-20 + 6 months */
  CHECK(midway_schedule_json(case_json, "2026-05-01", NULL, &out, &err) == MIDWAY_OK);
  CHECK(err.code == MIDWAY_OK && err.message[0] == '\0' && err.field[0] == '\0');
  CHECK(contains(out, "\"schema\": \"midway.schedule\""));
  CHECK(contains(out, "\"due\": \"2026-10-20\""));
  CHECK(!contains(out, "Test Child Name"));
  expected_schedule = out;
  out = NULL;

  /* the same with every option spelt out, and with a policy object */
  CHECK(midway_schedule_json(case_json, "2026-05-01",
                             "{\"policy\": \"england\", \"division\": \"england-and-wales\", \"closures\": [], "
                             "\"horizon_days\": 28}",
                             &out, &err) == MIDWAY_OK);
  CHECK(out && strcmp(out, expected_schedule) == 0);
  midway_free(out);
  CHECK(midway_schedule_json(case_json, "2026-05-01", "{\"policy\": {\"preset\": \"england\", \"rcpc_interval\": "
                             "{\"count\": 3, \"unit\": \"months\"}}}", &out, &err) == MIDWAY_OK);
  CHECK(contains(out, "\"due\": \"2026-07-20\""));
  midway_free(out);

  /* errors: typed, with the field path and the record id, never the child's name */
  CHECK(midway_schedule_json(case_json, "2026-02-30", NULL, &out, &err) == MIDWAY_INVALID_DATE);
  CHECK(out == NULL && err.code == MIDWAY_INVALID_DATE && strcmp(err.field, "as_of") == 0);
  CHECK(midway_schedule_json("{\"schema\": ", "2026-05-01", NULL, &out, &err) == MIDWAY_PARSE_ERROR);
  CHECK(strcmp(err.field, "$") == 0);
  CHECK(midway_schedule_json(NULL, "2026-05-01", NULL, &out, &err) == MIDWAY_INVALID_ARGUMENT);
  CHECK(strcmp(err.field, "case_json") == 0);
  CHECK(midway_schedule_json(case_json, "2026-05-01", NULL, NULL, &err) == MIDWAY_INVALID_ARGUMENT);
  CHECK(midway_schedule_json(case_json, "2026-05-01", NULL, &out, NULL) == MIDWAY_OK); /* err may be NULL */
  midway_free(out);
  CHECK(midway_schedule_json(case_json, "2026-05-01", "{\"division\": \"wales\"}", &out, &err) == MIDWAY_UNKNOWN_CODE);
  CHECK(strcmp(err.field, "options.division") == 0);
  CHECK(midway_schedule_json(case_json, "2026-05-01", "{\"polcy\": \"england\"}", &out, &err) == MIDWAY_PARSE_ERROR);
  CHECK(strcmp(err.field, "options.polcy") == 0);
  CHECK(midway_schedule_json(case_json, "2026-05-01", "{\"policy\": {\"rcpc_interval\": {\"count\": -1, \"unit\": "
                             "\"months\"}}}", &out, &err) == MIDWAY_OUT_OF_RANGE);
  CHECK(strcmp(err.field, "options.policy.rcpc_interval.count") == 0);
  CHECK(midway_schedule_json(case_json, "2026-05-01", "{\"closures\": [\"1900-01-01\"]}", &out, &err) ==
        MIDWAY_OUT_OF_RANGE);
  CHECK(strcmp(err.field, "options.closures[0]") == 0);
  CHECK(midway_schedule_json(case_json, "2026-05-01", "[1]", &out, &err) == MIDWAY_PARSE_ERROR);
  {
    /* a review conference before the ICPC breaks a case rule */
    char* broken = malloc(strlen(text) + 1);
    if (!broken) return 2;
    strcpy(broken, text);
    char* icpc = strstr(broken, "\"initial_conference\"");
    CHECK(icpc != NULL);
    if (icpc) memcpy(icpc, "\"visit\"             ", strlen("\"initial_conference\""));
    CHECK(midway_schedule_json(broken, "2026-05-01", NULL, &out, &err) == MIDWAY_RULE_VIOLATION);
    CHECK(strcmp(err.record_id, "CP-1") == 0);
    CHECK(contains(err.field, "events"));
    CHECK(!contains(err.message, "Test Child Name") && !contains(err.message, "2019-03-04"));
    free(broken);
  }

  /* worklist, drift, checklist proposal, notes */
  CHECK(midway_worklist_json(caseload, "2026-07-10", NULL, &out, &err) == MIDWAY_OK);
  CHECK(contains(out, "\"schema\": \"midway.worklist\"") && contains(out, "CP-1"));
  midway_free(out);
  CHECK(midway_worklist_json(caseload, "2026-07-10", "{\"horizon_days\": -1}", &out, &err) == MIDWAY_OUT_OF_RANGE);
  CHECK(midway_worklist_json(case_json, "2026-07-10", NULL, &out, &err) == MIDWAY_PARSE_ERROR); /* not a caseload */
  CHECK(strcmp(err.field, "$.schema") == 0);
  CHECK(midway_drift_json(caseload, "2026-07-10", NULL, &out, &err) == MIDWAY_OK);
  CHECK(contains(out, "\"schema\": \"midway.drift\""));
  midway_free(out);
  CHECK(midway_checklist_proposal_json(case_json, "2026-07-20", NULL, &out, &err) == MIDWAY_OK);
  CHECK(contains(out, "\"type\": \"CPA Midway Monitoring\"") && contains(out, "for the CPA to complete"));
  midway_free(out);
  CHECK(midway_note_json(case_json, "MR-1", NULL, &out, &err) == MIDWAY_OK);
  CHECK(contains(out, "\"type\": \"Midway Review\"") && !contains(out, "Test Child Name"));
  midway_free(out);
  CHECK(midway_note_json(case_json, "MR-1", "contact-form", &out, &err) == MIDWAY_OK);
  CHECK(contains(out, "\"type\": \"IRO contact form\""));
  midway_free(out);
  CHECK(midway_note_json(case_json, "MR-9", NULL, &out, &err) == MIDWAY_NOT_FOUND);
  CHECK(midway_note_json(case_json, "MR-1", "letter", &out, &err) == MIDWAY_UNKNOWN_CODE);
  CHECK(strcmp(err.field, "form") == 0);

  /* handles */
  midway_calendar* cal = midway_calendar_new("{\"division\": \"england-and-wales\", \"closures\": [\"2026-12-24\"]}", &err);
  CHECK(cal != NULL);
  midway_policy* pol = midway_policy_new(NULL, &err);
  CHECK(pol != NULL);
  CHECK(midway_calendar_is_working_day(cal, "2026-12-25", &err) == 0);
  CHECK(midway_calendar_is_working_day(cal, "2026-12-24", &err) == 0); /* the closure */
  CHECK(midway_calendar_is_working_day(cal, "2026-12-23", &err) == 1);
  CHECK(midway_calendar_is_working_day(cal, "2026-13-01", &err) == -1 && err.code == MIDWAY_INVALID_DATE);
  CHECK(midway_calendar_is_working_day(NULL, "2026-12-23", &err) == -1 && err.code == MIDWAY_INVALID_ARGUMENT);
  char iso[11];
  midway_calendar* plain = midway_calendar_new(NULL, &err);
  CHECK(midway_calendar_add_working_days(plain, "2026-12-18", 5, iso, &err) == MIDWAY_OK && strcmp(iso, "2026-12-29") == 0);
  CHECK(midway_calendar_add_working_days(plain, "2199-12-30", 5, iso, &err) == MIDWAY_OUT_OF_RANGE && iso[0] == '\0');
  CHECK(midway_calendar_new("{\"division\": 7}", &err) == NULL && err.code == MIDWAY_PARSE_ERROR);
  CHECK(midway_policy_new("{\"policy\": \"mars\"}", &err) == NULL && err.code == MIDWAY_UNKNOWN_CODE);
  CHECK(strcmp(err.field, "options.policy") == 0);
  CHECK(midway_schedule_json_with(plain, pol, case_json, "2026-05-01", &out, &err) == MIDWAY_OK);
  CHECK(out && strcmp(out, expected_schedule) == 0);
  midway_free(out);
  CHECK(midway_schedule_json_with(NULL, pol, case_json, "2026-05-01", &out, &err) == MIDWAY_INVALID_ARGUMENT);
  CHECK(strcmp(err.field, "cal") == 0);
  CHECK(midway_schedule_json_with(plain, NULL, case_json, "2026-05-01", &out, &err) == MIDWAY_INVALID_ARGUMENT);
  CHECK(midway_worklist_json_with(plain, pol, caseload, "2026-07-10", -1, &out, &err) == MIDWAY_OK);
  midway_free(out);
  CHECK(midway_worklist_json_with(plain, pol, caseload, "2026-07-10", 5000, &out, &err) == MIDWAY_OUT_OF_RANGE);
  CHECK(midway_drift_json_with(plain, pol, caseload, "2026-07-10", &out, &err) == MIDWAY_OK);
  midway_free(out);
  CHECK(midway_checklist_proposal_json_with(plain, pol, case_json, "2026-07-20", &out, &err) == MIDWAY_OK);
  midway_free(out);

  /* one pair of handles shared by four threads */
  shared_cal = plain;
  shared_pol = pol;
  pthread_t threads[4];
  for (int i = 0; i < 4; ++i) pthread_create(&threads[i], NULL, schedule_many, NULL);
  for (int i = 0; i < 4; ++i) {
    void* result = NULL;
    pthread_join(threads[i], &result);
    CHECK(result == NULL);
  }

  midway_calendar_free(cal);
  midway_calendar_free(plain);
  midway_policy_free(pol);
  midway_calendar_free(NULL);
  midway_policy_free(NULL);
  midway_free(expected_schedule);
  free(caseload);
  free(text);
  if (failures) {
    fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  printf("c api ok\n");
  return 0;
}
