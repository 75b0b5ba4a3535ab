"""Verification (核实): phone callbacks (电话回访) that verify agents' visits, and the incidents they find.

Where things live:
- `doctype/callback_check/callback_check.py`: a check's behaviour as methods of the Callback Check: the
  visit it verifies, who may change what, calls and closing (the form's `record_call` and `close_check`,
  whitelisted methods called with frm.call, needing write permission), the officer's ToDo, and an
  outcome's consequences (the visit stops counting on its Agent Log, a Conduct Incident is raised).
- `doctype/conduct_incident/conduct_incident.py`: the incident's appeal (申诉): `appeal` (the agent or a
  manager who sees them) and `decide_appeal` (an activity admin), whitelisted methods; an upheld appeal
  restores the visit through its check; valid complaints (有效投诉) per agent.
- `sampling.py`: the morning's sampling run (每日抽样) over many logs; `spot_checks.py`: a supervisor's
  spot-check (抽查回访, the 111), made from a report's log row; `officers.py`: an officer's load per day
  across checks, against the capacity both the run and a hand assignment respect.
- `api/callback_check.py` holds the endpoints that are not one document's (the sampling run, offering and
  starting a spot-check); reports, number cards and the workspace sit beside; the rules (outcomes,
  appeals, the sample) are the core's: `rules/callback_outcomes.py`, `rules/callback_sampling.py`.
"""
