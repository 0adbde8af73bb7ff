"""The checked set of legal-logic mutants: plausible misreadings of the agreement, as source patches.

Each mutant is one reading mistake a careful drafter could make, named after the section it
gets wrong, and written as exact snippets (old text -> new text) of files in ``spec/`` or
``solver/``.  A snippet must occur exactly once in its file: when the code it patches is
rewritten, applying the mutant fails loudly (``MutantRotted``) instead of testing nothing.

``survives`` records, for a mutant that no check kills, why: the mistake is equivalent to the
agreement on every input the vocabulary can express, or which check is missing.  The runner
(``proofs/mutants.py``) compares it with what it measures and reports any difference.

``DEFECTS`` names the defects of issue 8 that ``make verify`` must catch
(tests/test_defect_mutants.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Patch:
    """Replace ``old`` (which must occur exactly once in ``path``) by ``new``."""

    path: str  # relative to the checkout: "spec/ownership.py"
    old: str
    new: str


@dataclass(frozen=True)
class Mutant:
    """One misreading of the agreement, as patches to the reference implementation or the model."""

    name: str
    section: str
    mistake: str  # the misreading, in one plain sentence
    patches: tuple[Patch, ...]
    survives: str | None = None  # why no check kills it (equivalent, or the missing check), when known

    @property
    def layer(self) -> str:
        """``spec`` or ``solver``: the folder every patch of this mutant is in."""
        return self.patches[0].path.split("/")[0]


def _m(name: str, section: str, mistake: str, path: str, old: str, new: str, survives: str | None = None) -> Mutant:
    return Mutant(name, section, mistake, (Patch(path, old, new),), survives)


SPEC: tuple[Mutant, ...] = (
    # -- Section 1(d), Section 29: ownership -------------------------------------------------
    _m("1a_threshold_gt_spec", "Section 1(a)", '"15% or more" read as more than 15%', "spec/ownership.py",
       "return self.owned(unit) * threshold.denominator >= threshold.numerator * self.denominator(unit)",
       "return self.owned(unit) * threshold.denominator > threshold.numerator * self.denominator(unit)"),
    _m("1d_options_not_in_denominator_spec", "Section 29",
       "a holder's own options left out of the shares outstanding (Rule 13d-3(d)(1)(i) ignored)", "spec/ownership.py",
       "return self.outstanding + self._unit_opts[self._at[unit]]", "return self.outstanding"),
    _m("29_everyones_options_in_denominator", "Section 29",
       "every holder's options counted as outstanding for everyone, not only the holder's own", "spec/ownership.py",
       "return self.outstanding + self._unit_opts[self._at[unit]]", "return self.outstanding + sum(self.opts)"),
    _m("1d_affiliates_not_aggregated_spec", "Section 1(d)",
       "a group's members not aggregated: each is judged on its own shares", "spec/ownership.py",
       "self._owned[r], self._owned[v] = self._owned[r] + self._owned[v], 0",
       "self._owned[r], self._owned[v] = self._owned[r], 0"),
    _m("1a_walden_not_collective_spec", "Section 1(a)",
       '"collectively, \'Walden\'" ignored: each Walden entity judged alone', "spec/ownership.py",
       "        for ps in members.values():\n            self.join(ps)\n", ""),
    # -- Section 1(a): who is an Acquiring Person -------------------------------------------
    _m("1a_hq_not_excluded_spec", "Section 1(a)", '"other than H&Q Venture Associates" dropped',
       "spec/acquiring_person.py", "return not (role is Role.NAMED_EXEMPT or role.exempt)", "return not role.exempt"),
    _m("1a_exempt_not_excluded_spec", "Section 1(a)", "the Company, its Subsidiaries and plans treated as Persons "
       "who can become Acquiring Persons", "spec/acquiring_person.py",
       "return not (role is Role.NAMED_EXEMPT or role.exempt)", "return not (role is Role.NAMED_EXEMPT)"),
    _m("1a_walden_threshold_15_spec", "Section 1(a)", "Walden's 20% proviso dropped: Walden at 15% like everyone",
       "spec/acquiring_person.py", "            return min(self.holder_threshold(k) for k in keys)\n",
       "            return self.plan.acquiring_person_threshold\n"),
    _m("1a_walden_ratchet_never_spec", "Section 1(a)", "Walden's threshold stays 20% after it falls below 15%",
       "spec/acquiring_person.py", "                self.ratcheted.add(key)\n", "                pass\n"),
    _m("1a_walden_ratchet_without_prior_15_spec", "Section 1(a)",
       '"after Walden has been the Beneficial Owner of 15% or more" dropped: any dip below 15% ratchets',
       "spec/acquiring_person.py", "            if key not in self.has_been_at_ratchet:\n                continue\n", ""),
    _m("1a_carveout_deleted_spec", "Section 1(a)", "the Company-repurchase carve-out dropped",
       "spec/acquiring_person.py", "if before < thr and own.at_least(unit, thr):",
       "if False and before < thr and own.at_least(unit, thr):"),
    _m("1a_deeming_rule_deleted_spec", "Section 1(a)", "the deeming rule after a repurchase dropped "
       "(a lifted holder may buy more freely)", "spec/acquiring_person.py",
       "if before < line and own.at_least(unit, line):", "if False and before < line and own.at_least(unit, line):"),
    _m("1a_shield_survives_acquisition_spec", "Section 1(a)",
       "a repurchase-lifted holder stays protected after buying more", "spec/acquiring_person.py",
       "        if p in self.shielded:\n            if not added:\n                return None\n",
       "        if p in self.shielded:\n            return None\n"),
    _m("1a_deeming_without_additional_shares_spec", "Section 1(a)",
       '"then becomes the Beneficial Owner of any additional Common Shares" dropped from the deeming rule',
       "spec/acquiring_person.py", "if p in self.marked and added:", "if p in self.marked:"),
    _m("1a_ii_grandfather_ends_on_any_acquisition_spec", "Section 1(a)(ii)",
       "grandfathering lost on any acquisition, even while below 15%", "spec/acquiring_person.py",
       "if not (added and self._beyond_allowance(own, unit, p)):", "if not added:"),
    _m("1a_ii_grandfather_never_ends_spec", "Section 1(a)(ii)",
       '"unless and until ... additional Common Shares" dropped: grandfathering is for ever',
       "spec/acquiring_person.py",
       "            if not (added and self._beyond_allowance(own, unit, p)):\n                return None\n",
       "            return None\n"),
    _m("1a_ii_grandfather_everyone_spec", "Section 1(a)(ii)",
       "every holder on the agreement date grandfathered, not only those at 15% or more", "spec/acquiring_person.py",
       "            if not own.at_least(unit, line):\n                continue\n", ""),
    _m("1l_ii_tender_offer_strict_spec", "Section 1(l)",
       '"would be an Acquiring Person" read as more than 15% after the offer', "spec/acquiring_person.py",
       "        return total >= thr\n", "        return total > thr\n"),
    # -- Sections 1(hh), 1(l): the Distribution Date -----------------------------------------
    _m("1l_eleventh_business_day_spec", "Section 1(l)", "the tenth Business Day counted from the day after",
       "spec/distribution_date.py", "base = self.calendar.business_days_after(started, n)",
       "base = self.calendar.business_days_after(started, n + 1)"),
    _m("1l_tenth_calendar_day_spec", "Section 1(l)", '"tenth Business Day" counted in calendar days',
       "spec/distribution_date.py", "base = self.calendar.business_days_after(started, n)",
       "base = self.calendar.close_of_business(started + timedelta(days=n))"),
    _m("1l_later_of_two_clauses_spec", "Section 1(l)", '"the earlier of (i) ... or (ii)" read as the later',
       "spec/distribution_date.py", "clause, when = min(dates, key=lambda cd: cd[1])",
       "clause, when = max(dates, key=lambda cd: cd[1])"),
    _m("1l_extension_may_shorten_spec", "Section 1(l)",
       '"such later date" read as any date the Board sets, earlier ones included', "spec/distribution_date.py",
       "if extended_to is not None and extended_to > base:", "if extended_to is not None:"),
    _m("1l_no_extension_on_the_distribution_date_spec", "Section 1(l)",
       "a Board extension on the Distribution Date itself held too late", "spec/distribution_date.py",
       "if on > current[0]:", "if on >= current[0]:"),
    _m("1hh_cured_announcement_still_counts_spec", "Section 1(hh)",
       "a cured person's announcement still a Shares Acquisition Date", "spec/distribution_date.py",
       "            if a.person in live:\n", "            if True:\n"),
    # -- Section 23: redemption ---------------------------------------------------------------
    _m("23a_fifth_business_day_spec", "Section 23(a)", '"the fifth day following" counted in Business Days',
       "spec/redemption.py", "fifth = sad + timedelta(days=plan.redemption_days)",
       "fifth = calendar.business_days_after(sad, plan.redemption_days)"),
    _m("23a_sixth_day_spec", "Section 23(a)", '"the fifth day following" counted from the day after',
       "spec/redemption.py", "fifth = sad + timedelta(days=plan.redemption_days)",
       "fifth = sad + timedelta(days=plan.redemption_days + 1)"),
    _m("1f_no_roll_spec", "Section 1(f)", "the fifth day's Close of Business not rolled to the next Business Day",
       "spec/redemption.py", "return calendar.close_of_business(min(fifth, fed))", "return min(fifth, fed)"),
    _m("23a_no_cap_at_final_expiration_spec", "Section 23(a)",
       '"the earlier of (i) ... and (ii) the Final Expiration Date" read without clause (ii)',
       "spec/redemption.py", "return calendar.close_of_business(min(fifth, fed))",
       "return calendar.close_of_business(fifth)"),
    _m("23a_extension_may_shorten_spec", "Section 23(a)",
       '"such later date" read as any date the Board sets, earlier ones included', "spec/redemption.py",
       "if extension is not None and extension > fifth:", "if extension is not None:"),
    _m("23a_deadline_day_excluded_spec", "Section 23(a)",
       '"prior to the Close of Business on" the deadline read as before the deadline day', "spec/board.py",
       "    if e.date > deadline:\n", "    if e.date >= deadline:\n"),
    _m("27_late_extension_always_effective_spec", "Section 27",
       "the late_redemption_extension reading ignored: a lapsed window may always be reopened", "spec/board.py",
       'if e.date > deadline and engine.s.readings["late_redemption_extension"] == "ineffective":',
       "if False:"),
    # -- Section 24: exchange -----------------------------------------------------------------
    _m("24a_bar_gt_spec", "Section 24(a)", '"50% or more" read as more than 50%', "spec/exchange.py",
       "if not own.at_least(unit, plan.exchange_bar_threshold):",
       "if own.fraction(unit) <= plan.exchange_bar_threshold:"),
    _m("24a_hq_exempt_from_bar_spec", "Section 24(a)",
       "H&Q excepted from the 50% bar as it is from Section 1(a)", "spec/exchange.py",
       "return any(not own.roles[p].exempt for p in own.members(unit))",
       'return any(not own.roles[p].exempt and own.roles[p] is not Role.NAMED_EXEMPT for p in own.members(unit))'),
    _m("24a_exchange_before_triggering_event_spec", "Section 24(a)",
       '"at any time after the occurrence of a Triggering Event" dropped', "spec/exchange.py",
       "    if triggering is None:\n", "    if False:\n"),
    _m("24e_rights_exchange_after_acquiring_person_spec", "Section 24(e)",
       "an exchange for other rights allowed after a Person has become an Acquiring Person", "spec/exchange.py",
       "        if any_acquiring:\n", "        if False:\n"),
    _m("24b_partial_exchange_not_pro_rata_spec", "Section 24(b)",
       "each partial exchange taken as a share of the original Rights, not of those still outstanding",
       "spec/exchange.py", "return 1 - (1 - exchanged) * (1 - portion)", "return min(Fraction(1), exchanged + portion)"),
    _m("24b_partial_exchange_always_expires_spec", "Section 1(q)",
       "the partial_exchange_expires reading ignored: any exchange order ends the Rights", "spec/board.py",
       'if portion == 1 or engine.s.readings["partial_exchange_expires"] == "yes":', "if True:"),
    _m("24a_exercisable_on_the_distribution_date_spec", "Section 24(a)",
       "under exchange_requires_exercisable, Rights held exercisable on the Distribution Date itself",
       "spec/board.py", "and (dd is None or e.date <= dd[0]):", "and (dd is None or e.date < dd[0]):"),
    # -- Sections 7, 13: exercise, void Rights, flip-over ---------------------------------------
    _m("7a_exercise_on_the_distribution_date_spec", "Section 7(a)",
       '"at any time after the Distribution Date" read as on or after', "spec/evaluate.py",
       "if dd is None or e.date <= dd[0]:", "if dd is None or e.date < dd[0]:"),
    _m("7e_affiliates_not_void_spec", "Section 7(e)",
       "only the Acquiring Person's own Rights void, not its Affiliates' and Associates'", "spec/evaluate.py",
       "self.void.void(p, self.own.members(self.own.unit(p)))", "self.void.void(p, [p])"),
    _m("7e_void_forgets_cure_spec", "Section 7(e)", "a cured person's Rights stay void", "spec/void_rights.py",
       "        for ap in live:\n", "        for ap in self._voided:\n"),
    _m("13a_flip_over_without_triggering_event_spec", "Section 13(a)",
       '"following a Triggering Event" dropped from the flip-over', "spec/board.py",
       "    if engine.triggering_event() is None:\n", "    if False:\n"),
    # -- Section 1(a)(i): the inadvertence cure ------------------------------------------------
    _m("1a_i_cure_without_sale_spec", "Section 1(a)(i)",
       "the inadvertence_divestiture reading ignored: a dilution below the threshold cures", "spec/evaluate.py",
       'if self.s.readings["inadvertence_divestiture"] == "own_disposition" and not sold:', "if False:"),
    _m("1a_i_divest_deadline_exclusive_spec", "Section 1(a)(i)",
       "a divestiture on the deadline day itself held too late", "spec/inadvertence.py",
       "(open_ if on <= p.deadline else lapsed)", "(open_ if on < p.deadline else lapsed)"),
    _m("1a_i_cure_not_retroactive_spec", "Section 1(a)(i)",
       '"shall not be deemed to be or to have become" read as from the cure on only', "spec/evaluate.py",
       'if scenario.readings["inadvertence_cure"] != "all_purposes" or not first.cured_episodes:', "if True:"),
    # -- ownership events as Section 1(a) reads them ------------------------------------------
    _m("1a_split_is_an_acquisition_spec", "Section 1(a)",
       "a stock split read as becoming the Beneficial Owner of additional Common Shares", "spec/evaluate.py",
       "self._change(e, [], broad=True, outstanding_before=before)",
       "self._change(e, [], frozenset(self.own.roles), broad=True, outstanding_before=before)"),
    _m("1a_join_not_additional_spec", "Section 1(a)",
       "joining a group not read as becoming the Beneficial Owner of additional shares", "spec/evaluate.py",
       "additional = _Joined(self.own, unit, total > self._owned_before[unit], merged)",
       "additional = frozenset()"),
    # -- the defects of issue 8 (spec): each undoes a fix -----------------------------------------
    _m("1a_i_crossing_shares_not_rescaled_spec", "Section 1(a)(i)",
       "the shares owned at crossing not rescaled by a split, so a split or reverse split decides the cure",
       "spec/evaluate.py", '        self.inadvertence.rescale(e["new"], e["old"])\n', ""),
    _m("1hh_extension_dropped_on_cure_spec", "Section 1(hh)",
       "the Board's Distribution-Date extension dropped when the first of two same-day announced Acquiring "
       "Persons is cured, though the other's announcement stands", "spec/distribution_date.py",
       "        self.announcements = [a for a in self.announcements if a.person != person]\n"
       "        if self.shares_acquisition_date(live) is None:\n",
       "        was = self.shares_acquisition_date(live)\n"
       "        self.announcements = [a for a in self.announcements if a.person != person]\n"
       "        if was is not None and was.person == person:\n"),
    _m("1q_final_expiration_not_rolled_spec", "Section 1(q)",
       "the Close of Business on the Final Expiration Date (a Saturday) not rolled by Section 1(f)",
       "spec/expiration.py", "return calendar.close_of_business(plan.final_expiration_date)",
       "return plan.final_expiration_date"),
)

SOLVER: tuple[Mutant, ...] = (
    # -- the defects of issue 8 (model) ---------------------------------------------------------
    _m("23a_fifth_business_day", "Section 23(a)", '"the fifth day following" counted in Business Days',
       "solver/dates.py", "    return cfg.calendar.fifth_day(z, t)\n", "    return t + cfg.days.redemption\n"),
    _m("1f_no_roll", "Section 1(f)", "the fifth day's Close of Business on a weekend not rolled to Monday",
       "solver/plan.py", "    target += {5: 2, 6: 1}.get(target % 7, 0)  # a Saturday or Sunday rolls to Monday\n", ""),
    _m("1d_options_not_in_denominator", "Section 29",
       "a holder's own options left out of the shares outstanding (Rule 13d-3(d)(1)(i) ignored)",
       "solver/ownership.py", "    return s.outstanding + z.Sum([z.If(same(z, s, i, j), s.options[j], 0) for j in range(n)])\n",
       "    return s.outstanding\n"),
    Mutant("24a_bar_gt", "Section 24(a)", '"50% or more" read as more than 50%', (
        Patch("solver/board.py", "from .model import Named, named, opt_min, role_is\n",
              "from .model import Named, named, opt_min, role_is\nfrom .ownership import denominator, owned\n"),
        Patch("solver/board.py", "st.at(s2, i, st.lines.bar)) for i in range(st.n)])",
              "st.lines.scale * owned(z, s2, st.n, i) > st.lines.level(st.lines.bar) * denominator(z, s2, st.n, i))"
              " for i in range(st.n)])"),
        Patch("solver/system.py", "at_least(z, s, n, i, lines.level(lines.bar), 0, lines.scale)) for i in range(n)])",
              "lines.scale * owned(z, s, n, i) > lines.level(lines.bar) * denominator(z, s, n, i)) for i in range(n)])"),
    )),
    _m("23a_no_cap_at_final_expiration", "Section 23(a)",
       '"the earlier of (i) ... and (ii) the Final Expiration Date" read without clause (ii)', "solver/dates.py",
       "return z.If(has, z.If(later < final, later, final), final)", "return z.If(has, later, final)"),
    _m("7e_cured_stays_void", "Section 7(e)", "a cured person's Rights (and its unit's) stay void",
       "solver/status.py", "z.Or(z.And(s.void_because[(i, j)], z.Not(st.cured[j])), z.And(s2.acquiring[j], st.same2(i, j)))",
       "z.Or(s.void_because[(i, j)], z.And(s2.acquiring[j], st.same2(i, j)))"),
    # -- ownership (Section 1(d)) ----------------------------------------------------------------
    _m("1a_threshold_gt", "Section 1(a)", '"15% or more" read as more than 15%', "solver/ownership.py",
       "return scale * (owned(z, s, n, i) + extra) >= level * denominator(z, s, n, i)",
       "return scale * (owned(z, s, n, i) + extra) > level * denominator(z, s, n, i)"),
    _m("1d_options_not_owned", "Section 1(d)", '"the right to acquire ... upon the exercise of ... options" dropped',
       "solver/ownership.py", "z.If(same(z, s, i, j), s.held[j] + s.options[j], 0)", "z.If(same(z, s, i, j), s.held[j], 0)"),
    _m("1d_affiliates_not_aggregated", "Section 1(d)", "a group's members not aggregated: each is judged alone",
       "solver/ownership.py", "z.If(same(z, s, i, j), s.held[j] + s.options[j], 0)",
       "z.If(z.BoolVal(i == j), s.held[j] + s.options[j], 0)"),
    _m("1d_join_not_transitive", "Section 1(d)",
       "an Affiliate of an Affiliate not counted (the unit relation not closed)", "solver/ownership.py",
       "z.Or(z.And(with_(i, e.person), with_(j, e.other)),",
       "z.Or(z.And(i == e.person, j == e.other),"),
    _m("1a_walden_not_collective", "Section 1(a)",
       '"collectively, \'Walden\'" ignored: Walden entities start in separate units', "solver/system.py",
       "        facts.append(z.Implies(z.And(wi, wj), s.grouped[(i, j)]))\n", ""),
    # -- Section 1(a): status -------------------------------------------------------------------
    _m("1a_split_is_an_acquisition", "Section 1(a)",
       "a stock split read as becoming the Beneficial Owner of additional Common Shares", "solver/status.py",
       'z.Or(k["acquire"], k["option"], z.And(k["issue"], e.variant))',
       'z.Or(k["acquire"], k["option"], k["split"], z.And(k["issue"], e.variant))'),
    _m("1a_join_not_additional", "Section 1(a)",
       "joining a group not read as becoming the Beneficial Owner of additional shares", "solver/status.py",
       'z.And(k["join_group"], owned(z, s2, st.n, i) > owned(z, s, st.n, i))', "z.BoolVal(False)"),
    _m("1a_ii_grandfather_ends_on_any_acquisition", "Section 1(a)(ii)",
       "grandfathering lost on any acquisition, even while below 15%", "solver/status.py",
       "gf = z.And(s.grandfathered[i], z.Not(z.And(addl, beyond_allowance(st, i))))", "gf = z.And(s.grandfathered[i], z.Not(addl))"),
    _m("1a_shield_survives_acquisition", "Section 1(a)",
       "a repurchase-lifted holder stays protected after buying more", "solver/status.py",
       "z.And(s.shielded[i], at_thr, z.Not(addl))", "z.And(s.shielded[i], at_thr)"),
    _m("1a_mark_survives_a_dip", "Section 1(a)",
       "the deeming rule's mark kept after the holder falls below 15%", "solver/status.py",
       "z.And(s.buyback_marked[i], at_deeming, z.Not(addl))", "z.And(s.buyback_marked[i], z.Not(addl))"),
    _m("1a_walden_ratchet_without_prior_15", "Section 1(a)",
       '"after Walden has been the Beneficial Owner of 15% or more" dropped: any dip below 15% ratchets',
       "solver/status.py", "ratch = z.Or(s.ratcheted, z.And(s.has_been_at_ratchet, below, cause))",
       "ratch = z.Or(s.ratcheted, z.And(below, cause))"),
    _m("1a_i_cure_without_sale", "Section 1(a)(i)",
       "the inadvertence_divestiture reading ignored: a dilution below the threshold cures", "solver/status.py",
       "below = z.And(below, owned(z, s2, st.n, i) < s2.owned_at_crossing[i])", "below = z.And(below, z.BoolVal(True))"),
    _m("1a_i_divest_deadline_exclusive", "Section 1(a)(i)",
       "a divestiture on the deadline day itself held too late", "solver/status.py",
       "in_time = z.And(s.divestiture_pending[i], e.day <= s.divestiture_deadline[i])", "in_time = z.And(s.divestiture_pending[i], e.day < s.divestiture_deadline[i])"),
    _m("1a_i_divest_days_short_by_one", "Section 1(a)(i)",
       "the divestiture period counted as one Business Day shorter", "solver/status.py",
       "z.If(finding, z.If(e.variant, e.until, e.day + days), s.divestiture_deadline[i])", "z.If(finding, z.If(e.variant, e.until, e.day + days - 1), s.divestiture_deadline[i])"),
    _m("1a_i_crossing_shares_not_split", "Section 1(a)(i)",
       "the shares owned at crossing not rescaled by a split (the model's twin of defect (a))", "solver/status.py",
       'z.If(st.kind["split"], split_real(st, s.owned_at_crossing[i]), s.owned_at_crossing[i])', "s.owned_at_crossing[i]"),
    _m("7e_affiliates_not_void", "Section 7(e)",
       "only the Acquiring Person's own Rights void, not its Affiliates' and Associates'", "solver/status.py",
       "z.And(s2.acquiring[j], st.same2(i, j)))", "z.And(s2.acquiring[j], z.BoolVal(i == j)))"),
    # -- Sections 1(hh), 1(l) -------------------------------------------------------------------
    _m("1l_eleventh_business_day", "Section 1(l)", "the tenth Business Day counted from the day after",
       "solver/board.py", "ten = st.days.distribution  #", "ten = st.days.distribution + 1  #"),
    _m("1l_clause_i_governs", "Section 1(l)",
       '"the earlier of (i) ... or (ii)" read as clause (i) whenever it applies', "solver/dates.py",
       "return opt_min(z, [(s.has_announcement_clause, s.distribution_by_announcement), (s.has_tender_clause, s.distribution_by_tender_offer)])",
       "return z.Or(s.has_announcement_clause, s.has_tender_clause), z.If(s.has_announcement_clause, s.distribution_by_announcement, s.distribution_by_tender_offer)"),
    _m("1l_second_tender_restarts_clock", "Section 1(l)",
       "a second tender offer restarts the clause (ii) clock", "solver/board.py",
       "ddT = z.If(st.tender_ok, z.If(z.And(s.has_tender_clause, s.distribution_by_tender_offer < soon), s.distribution_by_tender_offer, soon), s.distribution_by_tender_offer)",
       "ddT = z.If(st.tender_ok, soon, s.distribution_by_tender_offer)"),
    _m("1l_no_extension_on_the_distribution_date", "Section 1(l)",
       "a Board extension on the Distribution Date itself held too late", "solver/board.py",
       'st.extend_dd_ok = z.And(st.live, k["extend_distribution"], sched, e.day <= when, e.until > when)',
       'st.extend_dd_ok = z.And(st.live, k["extend_distribution"], sched, e.day < when, e.until > when)'),
    _m("1l_extension_may_shorten", "Section 1(l)",
       '"such later date" read as any date: an extension also moves the later clause back', "solver/board.py",
       'named("Section 1(l)", "clause_i", z.And(s2.has_announcement_clause == has, s2.distribution_by_announcement == z.If(z.And(move, ddS < e.until), e.until, ddS)))',
       'named("Section 1(l)", "clause_i", z.And(s2.has_announcement_clause == has, s2.distribution_by_announcement == z.If(move, e.until, ddS)))'),
    _m("1hh_cured_announcement_still_counts", "Section 1(hh)",
       "a cured person's announcement still a Shares Acquisition Date", "solver/board.py",
       "ann = z.And(z.Not(st.cured[i]), z.Or(s.announced[i], told))", "ann = z.Or(s.announced[i], told)"),
    _m("1hh_announcement_of_anyone", "Section 1(hh)",
       "an announcement about a person who is not an Acquiring Person taken as a Shares Acquisition Date",
       "solver/board.py", 'told = z.And(st.live, k["announce"], st.is_p(i), s2.acquiring[i])',
       'told = z.And(st.live, k["announce"], st.is_p(i))'),
    _m("1l_ii_exempt_tender_starts_clock", "Section 1(l)",
       "a tender offer by H&Q or an exempt person starts the clause (ii) clock", "solver/board.py",
       "return z.And(st.eligible(i), z.Or(s2.acquiring[i], st.at(s2, i, st.threshold(i), n), deemed))",
       "return z.Or(s2.acquiring[i], st.at(s2, i, st.threshold(i), n), deemed)"),
    # -- Sections 23, 24, 1(q) ------------------------------------------------------------------
    _m("23a_deadline_day_excluded", "Section 23(a)",
       '"prior to the Close of Business on" the deadline read as before the deadline day', "solver/board.py",
       'redeem_ok = z.And(k["redeem"], z.Not(s.expired), e.day <= rd_now)',
       'redeem_ok = z.And(k["redeem"], z.Not(s.expired), e.day < rd_now)'),
    _m("23a_extension_may_shorten", "Section 23(a)",
       '"such later date" read as any date the Board sets, earlier ones included', "solver/dates.py",
       "later = z.If(z.And(has_rb, rdb > five), rdb, five)", "later = z.If(has_rb, rdb, five)"),
    _m("27_late_extension_always_effective", "Section 27",
       "the late_redemption_extension reading ignored: a lapsed window may always be reopened", "solver/board.py",
       "z.Or(z.BoolVal(late_ok), e.day <= before)", "z.BoolVal(True)"),
    _m("24a_exchange_before_triggering_event", "Section 24(a)",
       '"at any time after the occurrence of a Triggering Event" dropped', "solver/board.py",
       "common = z.And(z.Not(e.variant), has_te, z.Not(barred))", "common = z.And(z.Not(e.variant), z.Not(barred))"),
    _m("24a_bar_lifts_below_50", "Section 24(a)",
       '"at any time after any Person ... becomes" read as while it holds 50%', "solver/board.py",
       "barred = z.Or(s.exchange_barred, bar_now)", "barred = bar_now"),
    _m("24a_hq_exempt_from_bar", "Section 24(a)",
       "H&Q excepted from the 50% bar as it is from Section 1(a)", "solver/board.py",
       "return role_is(st.z, st.roles[i], Role.COMPANY, Role.SUBSIDIARY, Role.EMPLOYEE_PLAN)",
       "return role_is(st.z, st.roles[i], Role.COMPANY, Role.SUBSIDIARY, Role.EMPLOYEE_PLAN, Role.NAMED_EXEMPT)"),
    _m("24e_rights_exchange_after_acquiring_person", "Section 24(e)",
       "an exchange for other rights allowed after a Person has become an Acquiring Person", "solver/board.py",
       "rights = z.And(e.variant, z.Not(has_te))", "rights = e.variant"),
    _m("24b_partial_exchange_always_expires", "Section 1(q)",
       "the partial_exchange_expires reading ignored: any exchange order ends the Rights", "solver/board.py",
       "z.And(exchange_ok, z.Or(e.all_rights, z.BoolVal(partial_ends)))", "exchange_ok"),
    _m("1q_expires_on_the_final_day", "Section 1(q)",
       '"the Close of Business on the Final Expiration Date" read as its start', "solver/board.py",
       "ends = z.Or(s.expired, e.day > st.final,", "ends = z.Or(s.expired, e.day >= st.final,"),
)

MUTANTS: tuple[Mutant, ...] = SPEC + SOLVER
BY_NAME: dict[str, Mutant] = {m.name: m for m in MUTANTS}

# The defects of issue 8, each re-introduced on purpose: `make verify` must catch every one.
# (a) and (h) are spec bugs the issue asks to fix; their mutants undo the fix once it lands.
DEFECTS: dict[str, str] = {
    "a": "1a_i_crossing_shares_not_rescaled_spec",
    "b": "23a_fifth_business_day",
    "c": "1f_no_roll",
    "d": "1d_options_not_in_denominator",
    "e": "24a_bar_gt",
    "f": "23a_no_cap_at_final_expiration",
    "g": "7e_cured_stays_void",
    "h": "1hh_extension_dropped_on_cure_spec",
}

# Mutants that survived every check of a full run, answered by a test added at the boundary they move
# (tests/test_mutant_survivors.py) and then re-run: why they survived, and what kills them now.
ANSWERED: dict[str, str] = {
    "1a_ii_grandfather_ends_on_any_acquisition": (
        "not equivalent, but no Acquiring-Person determination differs: once a grandfathered holder is below "
        "15%, a rise back to 15% comes either from an acquisition (which ends the protection under both readings "
        "and makes it an Acquiring Person by the ordinary rule) or from a Company buyback (the carve-out shields "
        "it either way). What differs is the protection itself, which the model state, the snapshots and the memo "
        "show: Section 1(a)(ii) keeps it through an acquisition after which the holder \"is not then the Beneficial "
        "Owner of 15% or more\". The cross-check's 80 derandomized histories never had a grandfathered holder "
        "sell below 15% and then buy. Killed now by test_a_grandfathered_holder_buying_to_one_share_under_15_"
        "percent_stays_grandfathered (20% on the agreement date, sells to 10%, buys to 14.9%: still grandfathered "
        "in the model and the reference; its twin at exactly 15% ends the protection and makes an Acquiring "
        "Person)."),
    "1a_mark_survives_a_dip": (
        "not equivalent: the mark is a state both layers show, and it decides one determination. For any holder "
        "whose threshold is 15% a marked and an unmarked holder that buys to 15% or more become Acquiring Persons "
        "alike; only Walden under its 20% differs: lifted by a buyback to 15.6% (marked), diluted by an issuance to "
        "14.9% (no ratchet under walden_ratchet_cause=own_disposition), then buying to 16.7% is deemed an Acquiring "
        "Person if the mark survived the dip, and is not one if it ended there (docs/semantics.md 4: the mark ends "
        "below 15%). The cross-check never had a marked holder fall below 15%. Killed now by "
        "test_a_buyback_marked_holder_selling_to_one_share_under_15_percent_is_no_longer_marked (its twin at "
        "exactly 15% stays marked) and by the Walden history above, in the model and the reference. The words "
        "(\"shall, after such share purchases by the Company, become the Beneficial Owner of any additional "
        "Common Shares\") set no end to the mark: that the mark ends below 15% is the reading of "
        "docs/semantics.md, not a named switch."),
    "1a_i_cure_without_sale": (
        "not equivalent (it is the any_cause reading of inadvertence_divestiture applied under the default "
        "own_disposition): an inadvertent Acquiring Person diluted below 15% by an issuance, owning as many shares "
        "as when it crossed, is cured by the mutant and not by the agreement's \"divests ... a sufficient number of "
        "Common Shares\". The cross-check never issued shares between a finding and a sale, and the own-words cure "
        "properties speak of a sale. Killed now by test_an_inadvertent_acquiring_person_diluted_below_15_percent_"
        "without_selling_is_not_cured (20% of 1,000, finding, 400 new shares: 14.3%, still an Acquiring Person in "
        "the model and the reference) and its twin one share sold (cured), which the mutant cures an event early."),
    "24a_exercisable_on_the_distribution_date_spec": (
        "not equivalent: under exchange_requires_exercisable=yes the Rights are exercisable only \"at any time "
        "after the Distribution Date\" (Section 7(a)), so an exchange ordered on the Distribution Date itself is "
        "refused; the mutant lets it take effect. No example exchanges under that reading, and the cross-check "
        "(which would see the model refuse it) never drew an exchange on the very day. Killed now by "
        "tests/test_mutant_survivors_spec.py::test_under_exchange_requires_exercisable_an_exchange_on_the_"
        "distribution_date_itself_is_refused (Distribution Date 2003-05-07, exchange that day: refused; its twin "
        "on 05-08 takes effect); the model's twin is pinned in tests/test_mutant_survivors.py."),
    "1l_second_tender_restarts_clock": (
        "not equivalent: the Distribution Date is \"the earlier of\" the clause dates, so a second tender offer "
        "before the first one's tenth Business Day leaves that date; the mutant moves it to ten Business Days "
        "after the second. The cross-check never drew two tender offers ten Business Days apart or less before a "
        "Distribution Date. Killed now by test_a_second_tender_offer_does_not_put_off_the_first_offers_"
        "distribution_date (offers on 2003-04-22 and 04-24: the Distribution Date stays 05-06 in the model and "
        "the reference)."),
    "1l_no_extension_on_the_distribution_date": (
        "not equivalent: an extension ordered on the Distribution Date itself is one made before the Distribution "
        "Date has passed (docs/semantics.md; the reference implementation's twin is pinned), and the mutant holds it "
        "too late. The cross-check never drew an extension on that very day. Killed now by "
        "test_an_extension_ordered_on_the_distribution_date_itself_takes_effect (tender offer 2003-04-22, "
        "Distribution Date 05-06, extension ordered 05-06 to 05-13: effective in the model and the reference; "
        "its twin ordered 05-07 has no effect)."),
    "1l_ii_exempt_tender_starts_clock": (
        "not equivalent: H&Q and the exempt persons can never be Acquiring Persons (Section 1(a)), so their tender "
        "offers fail clause (ii)'s \"if ... such Person would be an Acquiring Person\"; the mutant lets such an offer "
        "start the clock. The cross-check never drew a tender offer by H&Q or an exempt person that reached 15%. "
        "Killed now by test_a_tender_offer_by_h_and_q_or_an_exempt_plan_starts_no_distribution_date_clock (H&Q and "
        "an employee plan holding 10% offer for 10% more: no Distribution Date in the model and the reference; its "
        "twin by an ordinary holder has one on 2003-05-06)."),
}

if len(BY_NAME) != len(MUTANTS):
    raise ValueError("two mutants share a name")
