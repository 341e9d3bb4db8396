"""Test support: the synthetic phone-photo generator (print -> fill -> stick -> photograph) and
its ground truth, shared by the round-trip tests and `benchmarks/bench_scan.py`."""
