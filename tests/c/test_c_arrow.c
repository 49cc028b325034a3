/* midway_evaluate_arrow (include/midway/c/midway.h) from C: a stream of events built by hand
 * with the Arrow C Data Interface structs (no Arrow library), the result's schema and values,
 * the errors, and ownership: every input stream is released by midway, every output released
 * here (the asan preset runs this under ASan with leak detection). */
#include <midway/c/midway.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_check.h"

/* ---- A producer: a table of up to 8 columns over static buffers, one batch ---- */

typedef struct column_spec {
  const char* name;
  const char* format;
  int64_t n_buffers;
  const void* buffers[3];
  int64_t null_count;
  /* a dictionary of utf8 values, or dict_length 0 */
  int64_t dict_length;
  const void* dict_buffers[3];
} column_spec;

typedef struct table_spec {
  int64_t length;
  int n_columns;
  column_spec columns[8];
  int fail_schema; /* get_schema returns EIO */
  int released;    /* set when the consumer released the stream */
  int done;
} table_spec;

static void release_schema(struct ArrowSchema* s) {
  for (int64_t i = 0; i < s->n_children; ++i) {
    struct ArrowSchema* c = s->children[i];
    if (c->dictionary) {
      c->dictionary->release = NULL;
      free(c->dictionary);
    }
    free(c);
  }
  free(s->children);
  s->release = NULL;
}

static void release_array(struct ArrowArray* a) {
  for (int64_t i = 0; i < a->n_children; ++i) {
    struct ArrowArray* c = a->children[i];
    if (c->dictionary) free(c->dictionary);
    free(c);
  }
  free(a->children);
  free((void*)a->buffers);
  a->release = NULL;
}

static void release_child_array(struct ArrowArray* a) { a->release = NULL; }
static void release_child_schema(struct ArrowSchema* s) { s->release = NULL; }

static int get_schema(struct ArrowArrayStream* stream, struct ArrowSchema* out) {
  table_spec* t = stream->private_data;
  if (t->fail_schema) return 5; /* EIO */
  memset(out, 0, sizeof *out);
  out->format = "+s";
  out->name = "";
  out->n_children = t->n_columns;
  out->children = calloc((size_t)t->n_columns, sizeof(struct ArrowSchema*));
  for (int i = 0; i < t->n_columns; ++i) {
    struct ArrowSchema* c = calloc(1, sizeof *c);
    c->format = t->columns[i].format;
    c->name = t->columns[i].name;
    c->flags = ARROW_FLAG_NULLABLE;
    c->release = release_child_schema;
    if (t->columns[i].dict_length > 0) {
      c->dictionary = calloc(1, sizeof *c->dictionary);
      c->dictionary->format = "u";
      c->dictionary->name = "";
      c->dictionary->release = release_child_schema;
    }
    out->children[i] = c;
  }
  out->release = release_schema;
  return 0;
}

static int get_next(struct ArrowArrayStream* stream, struct ArrowArray* out) {
  table_spec* t = stream->private_data;
  memset(out, 0, sizeof *out);
  if (t->done) return 0; /* the end: out->release is NULL */
  t->done = 1;
  out->length = t->length;
  out->n_buffers = 1;
  const void** top_buffers = calloc(1, sizeof(void*));
  out->buffers = top_buffers;
  out->n_children = t->n_columns;
  out->children = calloc((size_t)t->n_columns, sizeof(struct ArrowArray*));
  for (int i = 0; i < t->n_columns; ++i) {
    const column_spec* s = &t->columns[i];
    struct ArrowArray* c = calloc(1, sizeof *c);
    c->length = t->length;
    c->null_count = s->null_count;
    c->n_buffers = s->n_buffers;
    c->buffers = (const void**)s->buffers;
    c->release = release_child_array;
    if (s->dict_length > 0) {
      c->dictionary = calloc(1, sizeof *c->dictionary);
      c->dictionary->length = s->dict_length;
      c->dictionary->n_buffers = 3;
      c->dictionary->buffers = (const void**)s->dict_buffers;
      c->dictionary->release = release_child_array;
    }
    out->children[i] = c;
  }
  out->release = release_array;
  return 0;
}

static const char* last_error(struct ArrowArrayStream* stream) {
  (void)stream;
  return "the test's stream failed on purpose";
}

static void release_stream(struct ArrowArrayStream* stream) {
  ((table_spec*)stream->private_data)->released = 1;
  stream->release = NULL;
}

static struct ArrowArrayStream stream_of(table_spec* t) {
  struct ArrowArrayStream s;
  t->released = 0;
  t->done = 0;
  s.get_schema = get_schema;
  s.get_next = get_next;
  s.get_last_error = last_error;
  s.release = release_stream;
  s.private_data = t;
  return s;
}

/* ---- The input: CP-1 (strategy discussion, initial conference, visit) and LAC-1 ---- */

static const int32_t id_offsets[] = {0, 4, 8, 12, 17};
static const char id_text[] = "CP-1CP-1CP-1LAC-1";
static const int8_t kind_indices[] = {1, 1, 1, 0};
static const int32_t kind_offsets[] = {0, 3, 5};
static const char kind_text[] = "LACCP";
static const int32_t event_offsets[] = {0, 19, 37, 42, 62};
static const char event_text[] = "strategy_discussioninitial_conferencevisitstarted_looked_after";
static const int32_t bad_event_offsets[] = {0, 19, 28, 33, 53};
static const char bad_event_text[] = "strategy_discussiontea_partyvisitstarted_looked_after";
static const int32_t dates[] = {20458, 20476, 20483, 20486}; /* 2026-01-05, -01-23, -01-30, -02-02 */
static const uint16_t flags[] = {4, 256, 1, 0};             /* s47_started, plan_started, seen */

static table_spec events_table(void) {
  table_spec t;
  memset(&t, 0, sizeof t);
  t.length = 4;
  t.n_columns = 5;
  t.columns[0] = (column_spec){"case_id", "u", 3, {NULL, id_offsets, id_text}, 0, 0, {NULL, NULL, NULL}};
  t.columns[1] = (column_spec){"case_kind", "c", 2, {NULL, kind_indices, NULL}, 0, 2, {NULL, kind_offsets, kind_text}};
  t.columns[2] = (column_spec){"event_kind", "u", 3, {NULL, event_offsets, event_text}, 0, 0, {NULL, NULL, NULL}};
  t.columns[3] = (column_spec){"event_date", "tdD", 2, {NULL, dates, NULL}, 0, 0, {NULL, NULL, NULL}};
  t.columns[4] = (column_spec){"event_flags", "S", 2, {NULL, flags, NULL}, 0, 0, {NULL, NULL, NULL}};
  return t;
}

/* ---- Reading the output ---- */

static int child_index(const struct ArrowSchema* s, const char* name) {
  for (int64_t i = 0; i < s->n_children; ++i) {
    if (strcmp(s->children[i]->name, name) == 0) return (int)i;
  }
  return -1;
}

/* Row i of a utf8 array (copied into buf). */
static const char* utf8_at(const struct ArrowArray* a, int64_t i, char* buf, size_t cap) {
  const int32_t* o = a->buffers[1];
  const char* text = a->buffers[2];
  size_t n = (size_t)(o[a->offset + i + 1] - o[a->offset + i]);
  if (n >= cap) n = cap - 1;
  memcpy(buf, text + o[a->offset + i], n);
  buf[n] = '\0';
  return buf;
}

/* Row i of a dictionary<int8, utf8> column, as its name. */
static const char* name_at(const struct ArrowArray* a, int64_t i, char* buf, size_t cap) {
  const int8_t* idx = a->buffers[1];
  return utf8_at(a->dictionary, idx[a->offset + i], buf, cap);
}

static int is_null(const struct ArrowArray* a, int64_t i) {
  if (a->null_count == 0 || a->buffers[0] == NULL) return 0;
  const uint8_t* bits = a->buffers[0];
  return ((bits[(a->offset + i) / 8] >> ((a->offset + i) % 8)) & 1) == 0;
}

static void check_result(struct ArrowArrayStream* out) {
  struct ArrowSchema schema;
  struct ArrowArray batch;
  char buf[64];
  CHECK(out->get_schema(out, &schema) == 0);
  CHECK(strcmp(schema.format, "+s") == 0);
  CHECK(schema.n_children == 16);
  static const char* const names[] = {"case", "case_id", "kind", "review_item", "review_due", "review_status",
                                      "midway_due", "midway_status", "visit_due", "visit_status", "core_group_due",
                                      "core_group_status", "visit_gaps", "core_group_gaps", "findings", "finding_rules"};
  static const char* const formats[] = {"i", "u", "c", "c", "tdD", "c", "tdD", "c", "tdD", "c", "tdD", "c", "i", "i", "i", "S"};
  for (int i = 0; i < 16 && i < schema.n_children; ++i) {
    CHECK(strcmp(schema.children[i]->name, names[i]) == 0);
    CHECK(strcmp(schema.children[i]->format, formats[i]) == 0);
    CHECK((schema.children[i]->dictionary != NULL) == (formats[i][0] == 'c'));
  }
  CHECK(out->get_next(out, &batch) == 0);
  CHECK(batch.release != NULL && batch.length == 2);
  if (batch.release && batch.length == 2 && schema.n_children == 16) {
    const struct ArrowArray* const* c = (const struct ArrowArray* const*)batch.children;
    CHECK(strcmp(utf8_at(c[child_index(&schema, "case_id")], 0, buf, sizeof buf), "CP-1") == 0);
    CHECK(strcmp(utf8_at(c[child_index(&schema, "case_id")], 1, buf, sizeof buf), "LAC-1") == 0);
    CHECK(strcmp(name_at(c[child_index(&schema, "kind")], 0, buf, sizeof buf), "CP") == 0);
    CHECK(strcmp(name_at(c[child_index(&schema, "kind")], 1, buf, sizeof buf), "LAC") == 0);
    CHECK(strcmp(name_at(c[child_index(&schema, "review_item")], 0, buf, sizeof buf), "rcpc") == 0);
    CHECK(strcmp(name_at(c[child_index(&schema, "review_item")], 1, buf, sizeof buf), "lac_review") == 0);
    const struct ArrowArray* review_due = c[child_index(&schema, "review_due")];
    CHECK(((const int32_t*)review_due->buffers[1])[0] == 20566); /* 2026-04-23 */
    CHECK(((const int32_t*)review_due->buffers[1])[1] == 20514); /* 2026-03-02 */
    CHECK(strcmp(name_at(c[child_index(&schema, "visit_status")], 0, buf, sizeof buf), "overdue") == 0);
    CHECK(((const int32_t*)c[child_index(&schema, "visit_due")]->buffers[1])[0] == 20497); /* 2026-02-13 */
    const struct ArrowArray* midway_due = c[child_index(&schema, "midway_due")];
    CHECK(midway_due->null_count == 2 && is_null(midway_due, 0) && is_null(midway_due, 1));
    CHECK(strcmp(name_at(c[child_index(&schema, "midway_status")], 1, buf, sizeof buf), "not_applicable") == 0);
    const struct ArrowArray* core_due = c[child_index(&schema, "core_group_due")];
    CHECK(!is_null(core_due, 0) && is_null(core_due, 1));
    CHECK(((const int32_t*)c[child_index(&schema, "findings")]->buffers[1])[0] == 5);
    CHECK(((const int32_t*)c[child_index(&schema, "findings")]->buffers[1])[1] == 2);
    CHECK(((const uint16_t*)c[child_index(&schema, "finding_rules")]->buffers[1])[0] == 397);
    CHECK(((const int32_t*)c[child_index(&schema, "case")]->buffers[1])[1] == 1);
    batch.release(&batch);
  }
  CHECK(out->get_next(out, &batch) == 0 && batch.release == NULL); /* the end */
  schema.release(&schema);
}

/* Runs midway_evaluate_arrow on `t` and checks the failure and that both streams are released. */
static void check_error(midway_calendar* cal, midway_policy* pol, table_spec* t, midway_status status, const char* field,
                        const char* record_id) {
  struct ArrowArrayStream in = stream_of(t);
  struct ArrowArrayStream out;
  midway_error err;
  CHECK(midway_evaluate_arrow(cal, pol, &in, "2026-05-01", 1, &out, &err) == status);
  CHECK(err.code == (int32_t)status);
  if (strcmp(err.field, field) != 0 || strcmp(err.record_id, record_id) != 0) {
    fprintf(stderr, "expected field '%s' record '%s', got '%s' '%s': %s\n", field, record_id, err.field, err.record_id,
            err.message);
    ++failures;
  }
  CHECK(out.release == NULL);
  CHECK(in.release == NULL && t->released);
}

int main(void) {
  midway_error err;
  midway_calendar* cal = midway_calendar_new(NULL, &err);
  midway_policy* pol = midway_policy_new(NULL, &err);
  CHECK(cal && pol);

  /* The evaluation, with 1 and 2 threads. */
  for (uint32_t threads = 1; threads <= 2; ++threads) {
    table_spec t = events_table();
    struct ArrowArrayStream in = stream_of(&t);
    struct ArrowArrayStream out;
    CHECK(midway_evaluate_arrow(cal, pol, &in, "2026-05-01", threads, &out, &err) == MIDWAY_OK);
    CHECK(err.code == MIDWAY_OK && err.field[0] == '\0');
    CHECK(in.release == NULL && t.released); /* consumed */
    if (out.release) {
      check_result(&out);
      out.release(&out);
    }
  }

  /* A missing column, a type not read, an unknown column, an unknown kind name. */
  table_spec t = events_table();
  t.columns[3] = t.columns[4];
  t.n_columns = 4;
  check_error(cal, pol, &t, MIDWAY_INVALID_ARGUMENT, "event_date", "");
  t = events_table();
  t.columns[3].format = "i";
  check_error(cal, pol, &t, MIDWAY_INVALID_ARGUMENT, "event_date", "");
  t = events_table();
  t.columns[4].name = "event_note";
  check_error(cal, pol, &t, MIDWAY_UNKNOWN_CODE, "event_note", "");
  t = events_table();
  t.columns[2].buffers[1] = bad_event_offsets;
  t.columns[2].buffers[2] = bad_event_text;
  check_error(cal, pol, &t, MIDWAY_UNKNOWN_CODE, "event_kind[1]", "CP-1");
  /* A null event date, and dates out of order: the rules' checks, named by column and row. */
  t = events_table();
  static const uint8_t validity[] = {0x0D}; /* row 1 null */
  t.columns[3].buffers[0] = validity;
  t.columns[3].null_count = 1;
  check_error(cal, pol, &t, MIDWAY_OUT_OF_RANGE, "event_date[1]", "CP-1");
  t = events_table();
  static const int32_t unordered[] = {20476, 20458, 20483, 20486};
  t.columns[3].buffers[1] = unordered;
  check_error(cal, pol, &t, MIDWAY_INVALID_ARGUMENT, "event_date[1]", "CP-1");
  /* The stream fails; the as-of date is no date; a NULL handle. */
  t = events_table();
  t.fail_schema = 1;
  check_error(cal, pol, &t, MIDWAY_INVALID_ARGUMENT, "in", "");
  {
    table_spec u = events_table();
    struct ArrowArrayStream in = stream_of(&u);
    struct ArrowArrayStream out;
    CHECK(midway_evaluate_arrow(cal, pol, &in, "2026-02-30", 1, &out, &err) == MIDWAY_INVALID_DATE);
    CHECK(strcmp(err.field, "as_of") == 0 && in.release == NULL && u.released && out.release == NULL);
    in = stream_of(&u);
    CHECK(midway_evaluate_arrow(NULL, pol, &in, "2026-05-01", 1, &out, &err) == MIDWAY_INVALID_ARGUMENT);
    CHECK(strcmp(err.field, "cal") == 0 && u.released);
    in = stream_of(&u);
    CHECK(midway_evaluate_arrow(cal, pol, &in, "2026-05-01", 1, NULL, &err) == MIDWAY_INVALID_ARGUMENT);
    CHECK(strcmp(err.field, "out") == 0 && u.released);
    CHECK(midway_evaluate_arrow(cal, pol, NULL, "2026-05-01", 1, &out, &err) == MIDWAY_INVALID_ARGUMENT);
    CHECK(strcmp(err.field, "in") == 0 && out.release == NULL);
    /* A stream already released. */
    CHECK(midway_evaluate_arrow(cal, pol, &in, "2026-05-01", 1, &out, &err) == MIDWAY_INVALID_ARGUMENT);
    CHECK(strcmp(err.field, "in") == 0);
  }

  midway_policy_free(pol);
  midway_calendar_free(cal);
  if (failures) {
    fprintf(stderr, "%d failures\n", failures);
    return 1;
  }
  printf("c arrow ok\n");
  return 0;
}
