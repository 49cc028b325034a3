"""The Polars peer: lazy, staged queries over the event columns, due dates looked up in DayTables.

Set POLARS_MAX_THREADS before this module is imported (bench_peers.py runs each thread count in its own
process).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import polars as pl

from .common import (
    CASE_CP,
    CASE_LAC,
    CEASED,
    CORE_GROUP,
    CORE_GROUP_GAP,
    CORRECTION,
    CSE,
    ICPC,
    LAC_REVIEW,
    LONG_TERM,
    MIDWAY,
    MIDWAY_DATE_NOT_SET,
    MISSING,
    NO_OVERSIGHT,
    NO_PLAN_UPDATE,
    NONE,
    NOT_REQUIRED,
    OVERDUE_CORE_GROUP,
    OVERDUE_MIDWAY,
    OVERDUE_REVIEW,
    OVERDUE_VISIT,
    OVERSIGHT,
    PLACED_WITH_PARENT,
    PLACEMENT,
    PLAN_CONTINUES,
    PLAN_ENDED,
    PLAN_OPEN_18,
    PLAN_OPEN_24,
    PLAN_STARTED,
    PLAN_UPDATED,
    RCPC,
    RISK_NOT_RESPONDED,
    S47,
    S47_STARTED,
    SEEN,
    STARTED,
    STRATEGY,
    TEMPORARY_APPROVAL,
    TRANSFER_IN,
    TRANSFER_NOTIFIED,
    VISIT,
    VISIT_GAP,
    DayTables,
)

NAME = "polars"
FAR = 2**31 - 1


def run(cols: Mapping[str, npt.NDArray[np.generic]], as_of: int, soon: int, tables: DayTables) -> pl.DataFrame:
    """One row per case, in case order: the result columns the peer covers (days as Int32, null for none)."""
    lo = tables.lo
    lut = {k: pl.Series(k, v) for k, v in tables.t.items()}

    def look(table: str, day: pl.Expr) -> pl.Expr:
        return pl.lit(lut[table]).gather(day - lo)

    def has(bit: int) -> pl.Expr:
        return (pl.col("flags") & bit) != 0

    day, kind = pl.col("day"), pl.col("kind")
    # The events are grouped by case in date order, so the previous event of the same case is the previous
    # row when its case is the same (cheaper than day.shift(1).over("case"), the same answer).
    previous = pl.when(pl.col("case") == pl.col("case").shift(1)).then(day.shift(1))
    cases = pl.LazyFrame({"case": np.arange(len(cols["case_kind"]), dtype=np.int32), "ckind": cols["case_kind"]})
    ev = (
        pl.LazyFrame({"case": cols["event_case"], "kind": cols["event_kind"], "date": cols["event_date"],
                      "flags": cols["event_flags"], "other_date": cols["event_other_date"]})
        # int32 days since 1970; no other date is -2**31 in the columns, null here
        .select("case", "kind", "flags", day=pl.col("date"), other=pl.when(pl.col("other_date") != NONE).then(pl.col("other_date")))
        .filter(day <= as_of)
    )

    # ---- the end of the plan or care ----
    ends = (
        ev.filter(~has(CORRECTION) & (kind.is_in([PLAN_ENDED, CEASED]) | ((kind == RCPC) & ~has(PLAN_CONTINUES))
                                      | ((kind == ICPC) & ~has(PLAN_STARTED))))
        .group_by("case").agg(ended=pl.lit(True))
    )

    # ---- child protection ----
    conf = (
        ev.filter(kind.is_in([ICPC, RCPC, TRANSFER_IN])).group_by("case")
        .agg(start=day.first(), last=day.last(), last_kind=kind.last(), last_other=pl.col("other").last())
    )
    # The ICPC counts from the FIRST strategy discussion that started a s.47 enquiry (else the first s.47 start); a
    # transfer-in notified while no conference is held yet is due from the first notification.
    strategy = ev.filter((kind == STRATEGY) & has(S47_STARTED)).group_by("case").agg(strategy=day.first())
    s47 = ev.filter(kind == S47).group_by("case").agg(s47=day.first())
    notified = ev.filter(kind == TRANSFER_NOTIFIED).group_by("case").agg(notified=day.first())
    starts = conf.select("case", "start")
    cp_visits = (
        ev.filter((kind == VISIT) & has(SEEN)).join(starts, on="case", maintain_order="left").filter(day >= pl.col("start"))
        .with_columns(prev=previous)
        .with_columns(late=day > look("wd10", pl.coalesce("prev", "start")))
        .group_by("case").agg(visit_gaps=pl.col("late").sum(), last_visit=day.last())
    )
    groups = (
        ev.filter(kind == CORE_GROUP).join(starts, on="case", maintain_order="left").filter(day >= pl.col("start"))
        .with_columns(prev=previous)
        .with_columns(limit=pl.when(pl.col("prev").is_null()).then(look("wd10", pl.col("start"))).otherwise(look("wk6", pl.col("prev"))))
        .group_by("case").agg(core_group_gaps=(day > pl.col("limit")).sum(), last_group=day.last())
    )
    start, last, last_kind = pl.col("start"), pl.col("last"), pl.col("last_kind")
    cp = (
        cases.filter(pl.col("ckind") == CASE_CP).join(conf, on="case", how="left").join(strategy, on="case", how="left")
        .join(s47, on="case", how="left").join(notified, on="case", how="left").join(cp_visits, on="case", how="left")
        .join(groups, on="case", how="left")
        .select(
            "case",
            "visit_gaps",
            "core_group_gaps",
            review_item=pl.when(start.is_not_null()).then(pl.lit("rcpc"))
            .when(pl.col("notified").is_not_null()).then(pl.lit("transfer_in_conference")).otherwise(pl.lit("icpc")),
            review_due=pl.when(start.is_null()).then(look("wd15", pl.coalesce("notified", "strategy", "s47")))
            .when(last_kind == RCPC).then(look("m6", last)).otherwise(look("m3", last)),
            visit_due=look("wd10", pl.coalesce("last_visit", "start")),
            core_group_due=pl.when(pl.col("last_group").is_not_null()).then(look("wk6", pl.col("last_group")))
            .otherwise(look("wd10", start)),
            midway_anchor=pl.when(last_kind == RCPC).then(last),
            midway_due=pl.when(last_kind == RCPC).then(pl.coalesce("last_other", look("d84", last))),
            midway_unset=(last_kind == RCPC) & pl.col("last_other").is_null(),
        )
    )

    # ---- looked after children ----
    care = ev.filter(kind == STARTED).group_by("case").agg(start=day.first())
    lac_ev = (
        ev.filter(kind.is_in([PLACEMENT, LAC_REVIEW, VISIT])).join(care, on="case", how="left", maintain_order="left")
        .filter(day >= pl.col("start").fill_null(-FAR))
    )
    reviews = (
        lac_ev.filter(kind == LAC_REVIEW).group_by("case")
        .agg(reviews=pl.len(), first_review=day.first(), last_review=day.last(), review_other=pl.col("other").last())
    )
    placements = lac_ev.filter(kind == PLACEMENT).group_by("case").agg(placement=day.last(), pflags=pl.col("flags").last())
    lac = (
        cases.filter(pl.col("ckind") == CASE_LAC).join(care, on="case", how="left").join(reviews, on="case", how="left")
        .join(placements, on="case", how="left")
        .filter(pl.col("start").is_not_null() | pl.col("reviews").is_not_null())
        .with_columns(
            place=pl.coalesce("placement", "start", "first_review"),
            weekly=pl.col("placement").is_not_null() & ((pl.col("pflags") & (PLACED_WITH_PARENT | TEMPORARY_APPROVAL)) != 0),
            long_term=pl.col("placement").is_not_null() & ((pl.col("pflags") & LONG_TERM) != 0),
            reviews=pl.col("reviews").fill_null(0),
        )
        .with_columns(first_year_end=look("m12", pl.col("place")))
    )
    review_after_place = (
        lac_ev.filter(kind == LAC_REVIEW).join(lac.select("case", "place"), on="case", maintain_order="left")
        .filter(day >= pl.col("place")).group_by("case").agg(review_after_place=day.first())
    )
    lac = lac.join(review_after_place, on="case", how="left")
    rules = lac.select("case", "place", "weekly", "long_term", "first_year_end", "review_after_place")

    def visit_limit(anchor: pl.Expr, at_place: pl.Expr) -> pl.Expr:
        week = look("wk1", anchor)
        return (
            pl.when(at_place).then(week)
            .when(pl.col("weekly") & (pl.col("review_after_place").fill_null(FAR) > week)).then(week)
            .when(anchor < pl.col("first_year_end")).then(look("wk6", anchor))
            .when(pl.col("long_term")).then(look("m3", anchor))
            .otherwise(look("wk6", anchor))
        )

    lac_visits = (
        lac_ev.filter((kind == VISIT) & has(SEEN)).join(rules, on="case", maintain_order="left").filter(day >= pl.col("place"))
        .with_columns(prev=previous)
        .with_columns(limit=visit_limit(pl.coalesce("prev", "place"), pl.col("prev").is_null()))
        .group_by("case").agg(visit_gaps=(day > pl.col("limit")).sum(), last_visit=day.last())
    )
    n, last_review, lac_start = pl.col("reviews"), pl.col("last_review"), pl.col("start")
    six_monthly = (n >= 2) | ((n >= 1) & lac_start.is_null())
    # A midway date set at the first (or second) review is honoured too, outside the 6-monthly intervals.
    midway_item = six_monthly | ((n >= 1) & pl.col("review_other").is_not_null())
    lac = (
        lac.join(lac_visits, on="case", how="left")
        .with_columns(
            review_due=pl.when(lac_start.is_null()).then(look("m6", last_review))
            .when(n == 0).then(look("wd20", lac_start))
            .when(n == 1).then(look("m3", last_review))
            .otherwise(look("m6", last_review)),
            visit_due=visit_limit(pl.coalesce("last_visit", "place"), pl.col("last_visit").is_null()),
        )
        .select(
            "case",
            "visit_gaps",
            "review_due",
            "visit_due",
            review_item=pl.lit("lac_review"),
            midway_anchor=pl.when(midway_item).then(last_review),
            midway_due=pl.when(midway_item).then(
                pl.coalesce("review_other", look("back0", last_review + (pl.col("review_due") - last_review) // 2))),
            midway_unset=six_monthly & pl.col("review_other").is_null(),
        )
    )

    # ---- midway reviews held or not required, and the statuses ----
    both = pl.concat([cp, lac], how="diagonal_relaxed")
    closed = (
        ev.filter(kind == MIDWAY).join(both.select("case", "midway_anchor").filter(pl.col("midway_anchor").is_not_null()),
                                       on="case", maintain_order="left")
        .filter((day > pl.col("midway_anchor")) | ((day == pl.col("midway_anchor")) & has(NOT_REQUIRED)))
        .group_by("case").agg(closed_flags=pl.col("flags").last())
    )

    def status(due: str) -> pl.Expr:
        d = pl.col(due)
        return (pl.when(d.is_null()).then(pl.lit("not_applicable")).when(d < as_of).then(pl.lit("overdue"))
                .when(d <= soon).then(pl.lit("due_soon")).otherwise(pl.lit("upcoming")))

    # ---- drift (docs/drift.md): what a plan or care still open is found to lack ----
    facts = (
        ev.group_by("case").agg(
            plan_meeting=day.filter(kind.is_in([ICPC, RCPC, TRANSFER_IN, CORE_GROUP])).max(),
            plan_update=day.filter(kind == PLAN_UPDATED).max(),
            oversight=day.filter(kind == OVERSIGHT).max(),
            oversight_start=day.filter(kind.is_in([ICPC, TRANSFER_IN, STARTED])).min(),
            plan_start=day.filter(((kind == ICPC) & has(PLAN_STARTED)) | (kind == TRANSFER_IN)).max(),
        )
    )
    # A missing episode or CSE concern on a CP case with no strategy discussion or s.47 start within
    # risk_response_within of it: the first response on or after its day, by an as-of join.
    responses = ev.filter(kind.is_in([STRATEGY, S47])).select("case", response=day).sort("response")
    unanswered = (
        ev.filter(kind.is_in([MISSING, CSE])).join(cases.filter(pl.col("ckind") == CASE_CP), on="case")
        .select("case", "day", limit=look("wd3", day)).sort("day")
        .join_asof(responses, left_on="day", right_on="response", by="case", strategy="forward", check_sortedness=False)
        .filter((pl.col("response").is_null() | (pl.col("response") > pl.col("limit"))) & (pl.col("limit") < as_of))
        .group_by("case").agg(unanswered=pl.len())
    )

    dues = ["review_due", "midway_due", "visit_due", "core_group_due"]
    ended = pl.col("ended").fill_null(False)
    out = (
        cases.join(both, on="case", how="left").join(closed, on="case", how="left").join(ends, on="case", how="left")
        .join(facts, on="case", how="left").join(unanswered, on="case", how="left")
        .with_columns([pl.when(~ended).then(pl.col(d)).alias(d) for d in dues])
        .with_columns(pl.when(pl.col("ckind") == CASE_LAC).then(pl.lit("lac_review")).otherwise(pl.col("review_item"))
                      .fill_null("icpc").alias("review_item"))
        .with_columns(
            status("review_due").alias("review_status"),
            pl.when(pl.col("midway_due").is_not_null() & pl.col("closed_flags").is_not_null())
            .then(pl.when((pl.col("closed_flags") & NOT_REQUIRED) != 0).then(pl.lit("not_required")).otherwise(pl.lit("done")))
            .otherwise(status("midway_due")).alias("midway_status"),
            status("visit_due").alias("visit_status"),
            status("core_group_due").alias("core_group_status"),
            pl.col("visit_gaps").fill_null(0).cast(pl.Int32),
            pl.col("core_group_gaps").fill_null(0).cast(pl.Int32),
        )
    )
    cp_case = pl.col("ckind") == CASE_CP
    oversight_anchor = pl.coalesce("oversight", "oversight_start")
    counts = {  # drift rule bit -> findings of it on the case (0 when the plan or care ended)
        OVERDUE_REVIEW: (pl.col("review_status") == "overdue").cast(pl.Int32),
        OVERDUE_MIDWAY: (pl.col("midway_status") == "overdue").cast(pl.Int32),
        OVERDUE_VISIT: (pl.col("visit_status") == "overdue").cast(pl.Int32),
        OVERDUE_CORE_GROUP: (pl.col("core_group_status") == "overdue").cast(pl.Int32),
        VISIT_GAP: pl.col("visit_gaps"),
        CORE_GROUP_GAP: pl.col("core_group_gaps"),
        NO_PLAN_UPDATE: (cp_case & pl.col("plan_meeting").is_not_null()
                         & ~(pl.col("plan_update") >= pl.col("plan_meeting")).fill_null(False)
                         & (look("wd10", pl.col("plan_meeting")) < as_of)).fill_null(False).cast(pl.Int32),
        NO_OVERSIGHT: (look("m3", oversight_anchor) < as_of).fill_null(False).cast(pl.Int32),
        RISK_NOT_RESPONDED: pl.col("unanswered").fill_null(0).cast(pl.Int32),
        PLAN_OPEN_18: (cp_case & (look("m18", pl.col("plan_start")) <= as_of)).fill_null(False).cast(pl.Int32),
        PLAN_OPEN_24: (cp_case & (look("m24", pl.col("plan_start")) <= as_of)).fill_null(False).cast(pl.Int32),
        # a 6-monthly review that set no midway date, its midway review still to come, from the day after it
        MIDWAY_DATE_NOT_SET: (pl.col("midway_unset") & pl.col("midway_status").is_in(["overdue", "due_soon", "upcoming"])
                              & (pl.col("midway_anchor") < as_of)).fill_null(False).cast(pl.Int32),
    }
    out = (
        out.with_columns([c.alias(f"rule{bit}") for bit, c in counts.items()])
        .with_columns(
            findings=pl.when(ended).then(0).otherwise(pl.sum_horizontal([f"rule{bit}" for bit in counts])).cast(pl.Int32),
            finding_rules=pl.when(ended).then(0).otherwise(
                pl.sum_horizontal([(pl.col(f"rule{bit}") > 0).cast(pl.UInt16) * (1 << bit) for bit in counts])).cast(pl.UInt16),
        )
        .select("case", "review_item", "review_due", "review_status", "midway_due", "midway_status", "visit_due", "visit_status",
                "core_group_due", "core_group_status", "visit_gaps", "core_group_gaps", "findings", "finding_rules")
        .sort("case")
    )
    return out.collect()


def to_columns(out: pl.DataFrame) -> dict[str, npt.NDArray[np.generic]]:
    """The result as numpy arrays (for the check; not timed)."""
    return {name: out[name].to_numpy() for name in out.columns}
