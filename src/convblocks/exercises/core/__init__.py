"""What every exercise check shares: reading a reader's graph, comparing it, the Result."""
