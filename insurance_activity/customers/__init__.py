"""Customers (客户经营): the four quadrants (客户四象限), the customer navigator (客经导航仪) and phone keys.

- Customer Quadrant (one per Customer or Lead, owned by the serving agent) with its moves (Customer
  Quadrant Move): value x temperature, the quadrant's strategy, the agent's override. The scores, the
  placement and the next action are the rules core's (`rules/customer_quadrant.py`,
  `rules/customer_navigator.py`); `quadrants.py` reads the rows in bulk, calls the core and writes only
  what changed (nightly through `daily_jobs.run_daily`, incremental; `recompute_all` for an admin).
- Customer Navigator Rule: the next action per quadrant and situation, edited by admins in the desk.
- report `customer_inventory` (客户盘点): counts per quadrant, moves in the week, overdue actions.
- `phone_keys.py`: the normalised phone of Lead, Customer and Contact, and the look-up by phone.
- `demo.py`: the demo agents' customers placed after the demo history loads.
"""
