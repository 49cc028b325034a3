"""The README's Python quick start; tests/python/test_examples.py runs it."""
import datetime as dt

import numpy as np

import midway

cal = midway.Calendar("england-and-wales", closures=[dt.date(2026, 12, 24)])
icpc_due = cal.add_working_days(dt.date(2026, 12, 10), 15)  # ICPC: 15 working days
print("ICPC due", icpc_due, "; first RCPC due", midway.add_months(icpc_due, 3))
starts = np.array(["2026-12-10", "2027-03-01"], dtype="datetime64[D]")
print(cal.add_working_days(starts, 15))  # bulk: numpy in, numpy out
