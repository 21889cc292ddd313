# demo stand-in of flask 3.0.3's package (the simulated PyPI serves it; the real one is on pypi.org)
from .app import Flask as Flask
