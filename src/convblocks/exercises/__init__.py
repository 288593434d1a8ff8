"""The exercises: a shared core, the AmoebaNet cell (`amoeba`), the chapters' (`chapters`)."""
