"""Shared helpers of these rule tests."""
from __future__ import annotations


APP = {"app.py": "from flask import Flask\napp = Flask(__name__)\n", "Procfile": "web: gunicorn app:app\n",
       "requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", ".python-version": "3.13\n"}
