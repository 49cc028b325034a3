"""The pandas peer: the same stages as the Polars peer with boolean masks, groupby first/last/shift and
merges; due dates looked up in DayTables by position (pandas default configuration; with pyarrow installed,
pandas 3 stores the status strings as pyarrow-backed `str`)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]

from .common import (
    CORE_GROUP_GAP,
    CSE,
    MISSING,
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
    MIDWAY_DATE_NOT_SET,
    NONE,
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

NAME = "pandas"


def run(cols: Mapping[str, npt.NDArray[np.generic]], as_of: int, soon: int, tables: DayTables) -> pd.DataFrame:
    """One row per case, in case order (days as float64, NaN for none; statuses as strings)."""
    lo = tables.lo

    def look(table: str, day: pd.Series | npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The table's due date from each day (NaN stays NaN)."""
        d = np.asarray(day, dtype="float64")
        out = np.full(len(d), np.nan)
        ok = ~np.isnan(d)
        out[ok] = tables.t[table][d[ok].astype(np.int64) - lo]
        return out

    n_cases = len(cols["case_kind"])
    date = cols["event_date"]
    other = cols["event_other_date"]
    ev = pd.DataFrame({  # days as int32 days since 1970; no other date (-2**31 in the columns) as NaN
        "case": cols["event_case"],
        "kind": cols["event_kind"],
        "day": date,
        "flags": cols["event_flags"],
        "other": np.where(other == NONE, np.nan, other),
    })
    ev = ev[ev["day"] <= as_of]
    kind, flags, day = ev["kind"], ev["flags"], ev["day"]
    case_kind = pd.Series(cols["case_kind"], index=pd.RangeIndex(n_cases, name="case"))

    def has(bit: int) -> pd.Series:
        return (flags & bit) != 0

    # ---- the end of the plan or care ----
    ends = ~has(CORRECTION) & (kind.isin([PLAN_ENDED, CEASED]) | ((kind == RCPC) & ~has(PLAN_CONTINUES))
                               | ((kind == ICPC) & ~has(PLAN_STARTED)))
    ended = pd.Series(False, index=case_kind.index)
    ended[ev.loc[ends, "case"].unique()] = True

    # ---- child protection ----
    g = ev[kind.isin([ICPC, RCPC, TRANSFER_IN])].groupby("case")
    conf = pd.DataFrame({"start": g["day"].first(), "last": g["day"].last(), "last_kind": g["kind"].last(),
                         "last_other": g["other"].last(skipna=False)})
    # The ICPC counts from the FIRST strategy discussion that started a s.47 enquiry (else the first s.47 start); a
    # transfer-in notified while no conference is held yet is due from the first notification.
    strategy = ev[(kind == STRATEGY) & has(S47_STARTED)].groupby("case")["day"].first()
    s47 = ev[kind == S47].groupby("case")["day"].first()
    notified = ev[kind == TRANSFER_NOTIFIED].groupby("case")["day"].first()

    def gaps_since(rows: pd.DataFrame, anchor: pd.Series) -> pd.DataFrame:
        """The rows on or after each case's anchor day, with the day before each (prev; NaN for the first)."""
        rows = rows.assign(anchor=rows["case"].map(anchor))
        rows = rows[rows["day"] >= rows["anchor"]]
        # The rows are grouped by case in date order: the previous row when it is of the same case (the same
        # answer as rows.groupby("case")["day"].shift(1), and cheaper).
        same_case = rows["case"].eq(rows["case"].shift(1))
        return rows.assign(prev=rows["day"].shift(1).where(same_case))

    v = gaps_since(ev[(kind == VISIT) & has(SEEN)], conf["start"])
    v = v.assign(late=v["day"].to_numpy() > look("wd10", v["prev"].fillna(v["anchor"])))
    gv = v.groupby("case")
    cp_visits = pd.DataFrame({"visit_gaps": gv["late"].sum(), "last_visit": gv["day"].last()})
    c = gaps_since(ev[kind == CORE_GROUP], conf["start"])
    limit = np.where(c["prev"].isna(), look("wd10", c["anchor"]), look("wk6", c["prev"]))
    c = c.assign(late=c["day"].to_numpy() > limit)
    gc = c.groupby("case")
    groups = pd.DataFrame({"core_group_gaps": gc["late"].sum(), "last_group": gc["day"].last()})

    cp = pd.DataFrame(index=case_kind.index[case_kind == CASE_CP]).join(conf).join(strategy.rename("strategy"))
    cp = cp.join(s47.rename("s47")).join(notified.rename("notified")).join(cp_visits).join(groups)
    no_plan = cp["start"].isna().to_numpy()
    pending = cp["notified"].notna().to_numpy()
    is_rcpc = (cp["last_kind"] == RCPC).to_numpy()
    cp_out = pd.DataFrame({
        "review_item": np.where(no_plan, np.where(pending, "transfer_in_conference", "icpc"), "rcpc"),
        "review_due": np.where(no_plan, look("wd15", cp["notified"].fillna(cp["strategy"]).fillna(cp["s47"])),
                               np.where(is_rcpc, look("m6", cp["last"]), look("m3", cp["last"]))),
        "visit_due": look("wd10", cp["last_visit"].fillna(cp["start"])),
        "core_group_due": np.where(cp["last_group"].notna(), look("wk6", cp["last_group"]), look("wd10", cp["start"])),
        "midway_anchor": np.where(is_rcpc, cp["last"], np.nan),
        "midway_due": np.where(is_rcpc, cp["last_other"].fillna(pd.Series(look("d84", cp["last"]), index=cp.index)), np.nan),
        "midway_unset": is_rcpc & cp["last_other"].isna().to_numpy(),
        "visit_gaps": cp["visit_gaps"], "core_group_gaps": cp["core_group_gaps"],
    }, index=cp.index)

    # ---- looked after children ----
    care = ev[kind == STARTED].groupby("case")["day"].first().rename("start")
    lac_ev = ev[kind.isin([PLACEMENT, LAC_REVIEW, VISIT])]
    lac_ev = lac_ev[lac_ev["day"] >= lac_ev["case"].map(care).fillna(-np.inf)]
    r = lac_ev[lac_ev["kind"] == LAC_REVIEW]
    gr = r.groupby("case")
    reviews = pd.DataFrame({"reviews": gr.size(), "first_review": gr["day"].first(), "last_review": gr["day"].last(),
                            "review_other": gr["other"].last(skipna=False)})
    gp = lac_ev[lac_ev["kind"] == PLACEMENT].groupby("case")
    placements = pd.DataFrame({"placement": gp["day"].last(), "pflags": gp["flags"].last()})
    lac = pd.DataFrame(index=case_kind.index[case_kind == CASE_LAC]).join(care).join(reviews).join(placements)
    lac = lac[lac["start"].notna() | lac["reviews"].notna()]
    placed = lac["placement"].notna()
    pflags = lac["pflags"].fillna(0).astype("int64")
    lac = lac.assign(
        place=lac["placement"].fillna(lac["start"]).fillna(lac["first_review"]),
        weekly=placed & ((pflags & (PLACED_WITH_PARENT | TEMPORARY_APPROVAL)) != 0),
        long_term=placed & ((pflags & LONG_TERM) != 0),
        reviews=lac["reviews"].fillna(0),
    )
    lac = lac.assign(first_year_end=look("m12", lac["place"]))
    ra = r.assign(place=r["case"].map(lac["place"]))
    lac = lac.join(ra[ra["day"] >= ra["place"]].groupby("case")["day"].first().rename("review_after_place"))

    def visit_limit(anchor: npt.NDArray[np.float64], at_place: npt.NDArray[np.bool_], rules: pd.DataFrame) -> npt.NDArray[np.float64]:
        week = look("wk1", anchor)
        weekly = rules["weekly"].to_numpy(dtype=bool) & (rules["review_after_place"].fillna(np.inf).to_numpy() > week)
        later = np.where(rules["long_term"].to_numpy(dtype=bool), look("m3", anchor), look("wk6", anchor))
        return np.where(at_place | weekly, week, np.where(anchor < rules["first_year_end"].to_numpy(), look("wk6", anchor), later))

    lv = lac_ev[(lac_ev["kind"] == VISIT) & ((lac_ev["flags"] & SEEN) != 0)]
    lv = gaps_since(lv, lac["place"])
    rules = lac.loc[lv["case"], ["weekly", "long_term", "first_year_end", "review_after_place"]]
    lv = lv.assign(late=lv["day"].to_numpy() > visit_limit(lv["prev"].fillna(lv["anchor"]).to_numpy(), lv["prev"].isna().to_numpy(), rules))
    gl = lv.groupby("case")
    lac = lac.join(pd.DataFrame({"visit_gaps": gl["late"].sum(), "last_visit": gl["day"].last()}))
    n, start, last_review = lac["reviews"].to_numpy(), lac["start"].to_numpy(), lac["last_review"].to_numpy()
    review_due = np.where(np.isnan(start), look("m6", last_review),
                          np.where(n == 0, look("wd20", start), np.where(n == 1, look("m3", last_review), look("m6", last_review))))
    six_monthly = (n >= 2) | ((n >= 1) & np.isnan(start))
    review_other = lac["review_other"].to_numpy()
    # A midway date set at the first (or second) review is honoured too, outside the 6-monthly intervals.
    midway_item = six_monthly | ((n >= 1) & ~np.isnan(review_other))
    halfway = look("back0", np.where(six_monthly, last_review + np.floor((review_due - last_review) / 2), np.nan))
    lac_out = pd.DataFrame({
        "review_item": "lac_review",
        "review_due": review_due,
        "visit_due": visit_limit(lac["last_visit"].fillna(lac["place"]).to_numpy(), lac["last_visit"].isna().to_numpy(), lac),
        "midway_anchor": np.where(midway_item, last_review, np.nan),
        "midway_due": np.where(midway_item, np.where(np.isnan(review_other), halfway, review_other), np.nan),
        "midway_unset": six_monthly & np.isnan(review_other),
        "visit_gaps": lac["visit_gaps"],
    }, index=lac.index)

    # ---- midway reviews held or not required, and the statuses ----
    out = pd.concat([cp_out, lac_out]).reindex(case_kind.index)
    m = ev[kind == MIDWAY]
    m = m.assign(anchor=m["case"].map(out["midway_anchor"]))
    m = m[(m["day"] > m["anchor"]) | ((m["day"] == m["anchor"]) & ((m["flags"] & NOT_REQUIRED) != 0))]
    closed = m.groupby("case")["flags"].last().reindex(case_kind.index)

    is_ended = ended.to_numpy()
    result = pd.DataFrame(index=case_kind.index)
    result["review_item"] = np.where(case_kind == CASE_LAC, "lac_review", out["review_item"].fillna("icpc"))
    for item in ("review", "midway", "visit", "core_group"):
        d = np.where(is_ended, np.nan, out[f"{item}_due"].to_numpy(dtype="float64"))
        result[f"{item}_due"] = d
        result[f"{item}_status"] = np.select([np.isnan(d), d < as_of, d <= soon], ["not_applicable", "overdue", "due_soon"], "upcoming")
    held = ~np.isnan(result["midway_due"].to_numpy()) & closed.notna().to_numpy()
    not_required = (closed.fillna(0).astype("int64") & NOT_REQUIRED).to_numpy() != 0
    result.loc[held, "midway_status"] = np.where(not_required, "not_required", "done")[held]
    result["visit_gaps"] = out["visit_gaps"].fillna(0).astype("int32")
    result["core_group_gaps"] = out["core_group_gaps"].fillna(0).astype("int32")

    # ---- drift (docs/drift.md): what a plan or care still open is found to lack ----
    def last_day(mask: pd.Series, how: str = "max") -> npt.NDArray[np.float64]:
        out: npt.NDArray[np.float64] = (
            ev.loc[mask, ["case", "day"]].groupby("case")["day"].agg(how).reindex(case_kind.index).to_numpy(dtype="float64"))
        return out

    is_cp = (case_kind == CASE_CP).to_numpy()
    plan_meeting = last_day(kind.isin([ICPC, RCPC, TRANSFER_IN, CORE_GROUP]))
    plan_update = last_day(kind == PLAN_UPDATED)
    oversight = last_day(kind == OVERSIGHT)
    oversight_start = last_day(kind.isin([ICPC, TRANSFER_IN, STARTED]), "min")
    plan_start = last_day(((kind == ICPC) & has(PLAN_STARTED)) | (kind == TRANSFER_IN))
    # A missing episode or CSE concern on a CP case with no strategy discussion or s.47 start within
    # risk_response_within of it: the first response on or after its day, by merge_asof.
    risks = ev.loc[kind.isin([MISSING, CSE]) & is_cp[ev["case"].to_numpy()], ["case", "day"]]
    risks = risks.assign(limit=look("wd3", risks["day"])).sort_values("day")
    responses = ev.loc[kind.isin([STRATEGY, S47]), ["case", "day"]].rename(columns={"day": "response"}).sort_values("response")
    risks = pd.merge_asof(risks, responses, left_on="day", right_on="response", by="case", direction="forward")
    unanswered = (risks["response"].isna() | (risks["response"] > risks["limit"])) & (risks["limit"] < as_of)
    unanswered = risks[unanswered].groupby("case").size().reindex(case_kind.index, fill_value=0).to_numpy()

    with np.errstate(invalid="ignore"):
        counts = {  # drift rule bit -> findings of it on each case
            OVERDUE_REVIEW: (result["review_status"] == "overdue").to_numpy(),
            OVERDUE_MIDWAY: (result["midway_status"] == "overdue").to_numpy(),
            OVERDUE_VISIT: (result["visit_status"] == "overdue").to_numpy(),
            OVERDUE_CORE_GROUP: (result["core_group_status"] == "overdue").to_numpy(),
            VISIT_GAP: result["visit_gaps"].to_numpy(),
            CORE_GROUP_GAP: result["core_group_gaps"].to_numpy(),
            NO_PLAN_UPDATE: is_cp & ~np.isnan(plan_meeting) & ~(plan_update >= plan_meeting) & (look("wd10", plan_meeting) < as_of),
            NO_OVERSIGHT: look("m3", np.where(np.isnan(oversight), oversight_start, oversight)) < as_of,
            RISK_NOT_RESPONDED: unanswered,
            PLAN_OPEN_18: is_cp & (look("m18", plan_start) <= as_of),
            PLAN_OPEN_24: is_cp & (look("m24", plan_start) <= as_of),
            # a 6-monthly review that set no midway date, its midway review still to come, from the day after it
            MIDWAY_DATE_NOT_SET: out["midway_unset"].eq(True).to_numpy()
            & result["midway_status"].isin(["overdue", "due_soon", "upcoming"]).to_numpy()
            & (out["midway_anchor"].to_numpy(dtype="float64") < as_of),
        }
    findings = np.zeros(n_cases, dtype=np.int64)
    rules = np.zeros(n_cases, dtype=np.int64)
    for bit, c in counts.items():
        c = np.asarray(c, dtype=np.int64)
        findings += c
        rules |= (c > 0).astype(np.int64) << bit
    result["findings"] = np.where(is_ended, 0, findings).astype("int32")
    result["finding_rules"] = np.where(is_ended, 0, rules).astype("uint16")
    return result


def to_columns(out: pd.DataFrame) -> dict[str, npt.NDArray[np.generic]]:
    """The result as numpy arrays (for the check; not timed)."""
    return {name: out[name].to_numpy() for name in out.columns}
