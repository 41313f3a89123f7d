"""Test-wide settings.

Hypothesis' timing checks (the per-example deadline and the "too slow" health check) measure the machine, not
the code: on a shared two-core CI machine they fail at random. The properties themselves, and the check that
a strategy does not filter away most of its draws, stay as they are.
"""

from hypothesis import HealthCheck, settings

settings.register_profile("izlem", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("izlem")
