"""Production rules, one module per production area: policies, performance, tiers, targets."""
