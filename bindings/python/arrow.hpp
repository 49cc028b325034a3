// Columns in and out of the Python module through the Arrow PyCapsule interface
// (https://arrow.apache.org/docs/format/CDataInterface/PyCapsuleInterface.html), over the
// Arrow C Data and C Stream Interface structs (include/midway/detail/arrow_c_abi.h). No Arrow
// library is needed at build or run time.
//
// Any columnar object of the package is a `Columns` (a dict of 1-d numpy arrays and
// pandas.Categorical, one per column, all of one length) and so exports itself through
// export_stream / export_array; any object with __arrow_c_stream__ is read by read_events.
// The Arrow structs are built and read by the library (midway/arrow.hpp), as for the C API.
#pragma once

#include <midway/arrow.hpp>
#include <midway/columnar.hpp>

#include <pybind11/pybind11.h>

#include <map>
#include <span>
#include <string>
#include <string_view>

namespace midway::python::arrow {

// Export. `columns` is a mapping of column name -> value, each value one of:
//   - a 1-d numpy array of (u)int8/16/32/64 or float32/64: the array's own memory, no copy
//     (a non-contiguous array is made contiguous first);
//   - a pandas.Categorical: dictionary<int8|int16|int32 codes, utf8>, the codes' own memory, no
//     copy (code -1 is null);
//   - bool: Arrow boolean (bit-packed: a copy);
//   - datetime64[D]: date32 (a copy, int64 -> int32), NaT null; datetime64 of s/ms/us/ns:
//     timestamp of that unit, no copy, NaT null;
//   - object arrays of str (None is null): utf8, or large_utf8 past 2 GiB of text (a copy).
// A validity bitmap is built only for a column that has nulls. Every value must have the
// first one's length. Throws invalid_argument_error naming the column for anything else.
// The arrays exported are kept alive until the consumer releases what it imported (the
// release callbacks take the GIL to drop them, from any thread).
// `requested_schema` is accepted and not honoured: the consumer gets the columns' own types,
// as the PyCapsule interface allows.
//
// A capsule "arrow_array_stream" of one stream giving the table as one record batch; each call
// gives a fresh stream.
pybind11::capsule export_stream(pybind11::handle columns, pybind11::handle requested_schema);
// (capsule "arrow_schema", capsule "arrow_array") of the table as one struct array.
pybind11::tuple export_array(pybind11::handle columns, pybind11::handle requested_schema);

// The class midway._core.Columns: a dict (so pandas.DataFrame(columns) and everything taking a
// dict of arrays keep working) with __arrow_c_stream__ and __arrow_c_array__ exporting its
// current contents. Created by register_arrow().
pybind11::object columns_type();
// Columns(d).
pybind11::object make_columns(pybind11::dict d);
void register_arrow(pybind11::module_& m);

// A class `name` of midway._core deriving from `base` (a dict type) with no instance dict, whose
// __arrow_c_stream__ and __arrow_c_array__ call `stream` and `array`; set as m.<name>. Columns
// and CaseloadColumns are both made by it.
using arrow_export = pybind11::object (*)(pybind11::handle self, pybind11::handle requested_schema);
pybind11::object define_columns_class(pybind11::module_& m, const char* name, pybind11::handle base, const char* doc,
                                      arrow_export stream, const char* stream_doc, arrow_export array, const char* array_doc);

// Import. Reads `source.__arrow_c_stream__()` (a pyarrow Table, a Polars DataFrame, a DuckDB
// relation, ...) as the one-row-per-event table of a caseload with midway::arrow::read_events
// (midway/arrow.hpp: the columns, the types read, the errors); an error about the stream itself
// names "data". The stream is consumed (a second call on an object that gives a single-use
// stream gets the producer's error). The GIL is held throughout.
caseload_columns read_events(pybind11::handle source);
// As read_events, with midway::arrow::read_events_in_place: the event columns of a one-batch
// table in the columns' own type are read where they are (the batch is held by the result).
midway::arrow::events_read read_events_in_place(pybind11::handle source);

// True for an object to read with read_events: it has __arrow_c_stream__ and is not a dict.
bool is_arrow_source(pybind11::handle value);

}  // namespace midway::python::arrow
