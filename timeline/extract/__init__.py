"""Extraction stages: article text -> mentions with character offsets -> the events frame."""
