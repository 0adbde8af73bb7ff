# rightsplan: `make verify` sets up and runs every proof on the built-in plan; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup test verify matrix examples identities crosscheck mutants bench fuzz clean calendar-regression

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
	$(VENV)/bin/rightsplan test examples/*.yaml

identities: setup
	$(PY) -m rightsplan.proofs.identities

# The spec-versus-model state machine with fresh random examples (CI runs a derandomized few).
crosscheck: setup
	HYPOTHESIS_PROFILE=verify $(PY) -m pytest -q -p no:cacheprovider tests/test_crosscheck_stateful.py

# Every property of the catalogue (and the SymPy identities): proofs/out/report.md and report.json.
verify: setup examples
	$(PY) -m rightsplan.proofs.verify --jobs 2
	$(MAKE) --no-print-directory crosscheck

# Every property again under each value of each reading switch the model reads (proofs/matrix.py): the
# "Where the readings matter" section of proofs/out/report.*; not in CI (it is about 13 verify runs).
matrix: setup
	$(PY) -m rightsplan.proofs.verify --jobs 2 --matrix

# The defects of issue 8 (each must fail verify or the cross-check), the legal-logic mutants of spec/ and
# solver/ (writes docs/mutants.md), and mutmut on spec/acquiring_person.py; every copy is private.
mutants: setup
	@status=0; \
	RIGHTSPLAN_DEFECT_MUTANTS=1 $(PY) -m pytest -q -p no:cacheprovider tests/test_defect_mutants.py || status=1; \
	$(PY) -m rightsplan.proofs.mutants --mutmut || status=1; \
	exit $$status

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
