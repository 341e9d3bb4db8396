"""Read phone photos of the Atelier Kit: find every card, rectify it, read it, place it on the wall.

A plain library (no Flask, no database). See scan/pipeline.py for the entry points and
README (« Lecture des photos ») for the JSON it produces.
"""
from scan.pipeline import merge_readings, scan_image, scan_paths
from scan.results import CardReading, PhotoReading

__all__ = ["scan_image", "scan_paths", "merge_readings", "PhotoReading", "CardReading"]
