"""Prints, one per line, the GraphQL requests that create the benchmark household:
30 bills of every kind of schedule and 2 paydays (biweekly salary, monthly side job)."""
import json

bills = []
monthly = [("Rent", "1500.00", 1), ("Phone", "80.00", 31), ("Internet", "60.00", 12), ("Power", "95.50", 20),
           ("Water", "40.00", 5), ("Car loan", "320.00", 15), ("Car insurance", "110.00", 3), ("Gym", "35.00", 7),
           ("Streaming", "15.99", 9), ("Music", "10.99", 11), ("Student loan", "250.00", 28), ("Credit card", "200.00", -1),
           ("Daycare", "900.00", 1), ("Cloud storage", "2.99", 17), ("Charity", "25.00", 25), ("Savings", "300.00", 2)]
for name, amount, day in monthly:
    bills.append({"name": name, "amount": amount,
                  "schedule": {"start": "2025-06-01", "frequency": "MONTHLY", "daysOfMonth": [day], "weekend": "BEFORE"}})
for name, amount in [("Groceries", "150.00"), ("Fuel", "45.00"), ("Lunches", "30.00"), ("Allowance", "10.00")]:
    bills.append({"name": name, "amount": amount, "schedule": {"start": "2025-12-29", "frequency": "WEEKLY"}})
for name, amount in [("Cleaner", "80.00"), ("Lawn care", "40.00")]:
    bills.append({"name": name, "amount": amount, "schedule": {"start": "2026-01-03", "frequency": "WEEKLY", "interval": 2, "weekend": "AFTER"}})
for name, amount, days in [("Paycheck advance", "100.00", [1, 15]), ("Babysitter", "60.00", [15, -1])]:
    bills.append({"name": name, "amount": amount, "schedule": {"start": "2025-01-01", "frequency": "MONTHLY", "daysOfMonth": days}})
for name, amount, start in [("Home insurance", "1200.00", "2024-03-15"), ("Car registration", "180.00", "2023-07-04"),
                            ("Domain", "15.00", "2020-02-29"), ("Property tax", "2400.00", "2025-11-30")]:
    bills.append({"name": name, "amount": amount, "schedule": {"start": start, "frequency": "YEARLY", "weekend": "BEFORE"}})
bills.append({"name": "Dentist", "amount": "220.00", "schedule": {"start": "2026-05-12"}})
bills.append({"name": "Vacation", "amount": "1800.00", "schedule": {"start": "2026-08-01"}})
assert len(bills) == 30, len(bills)

paydays = [
    {"name": "Salary", "amount": "2400.00", "schedule": {"start": "2026-01-02", "frequency": "WEEKLY", "interval": 2}},
    {"name": "Side job", "amount": "600.00", "schedule": {"start": "2026-01-15", "frequency": "MONTHLY", "weekend": "AFTER"}},
]
for b in bills:
    print(json.dumps({"query": "mutation($i: BillInput!) { createBill(input: $i) { id } }", "variables": {"i": b}}))
for p in paydays:
    print(json.dumps({"query": "mutation($i: PaydayInput!) { createPayday(input: $i) { id } }", "variables": {"i": p}}))
