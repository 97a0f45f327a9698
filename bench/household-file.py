#!/usr/bin/env python3
"""Writes a household file for the import benchmark: N households (about 5 persons each) in Ou Char's six villages.
   bench/household-file.py 5000 > households.csv   (same N, same file: the generator is seeded)"""
import csv
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
rng = random.Random(24)
family_km = ["សុខ", "កែវ", "ចាន់", "លី", "ហេង", "ស៊ុន", "ម៉ៅ", "ឈឹម", "អ៊ុំ", "ពេជ្រ"]
family_la = ["Sok", "Keo", "Chan", "Ly", "Heng", "Sun", "Mao", "Chhim", "Um", "Pich"]
given_km = ["ដារ៉ា", "សុភា", "ស្រីមុំ", "វណ្ណា", "បុប្ផា", "រតនា", "សំណាង", "ចន្ថា", "ពិសិដ្ឋ", "សុខា", "នារី", "វិចិត្រ"]
given_la = ["Dara", "Sophea", "Sreymom", "Vanna", "Bopha", "Ratana", "Samnang", "Chantha", "Piseth", "Sokha", "Neary", "Vichet"]
out = csv.writer(sys.stdout, lineterminator="\n")
sys.stdout.write("\ufeff")
out.writerow(["household_id", "person_id", "នាមត្រកូល", "នាមខ្លួន", "Family name", "Given name", "Sex", "Date of birth", "Age",
              "Relation", "Phone", "Village", "IDPoor level", "IDPoor card"])
for h in range(1, n + 1):
    hid = f"BH{h:06d}"
    f = rng.randrange(len(family_km))
    village = f"0203090{rng.randint(1, 6)}"
    level = rng.choice(["", "", "1", "2"])
    card = f"IDP-{h:06d}" if level else ""
    phone = f"0{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    members = [("head", rng.choice("MF"), rng.randint(25, 70))]
    if rng.random() < 0.8:
        members.append(("spouse", "F" if members[0][1] == "M" else "M", rng.randint(22, 65)))
    members += [("child", rng.choice("MF"), rng.randint(0, 17)) for _ in range(rng.randint(1, 5))]
    if rng.random() < 0.2:
        members.append(("parent", rng.choice("MF"), rng.randint(60, 90)))
    for i, (relation, sex, age) in enumerate(members, 1):
        g = rng.randrange(len(given_km))
        # Half give a date of birth, half an age, as commune lists do.
        dob = f"{2026 - age - 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.5 else ""
        out.writerow([hid, f"{hid}-{i}", family_km[f], given_km[g], family_la[f], given_la[g], sex, dob, "" if dob else age,
                      relation, phone if i == 1 else "", village, level if i == 1 else "", card if i == 1 else ""])
