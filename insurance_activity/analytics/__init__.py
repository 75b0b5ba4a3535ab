"""Analytics (分析): the week and month views over the activity and production records (issue 17).

- report `weekly_process_mix` (周看流程): each agent's activities per sales-cycle step in a business week
  (经营周, from the settings' calendar) against the recommended mix in settings; a week of one kind of
  activity only is flagged. The comparison is `rules/analytics.py`; the counts are added up in the database.
Still to come: Monthly Activity vs Results (月看业绩), Unit Evaluation (单位考评), the agent's monthly
evaluation, management actions, the workspace's cards and charts, and alerts.
"""
