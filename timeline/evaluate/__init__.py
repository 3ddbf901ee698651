"""Evaluation of timeline's extractors against annotated corpora (TempEval-3 for dates)."""
