"""The DuckDB peer: one SQL query (staged CTEs, window functions) over the event columns handed to DuckDB as
Arrow; due dates looked up by joins on a per-day table (DayTables) registered the same way."""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]

from .common import (
    CORE_GROUP_GAP,
    CSE,
    MIDWAY_DATE_NOT_SET,
    MISSING,
    NONE,
    NO_OVERSIGHT,
    NO_PLAN_UPDATE,
    OVERDUE_CORE_GROUP,
    OVERDUE_MIDWAY,
    OVERDUE_REVIEW,
    OVERDUE_VISIT,
    OVERSIGHT,
    PLAN_OPEN_18,
    PLAN_OPEN_24,
    PLAN_UPDATED,
    RISK_NOT_RESPONDED,
    VISIT_GAP,
    CASE_CP,
    CASE_LAC,
    CEASED,
    CORE_GROUP,
    CORRECTION,
    ICPC,
    LAC_REVIEW,
    LONG_TERM,
    MIDWAY,
    NOT_REQUIRED,
    PLACED_WITH_PARENT,
    PLACEMENT,
    PLAN_CONTINUES,
    PLAN_ENDED,
    PLAN_STARTED,
    RCPC,
    S47,
    S47_STARTED,
    SEEN,
    STARTED,
    STRATEGY,
    TEMPORARY_APPROVAL,
    TRANSFER_IN,
    TRANSFER_NOTIFIED,
    VISIT,
    DayTables,
)

NAME = "duckdb"
FAR = 2**31 - 1

RULES = (OVERDUE_REVIEW, OVERDUE_MIDWAY, OVERDUE_VISIT, OVERDUE_CORE_GROUP, VISIT_GAP, CORE_GROUP_GAP, NO_PLAN_UPDATE, NO_OVERSIGHT,
         RISK_NOT_RESPONDED, PLAN_OPEN_18, PLAN_OPEN_24, MIDWAY_DATE_NOT_SET)

QUERY = f"""
WITH
e AS (SELECT cid, kind, day, flags, other, row FROM ev WHERE day <= $as_of),
ends AS (
  SELECT DISTINCT cid FROM e
  WHERE flags & {CORRECTION} = 0 AND (kind IN ({PLAN_ENDED}, {CEASED}) OR (kind = {RCPC} AND flags & {PLAN_CONTINUES} = 0)
                                     OR (kind = {ICPC} AND flags & {PLAN_STARTED} = 0))),
-- child protection
conf AS (
  SELECT cid, min(day) AS start, max(day) AS last, arg_max(kind, row) AS last_kind, arg_max_null(other, row) AS last_other
  FROM e WHERE kind IN ({ICPC}, {RCPC}, {TRANSFER_IN}) GROUP BY cid),
-- the ICPC counts from the FIRST strategy discussion that started a s.47 enquiry (else the first s.47 start); a
-- transfer-in notified while no conference is held yet is due from the first notification
strategy AS (SELECT cid, min(day) AS strategy FROM e WHERE kind = {STRATEGY} AND flags & {S47_STARTED} <> 0 GROUP BY cid),
s47 AS (SELECT cid, min(day) AS s47 FROM e WHERE kind = {S47} GROUP BY cid),
notified AS (SELECT cid, min(day) AS notified FROM e WHERE kind = {TRANSFER_NOTIFIED} GROUP BY cid),
cp_v AS (
  SELECT e.cid, e.day, coalesce(lag(e.day) OVER (PARTITION BY e.cid ORDER BY e.row), conf.start) AS anchor
  FROM e JOIN conf USING (cid) WHERE e.kind = {VISIT} AND e.flags & {SEEN} <> 0 AND e.day >= conf.start),
cp_visits AS (
  SELECT cid, sum(CASE WHEN day > t.wd10 THEN 1 ELSE 0 END) AS visit_gaps, max(day) AS last_visit
  FROM cp_v JOIN cal t ON t.d = cp_v.anchor GROUP BY cid),
cp_g AS (
  SELECT e.cid, e.day, lag(e.day) OVER (PARTITION BY e.cid ORDER BY e.row) AS prev, conf.start
  FROM e JOIN conf USING (cid) WHERE e.kind = {CORE_GROUP} AND e.day >= conf.start),
cp_groups AS (
  SELECT cid, sum(CASE WHEN day > (CASE WHEN prev IS NULL THEN s.wd10 ELSE p.wk6 END) THEN 1 ELSE 0 END) AS core_group_gaps,
         max(day) AS last_group
  FROM cp_g JOIN cal s ON s.d = cp_g.start LEFT JOIN cal p ON p.d = cp_g.prev GROUP BY cid),
cp AS (
  SELECT k.cid,
         CASE WHEN conf.start IS NOT NULL THEN 'rcpc' WHEN notified.notified IS NOT NULL THEN 'transfer_in_conference'
              ELSE 'icpc' END AS review_item,
         CASE WHEN conf.start IS NULL THEN ts.wd15 WHEN conf.last_kind = {RCPC} THEN tl.m6 ELSE tl.m3 END AS review_due,
         tv.wd10 AS visit_due,
         CASE WHEN cp_groups.last_group IS NOT NULL THEN tg.wk6 ELSE tst.wd10 END AS core_group_due,
         CASE WHEN conf.last_kind = {RCPC} THEN conf.last END AS midway_anchor,
         CASE WHEN conf.last_kind = {RCPC} THEN coalesce(conf.last_other, tl.d84) END AS midway_due,
         coalesce(conf.last_kind = {RCPC} AND conf.last_other IS NULL, false) AS midway_unset,
         cp_visits.visit_gaps, cp_groups.core_group_gaps
  FROM cases k
  LEFT JOIN conf USING (cid) LEFT JOIN strategy USING (cid) LEFT JOIN s47 USING (cid) LEFT JOIN notified USING (cid)
  LEFT JOIN cp_visits USING (cid) LEFT JOIN cp_groups USING (cid)
  LEFT JOIN cal ts ON ts.d = coalesce(notified.notified, strategy.strategy, s47.s47)
  LEFT JOIN cal tl ON tl.d = conf.last
  LEFT JOIN cal tst ON tst.d = conf.start
  LEFT JOIN cal tv ON tv.d = coalesce(cp_visits.last_visit, conf.start)
  LEFT JOIN cal tg ON tg.d = cp_groups.last_group
  WHERE k.ckind = {CASE_CP}),
-- looked after children
care AS (SELECT cid, min(day) AS start FROM e WHERE kind = {STARTED} GROUP BY cid),
le AS (
  SELECT e.* FROM e LEFT JOIN care USING (cid)
  WHERE e.kind IN ({PLACEMENT}, {LAC_REVIEW}, {VISIT}) AND (care.start IS NULL OR e.day >= care.start)),
reviews AS (
  SELECT cid, count(*) AS n, min(day) AS first_review, max(day) AS last_review, arg_max_null(other, row) AS review_other
  FROM le WHERE kind = {LAC_REVIEW} GROUP BY cid),
placements AS (SELECT cid, max(day) AS placement, arg_max(flags, row) AS pflags FROM le WHERE kind = {PLACEMENT} GROUP BY cid),
lac0 AS (
  SELECT k.cid, care.start, coalesce(reviews.n, 0) AS n, reviews.last_review, reviews.review_other,
         coalesce(placements.placement, care.start, reviews.first_review) AS place,
         coalesce(placements.pflags & {PLACED_WITH_PARENT | TEMPORARY_APPROVAL} <> 0, false) AS weekly,
         coalesce(placements.pflags & {LONG_TERM} <> 0, false) AS long_term
  FROM cases k LEFT JOIN care USING (cid) LEFT JOIN reviews USING (cid) LEFT JOIN placements USING (cid)
  WHERE k.ckind = {CASE_LAC} AND (care.start IS NOT NULL OR reviews.n IS NOT NULL)),
after_place AS (
  SELECT le.cid, min(le.day) AS review_after_place FROM le JOIN lac0 USING (cid)
  WHERE le.kind = {LAC_REVIEW} AND le.day >= lac0.place GROUP BY le.cid),
lac AS (
  SELECT lac0.*, t.m12 AS first_year_end, coalesce(after_place.review_after_place, {FAR}) AS review_after_place
  FROM lac0 JOIN cal t ON t.d = lac0.place LEFT JOIN after_place USING (cid)),
lac_v AS (
  SELECT le.cid, le.day, lag(le.day) OVER (PARTITION BY le.cid ORDER BY le.row) AS prev,
         lac.place, lac.weekly, lac.long_term, lac.first_year_end, lac.review_after_place
  FROM le JOIN lac USING (cid) WHERE le.kind = {VISIT} AND le.flags & {SEEN} <> 0 AND le.day >= lac.place),
lac_visits AS (
  SELECT cid,
         sum(CASE WHEN day > (CASE WHEN prev IS NULL THEN t.wk1
                                   WHEN weekly AND review_after_place > t.wk1 THEN t.wk1
                                   WHEN prev < first_year_end THEN t.wk6
                                   WHEN long_term THEN t.m3 ELSE t.wk6 END) THEN 1 ELSE 0 END) AS visit_gaps,
         max(day) AS last_visit
  FROM lac_v JOIN cal t ON t.d = coalesce(prev, place) GROUP BY cid),
lac1 AS (
  SELECT lac.cid, lac.n, lac.start, lac.last_review, lac.review_other, lac_visits.visit_gaps,
         CASE WHEN lac.start IS NULL THEN tr.m6 WHEN lac.n = 0 THEN tr.wd20 WHEN lac.n = 1 THEN tr.m3 ELSE tr.m6 END AS review_due,
         CASE WHEN lac_visits.last_visit IS NULL THEN tv.wk1
              WHEN weekly AND review_after_place > tv.wk1 THEN tv.wk1
              WHEN lac_visits.last_visit < first_year_end THEN tv.wk6
              WHEN long_term THEN tv.m3 ELSE tv.wk6 END AS visit_due
  FROM lac LEFT JOIN lac_visits USING (cid)
  JOIN cal tr ON tr.d = coalesce(lac.last_review, lac.start)
  JOIN cal tv ON tv.d = coalesce(lac_visits.last_visit, lac.place)),
lac_out AS (
  SELECT lac1.cid, 'lac_review' AS review_item, review_due, visit_due, NULL::INTEGER AS core_group_due,
         CASE WHEN mid THEN last_review END AS midway_anchor,
         CASE WHEN mid THEN coalesce(review_other, th.back0) END AS midway_due,
         six AND review_other IS NULL AS midway_unset,
         visit_gaps, NULL::HUGEINT AS core_group_gaps
  -- a midway date set at the first (or second) review is honoured too, outside the 6-monthly intervals
  FROM (SELECT *, six OR (n >= 1 AND review_other IS NOT NULL) AS mid
        FROM (SELECT *, (n >= 2 OR (n >= 1 AND start IS NULL)) AS six FROM lac1)) lac1
  LEFT JOIN cal th ON th.d = lac1.last_review + (lac1.review_due - lac1.last_review) // 2),
-- midway reviews held or not required, and the statuses
items AS (
  SELECT cid, review_item, review_due, visit_due, core_group_due, midway_anchor, midway_due, midway_unset, visit_gaps, core_group_gaps
  FROM cp
  UNION ALL
  SELECT cid, review_item, review_due, visit_due, core_group_due, midway_anchor, midway_due, midway_unset, visit_gaps, core_group_gaps
  FROM lac_out),
closed AS (
  SELECT e.cid, arg_max(e.flags, e.row) AS closed_flags FROM e JOIN items USING (cid)
  WHERE e.kind = {MIDWAY} AND items.midway_anchor IS NOT NULL
    AND (e.day > items.midway_anchor OR (e.day = items.midway_anchor AND e.flags & {NOT_REQUIRED} <> 0))
  GROUP BY e.cid),
dues AS (
  SELECT k.cid, coalesce(items.review_item, CASE WHEN k.ckind = {CASE_LAC} THEN 'lac_review' ELSE 'icpc' END) AS review_item,
         CASE WHEN ends.cid IS NULL THEN items.review_due END AS review_due,
         CASE WHEN ends.cid IS NULL THEN items.midway_due END AS midway_due,
         CASE WHEN ends.cid IS NULL THEN items.visit_due END AS visit_due,
         CASE WHEN ends.cid IS NULL THEN items.core_group_due END AS core_group_due,
         closed.closed_flags, items.midway_anchor, items.midway_unset,
         coalesce(items.visit_gaps, 0)::INTEGER AS visit_gaps, coalesce(items.core_group_gaps, 0)::INTEGER AS core_group_gaps
  FROM cases k LEFT JOIN items USING (cid) LEFT JOIN ends USING (cid) LEFT JOIN closed USING (cid)),
res AS (
  SELECT cid, review_item,
         review_due, status(review_due) AS review_status,
         midway_due,
         CASE WHEN midway_due IS NOT NULL AND closed_flags IS NOT NULL
              THEN CASE WHEN closed_flags & {NOT_REQUIRED} <> 0 THEN 'not_required' ELSE 'done' END
              ELSE status(midway_due) END AS midway_status,
         visit_due, status(visit_due) AS visit_status,
         core_group_due, status(core_group_due) AS core_group_status,
         visit_gaps, core_group_gaps, midway_anchor, midway_unset
  FROM dues),
-- drift (docs/drift.md): what a plan or care still open is found to lack
facts AS (
  SELECT cid,
         max(day) FILTER (WHERE kind IN ({ICPC}, {RCPC}, {TRANSFER_IN}, {CORE_GROUP})) AS plan_meeting,
         max(day) FILTER (WHERE kind = {PLAN_UPDATED}) AS plan_update,
         coalesce(max(day) FILTER (WHERE kind = {OVERSIGHT}), min(day) FILTER (WHERE kind IN ({ICPC}, {TRANSFER_IN}, {STARTED})))
           AS oversight_anchor,
         max(day) FILTER (WHERE (kind = {ICPC} AND flags & {PLAN_STARTED} <> 0) OR kind = {TRANSFER_IN}) AS plan_start
  FROM e GROUP BY cid),
-- a missing episode or CSE concern on a CP case with no strategy discussion or s.47 start within
-- risk_response_within: the first response on or after it, by an as-of join
risks AS (
  SELECT e.cid, e.day, t.wd3 AS lim FROM e JOIN cases k USING (cid) JOIN cal t ON t.d = e.day
  WHERE e.kind IN ({MISSING}, {CSE}) AND k.ckind = {CASE_CP}),
responses AS (SELECT cid, day AS response FROM e WHERE kind IN ({STRATEGY}, {S47})),
unanswered AS (
  SELECT risks.cid, count(*) AS unanswered FROM risks ASOF LEFT JOIN responses
    ON risks.cid = responses.cid AND responses.response >= risks.day
  WHERE (responses.response IS NULL OR responses.response > risks.lim) AND risks.lim < $as_of
  GROUP BY risks.cid),
counts AS (
  SELECT res.*, k.ckind = {CASE_CP} AS cp, ends.cid IS NOT NULL AS ended,
         (review_status = 'overdue')::INTEGER AS r{OVERDUE_REVIEW},
         (midway_status = 'overdue')::INTEGER AS r{OVERDUE_MIDWAY},
         (visit_status = 'overdue')::INTEGER AS r{OVERDUE_VISIT},
         (core_group_status = 'overdue')::INTEGER AS r{OVERDUE_CORE_GROUP},
         visit_gaps AS r{VISIT_GAP},
         core_group_gaps AS r{CORE_GROUP_GAP},
         coalesce(k.ckind = {CASE_CP} AND f.plan_meeting IS NOT NULL AND NOT coalesce(f.plan_update >= f.plan_meeting, false)
                  AND tm.wd10 < $as_of, false)::INTEGER AS r{NO_PLAN_UPDATE},
         coalesce(ta.m3 < $as_of, false)::INTEGER AS r{NO_OVERSIGHT},
         coalesce(u.unanswered, 0)::INTEGER AS r{RISK_NOT_RESPONDED},
         coalesce(k.ckind = {CASE_CP} AND tp.m18 <= $as_of, false)::INTEGER AS r{PLAN_OPEN_18},
         coalesce(k.ckind = {CASE_CP} AND tp.m24 <= $as_of, false)::INTEGER AS r{PLAN_OPEN_24},
         -- a 6-monthly review that set no midway date, its midway review still to come, from the day after it
         coalesce(midway_unset AND midway_status IN ('overdue', 'due_soon', 'upcoming') AND midway_anchor < $as_of,
                  false)::INTEGER AS r{MIDWAY_DATE_NOT_SET}
  FROM res JOIN cases k USING (cid) LEFT JOIN facts f USING (cid) LEFT JOIN unanswered u USING (cid)
  LEFT JOIN ends USING (cid)
  LEFT JOIN cal tm ON tm.d = f.plan_meeting LEFT JOIN cal ta ON ta.d = f.oversight_anchor LEFT JOIN cal tp ON tp.d = f.plan_start)
SELECT cid AS "case", review_item, review_due, review_status, midway_due, midway_status, visit_due, visit_status,
       core_group_due, core_group_status, visit_gaps, core_group_gaps,
       CASE WHEN ended THEN 0 ELSE {" + ".join(f"r{b}" for b in RULES)} END::INTEGER AS findings,
       CASE WHEN ended THEN 0 ELSE {" + ".join(f"(r{b} > 0)::INTEGER * {1 << b}" for b in RULES)} END::USMALLINT AS finding_rules
FROM counts ORDER BY cid
"""


def connect(threads: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads)}")
    return con


def run(cols: Mapping[str, npt.NDArray[np.generic]], as_of: int, soon: int, tables: DayTables,
        con: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
    """One row per case, in case order, as an Arrow table (days as int32, null for none)."""
    con = con if con is not None else connect(1)
    n_events = len(cols["event_kind"])
    other = cols["event_other_date"]
    ev = pa.table({
        "cid": cols["event_case"],
        "kind": cols["event_kind"],
        "day": cols["event_date"],  # int32 days since 1970
        "flags": cols["event_flags"],
        "other": pa.array(other, mask=other == NONE),  # no date: -2**31 in the columns, null here
        "row": np.arange(n_events, dtype=np.int32),
    })
    cases = pa.table({"cid": np.arange(len(cols["case_kind"]), dtype=np.int32), "ckind": cols["case_kind"]})
    cal = pa.table({"d": tables.day, **tables.t})
    con.register("ev", ev)
    con.register("cases", cases)
    con.register("cal", cal)
    con.execute(f"""CREATE OR REPLACE TEMP MACRO status(due) AS
        CASE WHEN due IS NULL THEN 'not_applicable' WHEN due < {as_of} THEN 'overdue'
             WHEN due <= {soon} THEN 'due_soon' ELSE 'upcoming' END""")
    out = con.sql(QUERY, params={"as_of": as_of}).to_arrow_table()
    for name in ("ev", "cases", "cal"):
        con.unregister(name)
    return out


def to_columns(out: pa.Table) -> dict[str, npt.NDArray[np.generic]]:
    """The result as numpy arrays (for the check; not timed)."""
    return {name: out[name].to_numpy() for name in out.column_names}
