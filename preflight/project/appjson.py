"""app.json checked against its schema, statically, with the line of each problem.

``schema_problems(project)`` -> :class:`Problem` list. The schema (keys and value shapes), the retired add-on
plans, dyno sizes and stacks are data: ``preflight/data/heroku_app_json.json`` (sources and date there).
A file that is not valid JSON is file-unreadable's (the manifest loader records it); this module only
looks at a file that parses.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "heroku_app_json.json"


@lru_cache(maxsize=1)
def schema() -> dict:
    with open(DATA, encoding="utf-8") as fh:
        return json.load(fh)


@dataclass
class Problem:
    line: int
    message: str
    hint: str
    warning: bool = False   # the platform accepts it, but it is almost certainly not what is meant
    anchor: str = ""


def _type(value) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


class _Checker:
    def __init__(self, text: str):
        from preflight.project.configformats import KeyLines

        self.lines_of = KeyLines(text)
        self.text = text
        self.out: list[Problem] = []
        self.data = schema()

    def line(self, keys: tuple, literal: str | None = None) -> int:
        if literal is not None:
            at = self.text.find(json.dumps(literal))
            if at >= 0:
                return self.text.count("\n", 0, at) + 1
        return self.lines_of(tuple(k for k in keys if not isinstance(k, int))) or 1

    def add(self, keys, message, hint, warning=False, literal=None, anchor=""):
        self.out.append(Problem(self.line(keys, literal), message, hint, warning, anchor))

    def want(self, keys, value, kind, what) -> bool:
        """``value`` is of ``kind`` (dict, list or str); else a problem is added."""
        if isinstance(value, kind):
            return True
        self.add(keys, f"app.json {what} must be {_type(kind())}, not {_type(value)}",
                 "Fix the value's type as the app.json schema gives it.")
        return False

    def check(self, data, keys: tuple = (), where: str = "app.json") -> None:
        d = self.data
        allowed = d["top_level_keys"] if not keys else [k for k in d["top_level_keys"]
                                                         if k in ("env", "formation", "addons", "buildpacks", "scripts",
                                                                  "stack", "image")]
        for key, value in data.items():
            path = keys + (key,)
            if key not in allowed:
                self.add(path, f"{where} has the key \"{key}\", which is not in the app.json schema: it is ignored",
                         f"Remove it, or use one of: {', '.join(allowed)}.", warning=True, anchor=key)
                continue
            if key in ("name", "description", "website", "repository", "logo", "success_url", "image"):
                self.want(path, value, str, f"\"{key}\"")
            elif key == "keywords" and self.want(path, value, list, "\"keywords\""):
                for item in value:
                    if not isinstance(item, str):
                        self.add(path, "app.json \"keywords\" must list strings", "Quote each keyword.")
                        break
            elif key == "env" and self.want(path, value, dict, "\"env\""):
                self.env(path, value)
            elif key == "formation" and self.want(path, value, dict, "\"formation\""):
                self.formation(path, value)
            elif key == "addons" and self.want(path, value, list, "\"addons\""):
                self.addons(path, value)
            elif key == "buildpacks" and self.want(path, value, list, "\"buildpacks\""):
                for item in value:
                    if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                        self.add(path, "each app.json buildpack must be an object with a \"url\" string",
                                 'Write {"url": "heroku/python"}.')
            elif key == "stack" and self.want(path, value, str, "\"stack\""):
                self.stack(path, value)
            elif key == "scripts" and self.want(path, value, dict, "\"scripts\""):
                for name, script in value.items():
                    if not isinstance(script, (str, dict)):
                        self.add(path + (name,), f"app.json script \"{name}\" must be a command string",
                                 "Write the command as a string.")
            elif key == "environments" and self.want(path, value, dict, "\"environments\""):
                for name, block in value.items():
                    if name not in d["environments"]:
                        self.add(path + (name,), f"app.json environments has \"{name}\", which is not one of "
                                                 f"{', '.join(d['environments'])}: it is ignored",
                                 f"Use one of {', '.join(d['environments'])}.", warning=True, anchor=name)
                    elif self.want(path + (name,), block, dict, f"environments.{name}"):
                        self.check(block, path + (name,), f"app.json environments.{name}")

    def env(self, keys, env) -> None:
        d = self.data
        for name, spec in env.items():
            path = keys + (name,)
            if isinstance(spec, str):
                continue
            if not isinstance(spec, dict):
                self.add(path, f"app.json env \"{name}\" must be a string or an object, not {_type(spec)}",
                         'Write "NAME": {"description": "...", "value": "..."} or "NAME": "value".')
                continue
            for k, v in spec.items():
                if k not in d["env_keys"]:
                    self.add(path + (k,), f"app.json env \"{name}\" has the key \"{k}\", which the schema does not "
                                          "know: it is ignored", f"Use {', '.join(d['env_keys'])}.", warning=True)
            if "value" in spec and not isinstance(spec["value"], str):
                self.add(path + ("value",), f"app.json env \"{name}\" value must be a string, not "
                                            f"{_type(spec['value'])}: config vars are strings",
                         f"Quote it: \"value\": \"{json.dumps(spec['value'])}\".")
            if "generator" in spec and spec["generator"] not in d["generators"]:
                self.add(path + ("generator",), f"app.json env \"{name}\" asks for the generator "
                                                f"{json.dumps(spec['generator'])}; the only one is \"secret\"",
                         'Use "generator": "secret", or give a "value".')
            if "required" in spec and not isinstance(spec["required"], bool):
                self.add(path + ("required",), f"app.json env \"{name}\" \"required\" must be true or false",
                         "Write true or false without quotes.")

    def formation(self, keys, formation) -> None:
        d = self.data
        for proc, spec in formation.items():
            path = keys + (proc,)
            if not self.want(path, spec, dict, f"formation \"{proc}\""):
                continue
            q = spec.get("quantity")
            if "quantity" in spec and (not isinstance(q, int) or isinstance(q, bool) or q < 0):
                self.add(path + ("quantity",), f"app.json formation \"{proc}\" quantity must be a whole number "
                                               f"0 or more, not {json.dumps(q)}", "Write a number such as 1.")
            size = spec.get("size")
            if isinstance(size, str) and size.lower() in d["retired_sizes"]:
                new = d["retired_sizes"][size.lower()]
                self.add(path + ("size",), f"app.json formation \"{proc}\" asks for the dyno size \"{size}\", "
                                           "which was retired", f"Use \"{new}\" (or another current size).",
                         warning=True, literal=size, anchor=size)

    def addons(self, keys, addons) -> None:
        retired = self.data["retired_plans"]
        for item in addons:
            plan = item.get("plan") if isinstance(item, dict) else item
            if not isinstance(plan, str):
                self.add(keys, "each app.json add-on must be a plan string or an object with a \"plan\"",
                         'Write "heroku-postgresql" or {"plan": "heroku-postgresql:essential-0"}.')
                continue
            if plan.strip().lower() in retired:
                new = retired[plan.strip().lower()]
                self.add(keys, f"app.json asks for the add-on plan \"{plan}\", which was retired: app setup stops "
                               f"with \"The {plan} plan is no longer available\"",
                         f"Ask for \"{new}\" (or just \"{new.split(':')[0]}\" for the default plan).",
                         literal=plan, anchor=plan)

    def stack(self, keys, stack) -> None:
        d = self.data
        if stack in d["retired_stacks"]:
            self.add(keys, f"app.json asks for the stack \"{stack}\", which is no longer supported: builds on it fail",
                     f"Use {d['recommended_stack']} (or remove \"stack\" for the current default).",
                     literal=stack, anchor=stack)
        elif stack not in d["supported_stacks"]:
            self.add(keys, f"app.json asks for the stack \"{stack}\", which is not a known stack",
                     f"Use one of {', '.join(d['supported_stacks'])}.", warning=True, literal=stack, anchor=stack)


def schema_problems(project) -> list[Problem]:
    def build():
        if not project.shipped("app.json"):
            return []
        data = project.manifests.app_json
        tf = project.text("app.json")
        if data is None or tf is None:
            return []  # absent or not JSON: file-unreadable reports a parse failure
        checker = _Checker(tf.text)
        if not isinstance(data, dict):
            return [Problem(1, f"app.json must hold a JSON object, not {_type(data)}",
                            'Start it with { "name": "...", ... }.')]
        checker.check(data)
        return checker.out
    return project.memo("configs.app_json_problems", build)
