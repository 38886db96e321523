#!/usr/bin/env python3
"""An independent reference of the fund's repayment schedules, in exact fractions.

Reads cases as JSON lines on stdin, writes one JSON line per case: its instalments as
[due_on, days, principal, interest, balance]. Written from the rules (Circular 14/2017/TT-NHNN:
interest = sum of balance x days x rate / year, a yearly rate per 365 (or the product's 360)
days, a monthly rate per 30 days; whole dong per line by the stated rounding), not from the C++.
"""
import calendar
import math
import json
import sys
from datetime import date
from fractions import Fraction as F


def rnd(x, how):
    fl = x.numerator // x.denominator
    if how == "down" or x == fl:
        return fl
    if how == "up":
        return fl + 1
    return fl + 1 if x - fl >= F(1, 2) else fl  # half up


def due(first, k, day):
    m = first.month - 1 + k
    y, m = first.year + m // 12, m % 12 + 1
    return date(y, m, min(day, calendar.monthrange(y, m)[1]))


def per(amount, count, case):
    mult = case["multiple"]
    x = F(amount, count)
    if mult <= 1:
        return rnd(x, case["rounding"])
    return (x / mult).numerator // (x / mult).denominator * mult


def annuity(balance, count, case):
    if case["rate"] == 0:
        return per(balance, count, case)
    # The instalment in double precision, as a bank's calculator works it out, then to a
    # millionth of a dong; from there on exact.
    r = float(case["rate"]) / 1e8
    if case["unit"] == "year":
        r /= 12
    a = float(balance) * r / (1 - (1 + r) ** -count)
    x = F(math.floor(a * 1e6 + 0.5), 10**6)
    mult = case["multiple"]
    if mult <= 1:
        return rnd(x, case["rounding"])
    return (x / mult).numerator // (x / mult).denominator * mult


def schedule(case):
    n = case["term"]
    ds = [(date.fromisoformat(d), a) for d, a in case["disbursements"]]
    first = ds[0][0]
    day = case["payment_day"] or first.day
    year = 30 if case["unit"] == "month" else (360 if case["day_count"] == "actual360" else 365)
    daily = F(case["rate"], 10**8 * year)
    bal, deferred, q, recompute, j, frm, out = 0, 0, 0, True, 0, first, []
    for k in range(1, n + 1):
        d = due(first, k, day)
        acc, at = F(0), frm
        while j < len(ds) and ds[j][0] < d:
            acc += bal * (ds[j][0] - at).days
            at = ds[j][0]
            bal += ds[j][1]
            j += 1
            recompute = True
        acc += bal * (d - at).days
        accrued = rnd(acc * daily, case["rounding"])
        if k <= case["interest_grace"]:
            deferred += accrued
            interest = 0
        else:
            interest, deferred = accrued + deferred, 0
        p = 0
        if k > case["principal_grace"]:
            remaining = n - k + 1
            if case["method"] == "equal_principal":
                if recompute:
                    q = per(bal, remaining, case)
                p = bal if k == n else min(q, bal)
            elif case["method"] == "equal_instalment":
                if recompute:
                    q = annuity(bal, remaining, case)
                p = bal if k == n else max(0, min(q - accrued, bal))
            else:
                p = bal if k == n else 0
            recompute = False
        bal -= p
        out.append([d.isoformat(), (d - frm).days, p, interest, bal])
        frm = d
    return out


if __name__ == "__main__":
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(schedule(json.loads(line))))
