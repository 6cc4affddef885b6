"""Benchmarks: each ``benchmarks/bench_*.py`` measures one performance promise of DESIGN.md section 7.

Every module has ``run(size="small") -> list[dict]`` (rows made with ``harness.row`` or
``harness.latency_row``) and ends with ``if __name__ == "__main__": harness.main(run)`` so that it
also runs alone. ``python -m benchmarks [--size small|medium|large] [names...]`` runs them all (each
in its own process) and prints one table. ``benchmarks.generate`` builds the projects they measure.
"""
