"""Daily activity (日常活动): the agent's work log against the 5311 standard and the supervisor's 111 routine.

- Agent Log (活动日志) and its rows (Agent Log Activity, Agent Log Tracking Call): the document does its own
  work as methods of `AgentLog` (header snapshot, parties and ownership, one live log per day, the edit
  window, the review, attainment), asking the rules core (`rules/agent_log_rules.py`,
  `rules/activity_standards.py`) what the numbers mean.
- Activity Standard (5311, 111, per role, tier and period) and Activity Kind: configuration in the desk;
  `standards.py` reads them for a person and a day (the one list of standard items, ITEM_LABELS).
- `team_board.py` and page `team_board`: the supervisor's phone board (主管看板).
- report `daily_activity`: days met over working days per agent, team and office.
- `jobs.py`: the missing-log reminder, once a day at or after its hour (`daily_jobs.run_daily`).
"""
