"""Measurements beyond counting: training, latency and memory, real networks, the claims."""
