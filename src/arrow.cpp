// Columns in and out through the Arrow C Data and C Stream Interfaces (midway/arrow.hpp).
#include <midway/arrow.hpp>

#include <midway/detail/enum_traits.hpp>
#include <midway/drift.hpp>
#include <midway/schedule.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <numeric>
#include <optional>
#include <unordered_set>

namespace midway::arrow {

namespace {
alignas(8) constexpr std::byte zeros[8]{};
}  // namespace

const void* empty_buffer() noexcept { return zeros; }

std::string column_field(std::string_view field) {
  for (const auto& [path, name] : column_names) {
    if (field.starts_with(path) && (field.size() == path.size() || field[path.size()] == '[')) {
      return std::string(name) + std::string(field.substr(path.size()));
    }
  }
  return std::string(field);
}

void detail::rethrow_with_column_names(const error& e) {
  const std::string field = column_field(e.field());
  if (field == e.field()) throw;
  throw_error(e.code(), e.message(), field, e.record_id());
}

// ---------------------------------------------------------------------------------------------
// Out

std::byte* table::buffer(std::size_t bytes) {
  // Whole 8-byte words, so the memory is 8-aligned.
  const std::size_t words = (std::max<std::size_t>(bytes, 8) + 7) / 8;
  owned_.emplace_back(words * 8);
  return owned_.back().data();
}

void table::utf8(column& col, std::span<const std::string_view> text) {
  std::size_t total = 0;
  std::int64_t nulls = 0;
  for (const auto& s : text) {
    total += s.size();
    nulls += s.data() == nullptr ? 1 : 0;
  }
  const bool large = total > static_cast<std::size_t>(INT32_MAX);
  col.format = large ? "U" : "u";
  std::byte* data = buffer(total);
  auto fill = [&](auto* offsets) {
    using O = std::remove_pointer_t<decltype(offsets)>;
    std::size_t at = 0;
    offsets[0] = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (!text[i].empty()) std::memcpy(data + at, text[i].data(), text[i].size());
      at += text[i].size();
      offsets[i + 1] = static_cast<O>(at);
    }
  };
  const void* offsets = nullptr;
  if (large) {
    auto* o = reinterpret_cast<std::int64_t*>(buffer((text.size() + 1) * 8));
    fill(o);
    offsets = o;
  } else {
    auto* o = reinterpret_cast<std::int32_t*>(buffer((text.size() + 1) * 4));
    fill(o);
    offsets = o;
  }
  col.null_count = nulls;
  const void* validity =
      nulls == 0 ? nullptr : bitmap(static_cast<std::int64_t>(text.size()), [&](std::int64_t i) { return text[static_cast<std::size_t>(i)].data() != nullptr; });
  col.buffers = {validity, offsets, data};
}

void table::dictionary_of(column& col, std::span<const std::string_view> names) {
  column values;
  utf8(values, names);
  col.dictionary = true;
  col.dictionary_length = static_cast<std::int64_t>(names.size());
  col.dictionary_buffers = values.buffers;
}

namespace {

// Schemas: each node owns its strings and its children; the release callback of a node
// releases the children not moved out, then the node.
struct schema_node {
  std::string format, name;
  std::vector<std::unique_ptr<ArrowSchema>> owned_children;
  std::vector<ArrowSchema*> children;
  std::unique_ptr<ArrowSchema> dictionary;
};

void release_schema(ArrowSchema* s) {
  auto* node = static_cast<schema_node*>(s->private_data);
  for (ArrowSchema* c : node->children) {
    if (c->release) c->release(c);
  }
  if (node->dictionary && node->dictionary->release) node->dictionary->release(node->dictionary.get());
  delete node;
  s->release = nullptr;
}

void fill_schema(ArrowSchema* out, std::string format, std::string name, std::int64_t flags, schema_node* node) {
  node->format = std::move(format);
  node->name = std::move(name);
  *out = ArrowSchema{};
  out->format = node->format.c_str();
  out->name = node->name.c_str();
  out->metadata = nullptr;
  out->flags = flags;
  out->n_children = static_cast<std::int64_t>(node->children.size());
  out->children = node->children.empty() ? nullptr : node->children.data();
  out->dictionary = node->dictionary.get();
  out->release = &release_schema;
  out->private_data = node;
}

// Arrays: the same shape, each node holding the table alive.
struct array_node {
  std::shared_ptr<const table> keep;
  std::vector<const void*> buffers;
  std::vector<std::unique_ptr<ArrowArray>> owned_children;
  std::vector<ArrowArray*> children;
  std::unique_ptr<ArrowArray> dictionary;
};

void release_array(ArrowArray* a) {
  auto* node = static_cast<array_node*>(a->private_data);
  for (ArrowArray* c : node->children) {
    if (c->release) c->release(c);
  }
  if (node->dictionary && node->dictionary->release) node->dictionary->release(node->dictionary.get());
  delete node;  // the last node of an export drops the table
  a->release = nullptr;
}

void fill_array(ArrowArray* out, std::int64_t length, std::int64_t null_count, array_node* node) {
  *out = ArrowArray{};
  out->length = length;
  out->null_count = null_count;
  out->offset = 0;
  out->n_buffers = static_cast<std::int64_t>(node->buffers.size());
  out->n_children = static_cast<std::int64_t>(node->children.size());
  out->buffers = node->buffers.empty() ? nullptr : node->buffers.data();
  out->children = node->children.empty() ? nullptr : node->children.data();
  out->dictionary = node->dictionary.get();
  out->release = &release_array;
  out->private_data = node;
}

// The stream: one record batch, then the end.
struct stream_state {
  std::shared_ptr<const table> t;
  bool done = false;
};

int stream_get_schema(ArrowArrayStream* s, ArrowSchema* out) {
  try {
    export_schema(*static_cast<stream_state*>(s->private_data)->t, out);
    return 0;
  } catch (...) {
    return ENOMEM;
  }
}

int stream_get_next(ArrowArrayStream* s, ArrowArray* out) {
  auto* state = static_cast<stream_state*>(s->private_data);
  if (state->done) {
    *out = ArrowArray{};
    out->release = nullptr;
    return 0;
  }
  try {
    export_struct_array(state->t, out);
    state->done = true;
    return 0;
  } catch (...) {
    return ENOMEM;
  }
}

const char* stream_last_error(ArrowArrayStream*) { return "out of memory"; }

void stream_release(ArrowArrayStream* s) {
  delete static_cast<stream_state*>(s->private_data);
  s->release = nullptr;
}

}  // namespace

void export_schema(const table& t, ArrowSchema* out) {
  auto top = std::make_unique<schema_node>();
  // Each child is complete (release set) as soon as it is in `top`, so a failure part way
  // releases what was built.
  struct cleanup {
    schema_node* node;
    ~cleanup() {
      if (!node) return;
      for (ArrowSchema* c : node->children) {
        if (c->release) c->release(c);
      }
    }
  } guard{top.get()};
  for (const auto& col : t.columns) {
    auto child = std::make_unique<ArrowSchema>();
    auto node = std::make_unique<schema_node>();
    if (col.dictionary) {
      node->dictionary = std::make_unique<ArrowSchema>();
      fill_schema(node->dictionary.get(), "u", "", 0, new schema_node);
    }
    top->children.reserve(top->children.size() + 1);
    top->owned_children.reserve(top->owned_children.size() + 1);
    fill_schema(child.get(), col.format, col.name, ARROW_FLAG_NULLABLE, node.release());
    top->children.push_back(child.get());
    top->owned_children.push_back(std::move(child));
  }
  guard.node = nullptr;
  fill_schema(out, "+s", "", 0, top.release());
}

void export_struct_array(std::shared_ptr<const table> t, ArrowArray* out) {
  auto top = std::make_unique<array_node>(array_node{.keep = t, .buffers = {nullptr}, .owned_children = {}, .children = {}, .dictionary = {}});
  struct cleanup {
    array_node* node;
    ~cleanup() {
      if (!node) return;
      for (ArrowArray* c : node->children) {
        if (c->release) c->release(c);
      }
    }
  } guard{top.get()};
  for (const auto& col : t->columns) {
    auto child = std::make_unique<ArrowArray>();
    auto node = std::make_unique<array_node>(array_node{.keep = t, .buffers = col.buffers, .owned_children = {}, .children = {}, .dictionary = {}});
    if (col.dictionary) {
      node->dictionary = std::make_unique<ArrowArray>();
      fill_array(node->dictionary.get(), col.dictionary_length, 0,
                 new array_node{.keep = t, .buffers = col.dictionary_buffers, .owned_children = {}, .children = {}, .dictionary = {}});
    }
    top->children.reserve(top->children.size() + 1);
    top->owned_children.reserve(top->owned_children.size() + 1);
    fill_array(child.get(), t->length, col.null_count, node.release());
    top->children.push_back(child.get());
    top->owned_children.push_back(std::move(child));
  }
  guard.node = nullptr;
  const std::int64_t length = t->length;
  fill_array(out, length, 0, top.release());
}

void export_stream(std::shared_ptr<const table> t, ArrowArrayStream* out) {
  auto state = std::make_unique<stream_state>(stream_state{.t = std::move(t), .done = false});
  *out = ArrowArrayStream{};
  out->get_schema = &stream_get_schema;
  out->get_next = &stream_get_next;
  out->get_last_error = &stream_last_error;
  out->release = &stream_release;
  out->private_data = state.release();
}

std::shared_ptr<table> result_table(bulk_result&& result, std::span<const std::string> case_ids, std::span<const case_kind> kinds) {
  auto r = std::make_shared<bulk_result>(std::move(result));
  auto t = std::make_shared<table>();
  t->keep = r;
  const auto n = static_cast<std::int64_t>(r->size());
  if (case_ids.size() != r->size() || kinds.size() != r->size()) {
    throw invalid_argument_error("one case id and kind per case of the result are required", "case_ids");
  }
  t->length = n;
  auto data = [&](const auto& v) -> const void* { return v.empty() ? empty_buffer() : static_cast<const void*>(v.data()); };
  auto add = [&](std::string name, std::string format, std::vector<const void*> buffers, std::int64_t nulls = 0) -> column& {
    t->columns.push_back(column{.name = std::move(name), .format = std::move(format), .null_count = nulls, .buffers = std::move(buffers),
                                .dictionary = false, .dictionary_length = 0, .dictionary_buffers = {}});
    return t->columns.back();
  };
  auto* rows = reinterpret_cast<std::int32_t*>(t->buffer(static_cast<std::size_t>(n) * 4));
  std::iota(rows, rows + n, 0);
  add("case", "i", {nullptr, rows});
  {
    std::vector<std::string_view> ids(case_ids.begin(), case_ids.end());
    for (auto& id : ids) {
      if (id.data() == nullptr) id = std::string_view("", 0);
    }
    column& c = add("case_id", "u", {});
    t->utf8(c, ids);
  }
  auto enum_column = [&](std::string name, const void* codes, std::span<const std::string_view> names) {
    column& c = add(std::move(name), "c", {nullptr, codes});
    t->dictionary_of(c, names);
  };
  static constexpr auto case_kinds = midway::detail::names_in_order<case_kind>();
  static constexpr auto item_kinds = midway::detail::names_in_order<item_kind>();
  static constexpr auto statuses = midway::detail::names_in_order<item_status>();
  auto* kind_codes = reinterpret_cast<std::uint8_t*>(t->buffer(static_cast<std::size_t>(n)));
  for (std::int64_t i = 0; i < n; ++i) kind_codes[i] = static_cast<std::uint8_t>(kinds[static_cast<std::size_t>(i)]);
  enum_column("kind", kind_codes, case_kinds);
  auto dates = [&](std::string name, const std::vector<std::int32_t>& v) {
    std::int64_t nulls = 0;
    for (const auto d : v) nulls += d == no_date ? 1 : 0;
    const void* validity = nulls == 0 ? nullptr : t->bitmap(n, [&](std::int64_t i) { return v[static_cast<std::size_t>(i)] != no_date; });
    add(std::move(name), "tdD", {validity, data(v)}, nulls);
  };
  enum_column("review_item", data(r->review_kind), item_kinds);
  dates("review_due", r->review_due);
  enum_column("review_status", data(r->review_status), statuses);
  dates("midway_due", r->midway_due);
  enum_column("midway_status", data(r->midway_status), statuses);
  dates("visit_due", r->visit_due);
  enum_column("visit_status", data(r->visit_status), statuses);
  dates("core_group_due", r->core_group_due);
  enum_column("core_group_status", data(r->core_group_status), statuses);
  add("visit_gaps", "i", {nullptr, data(r->visit_gaps)});
  add("core_group_gaps", "i", {nullptr, data(r->core_group_gaps)});
  add("findings", "i", {nullptr, data(r->findings)});
  add("finding_rules", "S", {nullptr, data(r->finding_rules)});
  return t;
}

// ---------------------------------------------------------------------------------------------
// In

namespace {

struct owned_array {
  ArrowArray array{};
  owned_array() = default;
  owned_array(const owned_array&) = delete;
  owned_array& operator=(const owned_array&) = delete;
  ~owned_array() {
    if (array.release) array.release(&array);
  }
};
struct owned_schema {
  ArrowSchema schema{};
  owned_schema() = default;
  owned_schema(const owned_schema&) = delete;
  owned_schema& operator=(const owned_schema&) = delete;
  ~owned_schema() {
    if (schema.release) schema.release(&schema);
  }
};

// The columns of the events table, and what each accepts.
enum class col { event_case, event_kind, event_date, event_flags, event_other_date, case_id, child_id, case_kind, partial_history, short_breaks };
constexpr std::array<std::string_view, 10> table_columns{"event_case", "event_kind", "event_date", "event_flags", "event_other_date",
                                                         "case_id",    "child_id",   "case_kind",  "partial_history", "short_breaks"};
constexpr std::array<bool, 10> required_column{false, true, true, false, false, true, false, true, false, false};

enum class type { integer, boolean, date32, strings, dictionary, other };

bool is_string_format(std::string_view f) { return f == "u" || f == "U" || f == "vu"; }
bool is_index_format(std::string_view f) { return f.size() == 1 && std::string_view("cCsSiIlL").find(f[0]) != std::string_view::npos; }

type type_of(const ArrowSchema& s) {
  const std::string_view f = s.format ? s.format : "";
  if (s.dictionary) {
    return is_index_format(f) && s.dictionary->format && is_string_format(s.dictionary->format) ? type::dictionary : type::other;
  }
  if (is_index_format(f)) return type::integer;
  if (f == "b") return type::boolean;
  if (f == "tdD") return type::date32;
  if (is_string_format(f)) return type::strings;
  return type::other;
}

bool accepts(col c, type t) {
  switch (c) {
    case col::event_case:
    case col::event_flags: return t == type::integer;
    case col::event_kind:
    case col::case_kind: return t == type::integer || t == type::strings || t == type::dictionary;
    case col::event_date:
    case col::event_other_date: return t == type::date32;
    case col::case_id:
    case col::child_id: return t == type::strings || t == type::dictionary;
    case col::partial_history:
    case col::short_breaks: return t == type::boolean || t == type::integer;
  }
  return false;
}

const char* expected(col c) {
  switch (c) {
    case col::event_case:
    case col::event_flags: return "integers";
    case col::event_kind:
    case col::case_kind: return "names (strings or a dictionary of strings) or integer codes";
    case col::event_date:
    case col::event_other_date: return "date32";
    case col::case_id:
    case col::child_id: return "strings or a dictionary of strings";
    case col::partial_history:
    case col::short_breaks: return "booleans or integers 0/1";
  }
  return "";
}

std::string at(std::string_view column, std::int64_t row) { return std::string(column) + "[" + std::to_string(row) + "]"; }

bool valid(const ArrowArray& a, std::int64_t i) {
  if (a.null_count == 0 || a.n_buffers == 0 || a.buffers[0] == nullptr) return true;
  const auto bit = a.offset + i;
  return (static_cast<const std::uint8_t*>(a.buffers[0])[bit / 8] >> (bit % 8) & 1) != 0;
}

std::int64_t integer_at(char format, const void* data, std::int64_t r) {
  switch (format) {
    case 'c': return static_cast<const std::int8_t*>(data)[r];
    case 'C': return static_cast<const std::uint8_t*>(data)[r];
    case 's': return static_cast<const std::int16_t*>(data)[r];
    case 'S': return static_cast<const std::uint16_t*>(data)[r];
    case 'i': return static_cast<const std::int32_t*>(data)[r];
    case 'I': return static_cast<const std::uint32_t*>(data)[r];
    case 'l': return static_cast<const std::int64_t*>(data)[r];
    default: {
      const std::uint64_t v = static_cast<const std::uint64_t*>(data)[r];
      return v > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(v);
    }
  }
}

// A string array (utf8, large_utf8 or utf8_view), read row by row.
struct string_array {
  std::string_view format;
  const ArrowArray* a = nullptr;

  std::string_view operator()(std::int64_t i) const {
    const auto r = a->offset + i;
    if (format == "u") {
      const auto* o = static_cast<const std::int32_t*>(a->buffers[1]);
      return {static_cast<const char*>(a->buffers[2]) + o[r], static_cast<std::size_t>(o[r + 1] - o[r])};
    }
    if (format == "U") {
      const auto* o = static_cast<const std::int64_t*>(a->buffers[1]);
      return {static_cast<const char*>(a->buffers[2]) + o[r], static_cast<std::size_t>(o[r + 1] - o[r])};
    }
    // utf8_view: 16 bytes a row: the length, then the text inline (up to 12 bytes) or a
    // prefix, the buffer index and the offset.
    const auto* v = static_cast<const std::byte*>(a->buffers[1]) + r * 16;
    std::int32_t len = 0, index = 0, offset = 0;
    std::memcpy(&len, v, 4);
    if (len <= 12) return {reinterpret_cast<const char*>(v + 4), static_cast<std::size_t>(std::max(len, 0))};
    std::memcpy(&index, v + 8, 4);
    std::memcpy(&offset, v + 12, 4);
    if (index < 0 || 2 + static_cast<std::int64_t>(index) >= a->n_buffers - 1) return {};
    return {static_cast<const char*>(a->buffers[2 + index]) + offset, static_cast<std::size_t>(len)};
  }
};

// One column of one batch: the batch's child with the batch's offset applied.
struct batch_column {
  ArrowArray a;
  const ArrowSchema* s;
  std::string_view name;
  std::int64_t base;  // rows of the earlier batches

  void refuse_nulls() const {
    if (a.null_count == 0 || a.n_buffers == 0 || a.buffers[0] == nullptr) return;
    for (std::int64_t i = 0; i < a.length; ++i) {
      if (!valid(a, i)) throw invalid_argument_error("a null where a value is required", at(name, base + i));
    }
  }
  std::int64_t integer(std::int64_t i) const { return integer_at(s->format[0], a.buffers[1], a.offset + i); }
};

// Calls f(i, value) for each row i of an integer column (or the indices of a dictionary), in a
// loop over the column's own type (no per-row dispatch). uint64 values past INT64_MAX are given
// as INT64_MAX.
template <class F>
void each_integer(const batch_column& c, F&& f) {
  const auto n = c.a.length;
  auto run = [&](const auto* p) {
    p += c.a.offset;
    for (std::int64_t i = 0; i < n; ++i) f(i, static_cast<std::int64_t>(p[i]));
  };
  const void* data = c.a.buffers[1];
  switch (c.s->format[0]) {
    case 'c': run(static_cast<const std::int8_t*>(data)); break;
    case 'C': run(static_cast<const std::uint8_t*>(data)); break;
    case 's': run(static_cast<const std::int16_t*>(data)); break;
    case 'S': run(static_cast<const std::uint16_t*>(data)); break;
    case 'i': run(static_cast<const std::int32_t*>(data)); break;
    case 'I': run(static_cast<const std::uint32_t*>(data)); break;
    case 'l': run(static_cast<const std::int64_t*>(data)); break;
    default: {
      const auto* p = static_cast<const std::uint64_t*>(data) + c.a.offset;
      for (std::int64_t i = 0; i < n; ++i) f(i, p[i] > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(p[i]));
    }
  }
}

// The strings of a string or dictionary column of a batch: text(i), and for a dictionary the
// key of a row (equal keys, equal text) so that runs are found without comparing text.
struct strings_of {
  const batch_column& c;
  bool dict;
  string_array values;

  explicit strings_of(const batch_column& bc) : c(bc), dict(bc.s->dictionary != nullptr) {
    if (dict) {
      if (!bc.a.dictionary) throw invalid_argument_error("a dictionary column without its dictionary", std::string(bc.name));
      values = string_array{bc.s->dictionary->format, bc.a.dictionary};
    } else {
      values = string_array{bc.s->format, &bc.a};
    }
  }
  std::int64_t key(std::int64_t i) const {
    const std::int64_t k = c.integer(i);
    if (k < 0 || k >= values.a->length) throw invalid_argument_error("a dictionary index is out of range", at(c.name, c.base + i));
    return k;
  }
  std::string_view text(std::int64_t i) const { return dict ? values(key(i)) : values(i); }
};

// An enum column (event_kind, case_kind): codes from integers, names or a dictionary of names.
void read_codes(const batch_column& c, std::span<const std::string_view> names, std::vector<std::uint8_t>& out,
                const std::vector<std::int32_t>* row_case, const std::vector<std::string>& ids) {
  c.refuse_nulls();
  const auto n = c.a.length;
  auto record = [&](std::int64_t i) { return row_case ? ids[static_cast<std::size_t>((*row_case)[static_cast<std::size_t>(c.base + i)])] : std::string(); };
  auto code_of = [&](std::string_view name) -> std::int64_t {
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : it - names.begin();
  };
  auto unknown = [&](std::int64_t i, std::string_view name) {
    throw unknown_code_error("'" + std::string(name.substr(0, 40)) + "' is not a known name", at(c.name, c.base + i), record(i));
  };
  const std::size_t start = out.size();
  out.resize(start + static_cast<std::size_t>(n));
  std::uint8_t* o = out.data() + start;
  if (c.s->dictionary == nullptr && is_index_format(c.s->format)) {
    each_integer(c, [&](std::int64_t i, std::int64_t v) {
      if (v < 0 || v > 255) throw out_of_range_error("the code " + std::to_string(v) + " is out of range", at(c.name, c.base + i), record(i));
      o[i] = static_cast<std::uint8_t>(v);
    });
    return;
  }
  const strings_of s(c);
  if (s.dict) {
    std::vector<std::int64_t> code(static_cast<std::size_t>(s.values.a->length));
    for (std::int64_t k = 0; k < s.values.a->length; ++k) code[static_cast<std::size_t>(k)] = code_of(s.values(k));
    const auto size = static_cast<std::int64_t>(code.size());
    each_integer(c, [&](std::int64_t i, std::int64_t k) {
      if (k < 0 || k >= size) throw invalid_argument_error("a dictionary index is out of range", at(c.name, c.base + i), record(i));
      if (code[static_cast<std::size_t>(k)] < 0) unknown(i, s.values(k));
      o[i] = static_cast<std::uint8_t>(code[static_cast<std::size_t>(k)]);
    });
    return;
  }
  std::string_view last;
  std::int64_t last_code = -1;
  for (std::int64_t i = 0; i < n; ++i) {
    const std::string_view name = s.text(i);
    if (last_code < 0 || name != last) {
      last = name;
      last_code = code_of(name);
      if (last_code < 0) unknown(i, name);
    }
    o[i] = static_cast<std::uint8_t>(last_code);
  }
}

template <class T>
void read_integers(const batch_column& c, std::int64_t lo, std::int64_t hi, std::vector<T>& out, const std::vector<std::int32_t>& row_case,
                   const std::vector<std::string>& ids) {
  c.refuse_nulls();
  const auto n = c.a.length;
  const std::size_t start = out.size();
  out.resize(start + static_cast<std::size_t>(n));
  T* o = out.data() + start;
  each_integer(c, [&](std::int64_t i, std::int64_t v) {
    if (v < lo || v > hi) {
      throw out_of_range_error("the value " + std::to_string(v) + " is out of range", at(c.name, c.base + i),
                               ids[static_cast<std::size_t>(row_case[static_cast<std::size_t>(c.base + i)])]);
    }
    o[i] = static_cast<T>(v);
  });
}

void read_dates(const batch_column& c, bool nulls_ok, std::vector<std::int32_t>& out, const std::vector<std::int32_t>& row_case,
                const std::vector<std::string>& ids) {
  const auto n = c.a.length;
  const std::size_t start = out.size();
  out.resize(start + static_cast<std::size_t>(n));
  const auto* v = static_cast<const std::int32_t*>(c.a.buffers[1]) + c.a.offset;
  if (n > 0) std::memcpy(out.data() + start, v, static_cast<std::size_t>(n) * 4);
  if (c.a.null_count == 0 || c.a.buffers[0] == nullptr) return;
  for (std::int64_t i = 0; i < n; ++i) {
    if (valid(c.a, i)) continue;
    if (!nulls_ok) {
      throw out_of_range_error("no date where a date is required", at(c.name, c.base + i),
                               ids[static_cast<std::size_t>(row_case[static_cast<std::size_t>(c.base + i)])]);
    }
    out[start + static_cast<std::size_t>(i)] = no_date;
  }
}

[[noreturn]] void stream_failed(ArrowArrayStream& s, int code, const char* what, std::string_view field) {
  const char* detail = s.get_last_error ? s.get_last_error(&s) : nullptr;
  throw invalid_argument_error(std::string("the Arrow stream failed to give its ") + what + " (" +
                                   (detail ? std::string(detail).substr(0, 200) : "error " + std::to_string(code)) + ")",
                               std::string(field));
}

}  // namespace

events_read read_events_in_place(ArrowArrayStream& stream_in, std::string_view what) {
  if (!stream_in.release) throw invalid_argument_error("the Arrow stream was already released", std::string(what));
  // Moved here: released when this returns or throws.
  struct owned_stream {
    ArrowArrayStream s;
    ~owned_stream() {
      if (s.release) s.release(&s);
    }
  } stream{stream_in};
  stream_in.release = nullptr;
  ArrowArrayStream& s = stream.s;

  owned_schema schema;
  if (const int rc = s.get_schema(&s, &schema.schema); rc != 0) stream_failed(s, rc, "schema", what);
  const ArrowSchema& top = schema.schema;
  if (!top.format || std::string_view(top.format) != "+s") {
    throw invalid_argument_error("expected a stream of record batches (a struct type)", std::string(what));
  }
  // Which child is which column.
  std::array<std::int64_t, table_columns.size()> child{};
  child.fill(-1);
  for (std::int64_t k = 0; k < top.n_children; ++k) {
    const std::string_view name = top.children[k]->name ? top.children[k]->name : "";
    const auto it = std::find(table_columns.begin(), table_columns.end(), name);
    if (it == table_columns.end()) {
      std::string names;
      for (auto x : table_columns) names += (names.empty() ? "" : ", ") + std::string(x);
      throw unknown_code_error("'" + std::string(name.substr(0, 60)) + "' is not a column of the events table; expected " + names,
                               std::string(name.substr(0, 60)));
    }
    const auto c = static_cast<std::size_t>(it - table_columns.begin());
    if (child[c] >= 0) throw invalid_argument_error("the column appears twice", std::string(name));
    child[c] = k;
  }
  for (std::size_t c = 0; c < table_columns.size(); ++c) {
    if (child[c] < 0 && required_column[c]) {
      throw invalid_argument_error("the table has no '" + std::string(table_columns[c]) + "' column", std::string(table_columns[c]));
    }
    if (child[c] >= 0) {
      const ArrowSchema& cs = *top.children[child[c]];
      if (!accepts(static_cast<col>(c), type_of(cs))) {
        throw invalid_argument_error("the Arrow type '" + std::string(cs.format ? cs.format : "").substr(0, 20) + "' is not read here; expected " +
                                         expected(static_cast<col>(c)),
                                     std::string(table_columns[c]));
      }
    }
  }
  auto has = [&](col c) { return child[static_cast<std::size_t>(c)] >= 0; };

  static constexpr auto case_kind_names = midway::detail::names_in_order<case_kind>();
  events_read result;
  case_columns& cases = result.columns.cases;
  event_columns& events = result.columns.events;
  std::vector<std::uint8_t> case_kind_codes;  // per row, checked per case below
  std::vector<std::uint8_t> partial, breaks;  // per case
  // Every batch, alive to the end: the case ids seen point into them, and the views into the one
  // batch of a single-batch stream.
  auto batches = std::make_shared<std::vector<std::unique_ptr<owned_array>>>();
  for (;;) {
    auto batch = std::make_unique<owned_array>();
    if (const int rc = s.get_next(&s, &batch->array); rc != 0) stream_failed(s, rc, "next batch", what);
    if (!batch->array.release) break;  // the end
    if (batch->array.n_children != top.n_children) throw invalid_argument_error("a batch does not match the stream's schema", std::string(what));
    batches->push_back(std::move(batch));
  }
  // In one batch, the event columns already in the columns' own type are read where they are.
  const bool in_place = batches->size() == 1;
  std::span<const std::uint8_t> kind_view;
  std::span<const std::int32_t> date_view, other_date_view;
  std::span<const std::uint16_t> flags_view;
  auto no_nulls = [](const batch_column& c) { return c.a.null_count == 0 || c.a.n_buffers == 0 || c.a.buffers[0] == nullptr; };
  auto span_of = [](const batch_column& c, auto* type) {
    using T = std::remove_pointer_t<decltype(type)>;
    const auto n = static_cast<std::size_t>(c.a.length);
    if (n == 0) return std::span<const T>();
    return std::span<const T>(static_cast<const T*>(c.a.buffers[1]) + c.a.offset, n);
  };
  std::unordered_set<std::string_view> seen;
  std::string_view last_id;
  std::vector<std::string_view> child_first;  // the child id at each case's first row
  std::int64_t rows = 0;
  for (const auto& batch : *batches) {
    const ArrowArray& b = batch->array;
    auto column_of = [&](col c) {
      const auto k = child[static_cast<std::size_t>(c)];
      ArrowArray a = *b.children[k];
      a.offset += b.offset;  // a struct's offset applies to its children
      a.length = b.length;
      return batch_column{a, top.children[k], table_columns[static_cast<std::size_t>(c)], rows};
    };
    const auto n = b.length;
    // Room for this batch (at least doubling, so that many small batches stay linear).
    auto grow = [&](auto& v) {
      const auto need = static_cast<std::size_t>(rows + n);
      if (v.capacity() < need) v.reserve(std::max(need, 2 * v.capacity()));
    };
    grow(events.case_index);
    grow(events.kind);
    grow(events.date);
    grow(events.flags);
    grow(events.other_date);
    grow(case_kind_codes);
    // The cases: runs of one case id.
    {
      const batch_column c = column_of(col::case_id);
      c.refuse_nulls();
      const strings_of ids(c);
      const std::size_t start = events.case_index.size();
      events.case_index.resize(start + static_cast<std::size_t>(n));
      std::int32_t* row_case_out = events.case_index.data() + start;
      auto row = [&](std::int64_t i, std::string_view id) {
        if (cases.case_id.empty() || id != last_id) {
          if (!seen.insert(id).second) {
            throw invalid_argument_error("the events of a case must be consecutive rows", at("case_id", rows + i), std::string(id));
          }
          if (cases.case_id.size() >= static_cast<std::size_t>(INT32_MAX)) throw out_of_range_error("too many cases", at("case_id", rows + i));
          cases.case_id.emplace_back(id);
          last_id = id;
        }
        row_case_out[i] = static_cast<std::int32_t>(cases.case_id.size() - 1);
      };
      if (ids.dict) {
        // Rows with the index of the row before are the same case without comparing text.
        std::int64_t last_key = -1;
        const std::int64_t size = ids.values.a->length;
        each_integer(c, [&](std::int64_t i, std::int64_t k) {
          if (k < 0 || k >= size) throw invalid_argument_error("a dictionary index is out of range", at("case_id", rows + i));
          if (k == last_key) {
            row_case_out[i] = static_cast<std::int32_t>(cases.case_id.size() - 1);
            return;
          }
          last_key = k;
          row(i, ids.values(k));
        });
      } else {
        for (std::int64_t i = 0; i < n; ++i) row(i, ids.values(i));
      }
    }
    const std::vector<std::int32_t>& row_case = events.case_index;
    auto record = [&](std::int64_t row) { return cases.case_id[static_cast<std::size_t>(row_case[static_cast<std::size_t>(row)])]; };
    if (has(col::event_case)) {
      const batch_column c = column_of(col::event_case);
      c.refuse_nulls();
      const std::int32_t* expect = row_case.data() + rows;
      each_integer(c, [&](std::int64_t i, std::int64_t v) {
        if (v != expect[i]) {
          throw invalid_argument_error("event_case does not follow the runs of case_id", at("event_case", rows + i), record(rows + i));
        }
      });
    }
    {
      // event_kind in place: uint8 codes, or a dictionary equal to event_kind_names() in order with
      // 8-bit indices (a negative int8 index reads as a code past the table: validate() refuses it).
      const batch_column c = column_of(col::event_kind);
      bool as_codes = in_place && no_nulls(c) && (std::string_view(c.s->format) == "C" || std::string_view(c.s->format) == "c");
      if (as_codes && c.s->dictionary) {
        const auto names = event_kind_names();
        const ArrowArray* d = c.a.dictionary;
        as_codes = d && is_string_format(c.s->dictionary->format) && d->length <= static_cast<std::int64_t>(names.size()) &&
                   (d->null_count == 0 || d->buffers[0] == nullptr);
        const string_array values{c.s->dictionary->format, d};
        for (std::int64_t k = 0; as_codes && k < d->length; ++k) as_codes = values(k) == names[static_cast<std::size_t>(k)];
      } else if (as_codes) {
        as_codes = std::string_view(c.s->format) == "C";
      }
      if (as_codes) {
        kind_view = span_of(c, static_cast<std::uint8_t*>(nullptr));
      } else {
        read_codes(c, event_kind_names(), events.kind, &row_case, cases.case_id);
      }
    }
    if (const batch_column c = column_of(col::event_date); in_place && no_nulls(c)) {
      date_view = span_of(c, static_cast<std::int32_t*>(nullptr));
    } else {
      read_dates(c, false, events.date, row_case, cases.case_id);
    }
    if (has(col::event_flags)) {
      const batch_column c = column_of(col::event_flags);
      if (in_place && no_nulls(c) && std::string_view(c.s->format) == "S") {
        flags_view = span_of(c, static_cast<std::uint16_t*>(nullptr));
      } else {
        read_integers<std::uint16_t>(c, 0, UINT16_MAX, events.flags, row_case, cases.case_id);
      }
    } else {
      events.flags.resize(events.flags.size() + static_cast<std::size_t>(n), 0);
    }
    if (has(col::event_other_date)) {
      const batch_column c = column_of(col::event_other_date);
      if (in_place && no_nulls(c)) {
        other_date_view = span_of(c, static_cast<std::int32_t*>(nullptr));
      } else {
        read_dates(c, true, events.other_date, row_case, cases.case_id);
      }
    } else {
      events.other_date.resize(events.other_date.size() + static_cast<std::size_t>(n), no_date);
    }
    read_codes(column_of(col::case_kind), case_kind_names, case_kind_codes, &row_case, cases.case_id);
    // A 0/1 case column: its value at each case's first row, checked on the case's other rows.
    auto case_flag = [&](col which, std::vector<std::uint8_t>& per_case) {
      const batch_column c = column_of(which);
      c.refuse_nulls();
      auto row_value = [&](std::int64_t i, std::int64_t v) {
        const auto row = rows + i;
        if (v < 0 || v > 1) throw out_of_range_error("the value " + std::to_string(v) + " is out of range", at(c.name, row), record(row));
        const auto k = static_cast<std::size_t>(row_case[static_cast<std::size_t>(row)]);
        if (k == per_case.size()) {
          per_case.push_back(static_cast<std::uint8_t>(v));
        } else if (per_case[k] != v) {
          throw invalid_argument_error("a case column must be the same on every row of the case", at(c.name, row), record(row));
        }
      };
      if (c.s->format[0] == 'b') {
        const auto* bits = static_cast<const std::uint8_t*>(c.a.buffers[1]);
        for (std::int64_t i = 0; i < n; ++i) {
          const auto bit = c.a.offset + i;
          row_value(i, (bits[bit / 8] >> (bit % 8)) & 1);
        }
      } else {
        each_integer(c, row_value);
      }
    };
    if (has(col::partial_history)) case_flag(col::partial_history, partial);
    if (has(col::short_breaks)) case_flag(col::short_breaks, breaks);
    if (has(col::child_id)) {
      const batch_column c = column_of(col::child_id);
      c.refuse_nulls();
      const strings_of ids(c);
      for (std::int64_t i = 0; i < n; ++i) {
        const auto row = static_cast<std::size_t>(rows + i);
        const std::string_view id = ids.text(i);
        const auto k = static_cast<std::size_t>(row_case[row]);
        if (k == child_first.size()) {
          child_first.push_back(id);
        } else if (id != child_first[k]) {
          throw invalid_argument_error("a case column must be the same on every row of the case", at("child_id", rows + i), record(rows + i));
        }
      }
    }
    rows += n;
  }
  // The case columns: each case's first row, the same on all its rows.
  const std::size_t n_cases = cases.case_id.size();
  const std::size_t n_rows = events.case_index.size();
  auto per_case = [&](const std::vector<std::uint8_t>& by_row, std::string_view name) {
    std::vector<std::uint8_t> v(n_cases);
    for (std::size_t i = 0; i < n_rows; ++i) {
      const auto k = static_cast<std::size_t>(events.case_index[i]);
      if (i == 0 || events.case_index[i - 1] != events.case_index[i]) {
        v[k] = by_row[i];
      } else if (by_row[i] != v[k]) {
        throw invalid_argument_error("a case column must be the same on every row of the case", at(name, static_cast<std::int64_t>(i)),
                                     cases.case_id[k]);
      }
    }
    return v;
  };
  const auto kinds = per_case(case_kind_codes, "case_kind");
  cases.kind.reserve(n_cases);
  for (const auto k : kinds) cases.kind.push_back(static_cast<case_kind>(k));
  cases.partial_history = has(col::partial_history) ? std::move(partial) : std::vector<std::uint8_t>(n_cases, 0);
  if (has(col::short_breaks)) cases.short_breaks = std::move(breaks);
  if (has(col::child_id)) {
    cases.child_id.assign(child_first.begin(), child_first.end());
  } else {
    cases.child_id = cases.case_id;
  }
  event_columns_view ev(events);
  if (in_place) {
    if (!kind_view.empty() || events.kind.empty()) ev.kind = kind_view;
    if (!date_view.empty() || events.date.empty()) ev.date = date_view;
    if (!flags_view.empty() || events.flags.empty()) ev.flags = flags_view;
    if (!other_date_view.empty() || events.other_date.empty()) ev.other_date = other_date_view;
  }
  result.view = caseload_view(result.columns.cases, ev);
  result.keep = std::move(batches);
  return result;
}

caseload_columns read_events(ArrowArrayStream& stream, std::string_view what) {
  events_read r = read_events_in_place(stream, what);
  caseload_columns& c = r.columns;
  // Copies of the columns read in place.
  auto own = [](auto& store, auto view) {
    if (store.data() != view.data() || store.size() != view.size()) store.assign(view.begin(), view.end());
  };
  own(c.events.kind, r.view.events.kind);
  own(c.events.date, r.view.events.date);
  own(c.events.flags, r.view.events.flags);
  own(c.events.other_date, r.view.events.other_date);
  return std::move(r.columns);
}

}  // namespace midway::arrow
