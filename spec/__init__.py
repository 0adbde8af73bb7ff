"""rightsplan.spec: the reference implementation of the DigitalThink 2003 Rights Agreement.

    from rightsplan.spec import load_scenario, evaluate
    result = evaluate(load_scenario("examples/buyback-lifts-holder-over-15.yaml"))
    result.to_json()["acquiring_persons"]

Plain Python: this package never imports a solver.
"""

from .errors import InternalError, RightsPlanError, ScenarioError
from .evaluate import Evaluation, Snapshot, evaluate
from .scenario import Event, Scenario, load_scenario, scenario_from_data
from .terms import PlanTerms, load_plan
from .vocabulary import EVENT_KINDS, READINGS, Role

__all__ = [
    "EVENT_KINDS", "READINGS", "Evaluation", "Event", "InternalError", "PlanTerms", "RightsPlanError", "Role",
    "Scenario", "ScenarioError", "Snapshot", "evaluate", "load_plan", "load_scenario", "scenario_from_data",
]
