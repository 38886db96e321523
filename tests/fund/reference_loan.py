#!/usr/bin/env python3
"""An independent reference of a fund loan's life, day by day, in exact fractions.

Reads cases as JSON lines on stdin (the loan's terms as reference_schedule.py reads them, the
policy, repayments, restructurings, a write-off and the as-of date); writes one JSON line per case:
each repayment's allocation and the position as of the date, or {"error": field} where the loan's
records are refused. Written from the rules stated in src/fund/loan.hpp (Circular 39/2016/TT-NHNN
art. 13, Circular 14/2017/TT-NHNN), walking every day from the first disbursement, not from the
C++, which jumps from event to event.
"""
import json
import sys
from datetime import date, timedelta
from fractions import Fraction as F

from reference_schedule import rnd, schedule

FAR = date(9999, 12, 31)


class Refused(Exception):
    pass


def year_days(unit, day_count):
    return 30 if unit == "month" else (360 if day_count == "actual360" else 365)


def total(items):
    return sum(x[1] for x in items)


def pay(items, upto, money):
    """Pays items [due, left] due by `upto`, oldest first; returns (paid, money left)."""
    items.sort(key=lambda x: x[0])
    paid = 0
    for x in items:
        if money == 0 or x[0] > upto:
            break
        part = min(money, x[1])
        x[1] -= part
        money -= part
        paid += part
    items[:] = [x for x in items if x[1]]
    return paid, money


def replay(c):
    pol = c["policy"]
    ds = sorted(((date.fromisoformat(x), a) for x, a in c["disbursements"]), key=lambda x: x[0])
    reps = sorted(((date.fromisoformat(x), a) for x, a in c["repayments"]), key=lambda x: x[0])
    rss = [dict(r, on=date.fromisoformat(r["on"])) for r in c["restructurings"]]
    wo = date.fromisoformat(c["written_off_on"]) if c.get("written_off_on") else None
    as_of = date.fromisoformat(c["as_of"])
    first = ds[0][0]
    for on, amount in reps:
        if amount <= 0:
            raise Refused("amount")
        if on < first:
            raise Refused("on")
    for i, r in enumerate(rss):
        if (i and r["on"] <= rss[i - 1]["on"]) or r["on"] < first or ds[-1][0] >= r["on"]:
            raise Refused("on")

    st = {"terms": c["terms"], "rows": schedule(dict(c["terms"], disbursements=c["disbursements"]))}
    left = [r[2] for r in st["rows"]]
    line = 0
    in_term = 0
    P, I = [], []  # [due, left]
    ovi = 0
    acc = acc_o = acc_l = F(0)
    status = "active"
    restructured = 0
    overdue_after = False
    disbursed = 0
    allocs = []
    wo_p = wo_i = recovered = 0

    def rows_due(k):
        return date.fromisoformat(st["rows"][k][0])

    def interest_due_on(k):
        g = st["terms"]["interest_grace"]
        return rows_due(max(k, min(g, len(st["rows"]) - 1)))

    def rnd_t(x):
        return rnd(x, st["terms"]["rounding"])

    day = first
    while day <= as_of:
        for on, amount in ds:
            if on == day:
                in_term += amount
                disbursed += amount
        if status == "active" and line < len(st["rows"]) and rows_due(line) == day:
            x = rnd_t(acc)
            acc = F(0)
            if x:
                I.append([interest_due_on(line), x])
            p = in_term if line + 1 == len(left) else min(left[line], in_term)
            if p:
                P.append([day, p])
            in_term -= p
            line += 1
        for on, amount in reps:
            if on != day:
                continue
            if status == "closed":
                raise Refused("on")
            a = {"oi": 0, "i": 0, "p": 0, "pre": 0, "rec": 0}
            if status == "written_off":
                if amount > wo_p + wo_i - recovered:
                    raise Refused("amount")
                recovered += amount
                a["rec"] = amount
                allocs.append([day.isoformat(), amount, 0, 0, 0, 0, amount])
                continue
            owed = ovi + rnd_t(acc_o) + rnd_t(acc_l) + total(I) + rnd_t(acc) + in_term + total(P)
            if amount > owed:
                raise Refused("amount")
            ovi += rnd_t(acc_o) + rnd_t(acc_l)
            acc_o = acc_l = F(0)
            money = amount
            for b in pol["order"]:
                if b == "overdue_interest":
                    part = min(money, ovi)
                    ovi -= part
                    money -= part
                    a["oi"] += part
                elif b == "interest":
                    paid, money = pay(I, day, money)
                    a["i"] += paid
                else:
                    paid, money = pay(P, day, money)
                    a["p"] += paid
            if money:
                nd = interest_due_on(line) if line < len(st["rows"]) else day
                x = rnd_t(acc)
                acc = F(0)
                if x:
                    I.append([nd, x])
                paid, money = pay(I, FAR, money)
                a["i"] += paid
                part = min(money, in_term)
                in_term -= part
                money -= part
                a["pre"] = part
                k = len(left)
                while part and k > line:
                    take = min(part, left[k - 1])
                    left[k - 1] -= take
                    part -= take
                    k -= 1
            allocs.append([day.isoformat(), amount, a["oi"], a["i"], a["p"], a["pre"], 0])
            if disbursed == sum(x[1] for x in ds) and in_term == 0 and not P and not I and ovi == 0:
                status = "closed"
        for r in rss:
            if r["on"] != day:
                continue
            if status != "active":
                raise Refused("on")
            ovi += rnd_t(acc_o) + rnd_t(acc_l)
            acc_o = acc_l = F(0)
            x = rnd_t(acc)
            acc = F(0)
            if x:
                I.append([day, x])
            principal = in_term + total(P)
            if principal == 0:
                raise Refused("on")
            interest = total(I)
            w = r["interest_waived"]
            if w > interest + ovi:
                raise Refused("interest_waived")
            from_ovi = min(w, ovi)
            ovi -= from_ovi
            interest -= w - from_ovi
            st = {"terms": r["terms"],
                  "rows": schedule(dict(r["terms"], disbursements=[[day.isoformat(), principal]]))}
            left = [row[2] for row in st["rows"]]
            line = 0
            P, I = [], []
            in_term = principal
            if interest:
                I.append([interest_due_on(0), interest])
            restructured += 1
        if wo == day and status == "active":
            ovi += rnd_t(acc_o) + rnd_t(acc_l)
            acc_o = acc_l = F(0)
            x = rnd_t(acc)
            acc = F(0)
            wo_p = in_term + total(P)
            wo_i = total(I) + x + ovi
            in_term = ovi = 0
            P, I = [], []
            status = "written_off"
        if day < as_of and status == "active":
            t = st["terms"]
            yd = year_days(t["unit"], t["day_count"])
            if restructured and (P or any(x[0] <= day for x in I)):
                overdue_after = True
            acc += F(in_term * t["rate"], 10**8 * yd)
            acc_o += F(total(P) * t["rate"] * pol["overdue_percent"], 10**8 * yd * 100)
            late_unpaid = sum(x[1] for x in I if x[0] <= day)
            acc_l += F(late_unpaid * pol["late_rate"], 10**8 * year_days(pol["late_unit"], ""))
        day += timedelta(days=1)

    unpaid = [x for x in P + I if x[0] < as_of]
    return {
        "allocations": allocs,
        "status": status,
        "disbursed": disbursed,
        "principal_outstanding": in_term + total(P),
        "principal_overdue": sum(x[1] for x in P if x[0] < as_of),
        "interest_unpaid": total(I),
        "interest_overdue": sum(x[1] for x in I if x[0] < as_of),
        "interest_accrued": rnd_t(acc),
        "overdue_interest": ovi + rnd_t(acc_o) + rnd_t(acc_l),
        "days_overdue": (as_of - min(x[0] for x in unpaid)).days if unpaid else 0,
        "restructurings": restructured,
        "overdue_after_restructuring": overdue_after,
        "written_off": [wo_p, wo_i, recovered],
    }


if __name__ == "__main__":
    for text in sys.stdin:
        if text.strip():
            try:
                print(json.dumps(replay(json.loads(text))))
            except Refused as e:
                print(json.dumps({"error": str(e)}))
