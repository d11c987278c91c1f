"""`make load`: a bounded locust scenario against the production stack (`make serve`).

`run.py` starts the server (or uses `LOAD_URL`), prepares the load-test people and draft
assessments (`prepare.py`), runs `locustfile.py` for a fixed time with a fixed number of
simulated users on loopback, and writes the figures to docs/benchmarks.md.
"""
