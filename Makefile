# rightsplan: `make verify` sets up and runs every proof on the built-in plan; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup test verify verify-plans matrix examples identities crosscheck mutants bench fuzz clean calendar-regression new-user-check cure

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: setup
	$(PY) -m pytest

# Every example's expect: block, key by key; a key not as expected, or an example without one, fails.
examples: setup
	$(VENV)/bin/rightsplan test examples/*.yaml examples/plans/*/*.yaml

identities: setup
	$(PY) -m rightsplan.proofs.identities

# The spec-versus-model state machine with fresh random examples (CI runs a derandomized few).
crosscheck: setup
	HYPOTHESIS_PROFILE=verify $(PY) -m pytest -q -p no:cacheprovider tests/test_crosscheck_stateful.py

# Section 1(a)(i)'s retroactive cure beyond verify: 150 + 150 random histories against the reference's final result
# (docs/checker.md), after each belief's search again (shortest with three persons, as verify also checks).
cure: setup
	$(PY) -m rightsplan.proofs.cure_check 150

# Every property of the catalogue (and the SymPy identities): proofs/out/report.md and report.json.
verify: setup examples
	$(PY) -m rightsplan.proofs.verify --jobs 2
	$(MAKE) --no-print-directory crosscheck

# The catalogue on every other shipped plan (spec/plans/*.yaml): the properties of every plan in its terms and its
# beliefs, each plan's report in proofs/out/plans/<name>/ with the time it took; fails if any plan has a surprise.
verify-plans: setup
	@status=0; for plan in $$($(PY) -c 'from rightsplan.spec.terms import BUILTIN_PLAN, shipped_plans; \
		print(" ".join(p for p in shipped_plans() if p != BUILTIN_PLAN))'); do \
		start=$$(date +%s); $(PY) -m rightsplan.proofs.verify --jobs 2 --no-identities --plan $$plan || status=1; \
		echo "verify --plan $$plan: $$(( $$(date +%s) - start )) s"; done; exit $$status

# Every property again under each value of each reading switch it can depend on (proofs/matrix.py): the
# "Where the readings matter" section of proofs/out/report.*; not in CI (13 more catalogue runs, docs/checker.md).
matrix: setup
	$(PY) -m rightsplan.proofs.verify --jobs 2 --matrix

# The defects of issue 8 (each must fail verify or the cross-check), the legal-logic mutants of spec/ and
# solver/ (writes docs/mutants.md), and mutmut on spec/acquiring_person.py; every copy is private.
# MUTANT_JOBS=1 on a shared machine; MUTANTS_LOG=x.jsonl keeps every outcome (the defects' in x-defects.jsonl),
# for python -m rightsplan.proofs.mutants_run render --log x.jsonl --defects x-defects.jsonl.
MUTANT_JOBS ?= 2
MUTANTS_LOG ?=
mutants: setup
	@status=0; \
	RIGHTSPLAN_DEFECT_MUTANTS=1 RIGHTSPLAN_MUTANT_JOBS=$(MUTANT_JOBS) RIGHTSPLAN_MUTANTS_LOG=$(MUTANTS_LOG:.jsonl=-defects.jsonl) \
	  $(PY) -m pytest -q -p no:cacheprovider tests/test_defect_mutants.py || status=1; \
	RIGHTSPLAN_MUTANTS_LOG=$(MUTANTS_LOG) $(PY) -m rightsplan.proofs.mutants --jobs $(MUTANT_JOBS) --mutmut || status=1; \
	exit $$status

# The new-user properties of docs/checker.md through verify.check itself (cvc5, minimized counterexample).
new-user-check: setup
	RIGHTSPLAN_NEW_USER_CHECK=1 $(PY) -m pytest -q -p no:cacheprovider tests/test_step_helpers.py tests/test_new_user_properties.py -k verify_check

# The calendar's 2000-2011 answers under all 128 combinations of its old reading switches (make test: 9).
calendar-regression: setup
	RIGHTSPLAN_CALENDAR_ALL=1 $(PY) -m pytest -q -p no:cacheprovider tests/test_calendar_years.py

# Fresh random mutations of the examples through the CLI (CI runs a derandomized few); prints the tally.
FUZZ_EXAMPLES ?= 3000
fuzz: setup
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -s -p no:cacheprovider tests/test_fuzz.py

bench: setup
	$(PY) bench/evaluate_bench.py
	$(PY) bench/verify_bench.py

clean:
	rm -rf $(VENV) proofs/out bench/out
