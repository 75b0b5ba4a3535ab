"""Analytics (分析): the week and month views over the activity and production records (issue 17).

- report `weekly_process_mix` (周看流程): each agent's activities per sales-cycle step in a business week
  (经营周, from the settings' calendar) against the recommended mix in settings; a week of one kind of
  activity only is flagged. The comparison is `rules/analytics.py`; the counts are added up in the database.
- report `monthly_activity_vs_results` (月看业绩): each agent's month of activities, built from its business
  weeks, per working day against Agent Monthly Performance (premium, FYC, cases, U), in four groups
  (`rules/analytics.py`, activity_results_group) with the month's role models named.
- report `unit_evaluation` (单位考评): per office and branch in a month, per-capita activity (人均活动量),
  举绩率 and per-capita cases (人均件数) (`rules/analytics.py`, unit_figures), offices ranked on each and
  named with their heads when below the whole selection's own figure.
- `activities.py`: the one query of valid activities the reports add up (a date range, a unit, a team,
  and only the logs the reader sees, through permissions.where_allowed); each report adds its grouping.
Still to come: Unit Evaluation's attendance, complaints and verification measures with its print format and
email, the agent's monthly evaluation, the weekly work summary as its own view, management actions, the
workspace's cards and charts, and alerts (issue 17).
"""
