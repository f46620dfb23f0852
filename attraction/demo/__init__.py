"""Demo attraction data: two parks' chains, a shared template, prospects in
several stages (one with an approved exclusive policy, one awaiting approval),
cost sheets and origin presets. Safe to run again."""

from attraction.demo.chains import seed_chains
from attraction.demo.costs import seed_cost_sheets
from attraction.demo.prospects import seed_occupant_admissions, seed_prospects
from core.models import User


def seed_attraction(users: dict[str, User]) -> None:
    seed_occupant_admissions()
    seed_chains()
    seed_cost_sheets()
    seed_prospects(users)
