"""GitHub Actions workflow commands, followed by the text report (annotations are capped per step)."""
from __future__ import annotations

_CMD = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def write(result, stream, options) -> None:
    for f in result.active:
        props = [f"file={_escape(f.path, True)}"]
        if f.line:
            props.append(f"line={f.line}")
            if f.col:
                props.append(f"col={f.col}")
        props.append(f"title={_escape(f'{f.code} {f.name}', True)}")
        body = f"{f.message}\nfix: {f.hint}" if f.hint else f.message
        stream.write(f"::{_CMD[f.severity.value]} {','.join(props)}::{_escape(body)}\n")
    from preflight.formatters.text import write as text_write

    text_write(result, stream, {**options, "color": False})
