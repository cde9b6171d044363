"""Deterministic demo people: the same ~300 names, positions and numbers on every run."""

import datetime
import random
from dataclasses import dataclass

from units.enums import Gender
from units.enums import IndividualCategory as C

from . import data

#: Prefix of the demo citizen ids.  "000" is deliberately no province's code in the
#: personal identification number, so no demo number can belong to a real person.
CITIZEN_ID_PREFIX = "000"
#: Every person whose running index gives this remainder has no citizen id on file.
NO_CITIZEN_ID_EVERY = 29
NO_CITIZEN_ID_REMAINDER = 13


@dataclass(frozen=True)
class PersonSpec:
    unit_code: str
    full_name: str
    gender: str
    date_of_birth: datetime.date
    category: str
    position: str
    is_leader: bool = False
    is_household: bool = False
    citizen_id: str | None = None
    phone: str = ""


def _pick_weighted(rng: random.Random, pairs):
    values = [p[0] for p in pairs]
    weights = [p[-1] for p in pairs]
    return rng.choices(values, weights=weights, k=1)[0]


def _new_name(rng: random.Random, gender: str, taken: set[str]) -> str:
    male = gender == Gender.MALE
    while True:
        family = _pick_weighted(rng, data.FAMILY_NAMES)
        middle = rng.choice(data.MALE_MIDDLE if male else data.FEMALE_MIDDLE)
        given = rng.choice(data.MALE_GIVEN if male else data.FEMALE_GIVEN)
        name = f"{family} {middle} {given}"
        if name not in taken:
            taken.add(name)
            return name


def _birth_date(rng: random.Random, first_year: int, last_year: int) -> datetime.date:
    start = datetime.date(first_year, 1, 1)
    span = (datetime.date(last_year, 12, 31) - start).days
    return start + datetime.timedelta(days=rng.randrange(span + 1))


def _birth_years(category: str, is_leader: bool) -> tuple[int, int]:
    if is_leader:
        return 1965, 1982
    if category == C.SOLDIER:
        return 1997, 2003
    if category == C.ARMED_OFFICER:
        return 1978, 1996
    return 1966, 1999


def phone_for(index: int) -> str:
    """Ten digits starting "0000": no Vietnamese number does, so none belongs to anyone."""
    return f"0000{(index * 7919 + 4321) % 1_000_000:06d}"


def citizen_id_for(index: int, gender: str, born: datetime.date) -> str:
    """12 digits shaped like a real number: prefix, sex and century, year, serial."""
    century_digit = (0 if born.year < 2000 else 2) + (0 if gender == Gender.MALE else 1)
    serial = (index * 7919 + 1234) % 1_000_000  # 7919 is coprime with 10**6: no repeats
    return f"{CITIZEN_ID_PREFIX}{century_digit}{born.year % 100:02d}{serial:06d}"


def generate_people(rng: random.Random) -> list[PersonSpec]:
    """Every demo individual, unit by unit in the order of ``data.UNITS``."""
    known_unit, known_name, known_position = data.WELL_KNOWN_PERSON
    taken = {known_name}
    people: list[PersonSpec] = []

    def add(unit_code, category, position, *, gender, is_leader=False, is_household=False,
            name=None):  # fmt: skip
        born = _birth_date(rng, *_birth_years(category, is_leader))
        index = len(people)
        has_id = index % NO_CITIZEN_ID_EVERY != NO_CITIZEN_ID_REMAINDER or name is not None
        people.append(
            PersonSpec(
                unit_code=unit_code,
                full_name=name or _new_name(rng, gender, taken),
                gender=gender,
                date_of_birth=born,
                category=category,
                position=position,
                is_leader=is_leader,
                is_household=is_household,
                citizen_id=citizen_id_for(index, gender, born) if has_id else None,
                phone=phone_for(index),
            )
        )

    for unit in data.UNITS:
        if not unit.headcount:
            continue
        profile = data.PROFILES[unit.profile]
        default_category = (
            profile.leaders[0][1] if profile.leaders else data.COMMUNE_LEADER_CATEGORY
        )
        leaders = (
            [(position, default_category) for position in unit.leaders]
            if unit.leaders
            else list(profile.leaders)
        )
        slots = unit.headcount
        for position, category in leaders[:slots]:
            gender = Gender.MALE if rng.random() < profile.male_share else Gender.FEMALE
            add(unit.code, category, position, gender=gender, is_leader=True)
        slots -= min(len(leaders), slots)
        if unit.code == known_unit and slots:
            add(unit.code, C.PUBLIC_EMPLOYEE, known_position, gender=Gender.MALE, name=known_name)
            slots -= 1
        for _ in range(min(profile.households, slots)):
            gender = Gender.MALE if rng.random() < 0.6 else Gender.FEMALE
            add(unit.code, C.CITIZEN, data.HOUSEHOLD_POSITION, gender=gender, is_household=True)
            slots -= 1
        for _ in range(slots):
            position, category, _weight = rng.choices(
                profile.staff, weights=[s[2] for s in profile.staff], k=1
            )[0]
            gender = Gender.MALE if rng.random() < profile.male_share else Gender.FEMALE
            add(unit.code, category, position, gender=gender)
    return people
