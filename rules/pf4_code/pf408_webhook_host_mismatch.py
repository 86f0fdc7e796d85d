"""PF408 webhook-host-mismatch: a bot registers a webhook URL that cannot reach this deploy.

The facts come from the project model; this module words them.
"""
from __future__ import annotations

from preflight.findings import Violation
from preflight.project.webhooks import Mismatch, webhook_urls
from preflight.registry import rule


@rule("PF408", "webhook-host-mismatch", "W",
      "A webhook URL points at another platform's host, a tunnel, localhost or a placeholder",
      fix="Build the webhook URL from a config var: bot.set_webhook(url=f\"{os.environ['APP_URL']}/bot\") and "
          "heroku config:set APP_URL=https://<app>.herokuapp.com")
def check(project):
    """
    ## What it does
    Reads the URL given to `set_webhook` / `setWebhook` (pyTelegramBotAPI, aiogram, python-telegram-bot
    `run_webhook(webhook_url=...)`, raw `api.telegram.org/bot.../setWebhook?url=...` calls) and reports
    one written for another hosting platform (`pythonanywhere.com`, `glitch.me`, `repl.co`,
    `onrender.com`...), a tunnel (`ngrok`), a local address, or a placeholder (`example.com`,
    `<your app_name>`). A URL built from a config var (`f"{APP_URL}/bot"`) is what it should be.

    ## Why it breaks the deploy
    The bot registers a webhook that points somewhere else: the messenger delivers every update to the
    old host (or nowhere), so the deployed bot never answers, and there is no error in `heroku logs`.

    ## Example
    ```python
    bot.set_webhook(url="https://student.pythonanywhere.com/bot")
    ```

    ## How to fix
    Read the public URL from a config var (`APP_URL`) set to the app's own host; on Heroku that is
    `https://<app>.herokuapp.com` or your custom domain.

    ## Source
    research/heroku.md (d) row 2 (bots moved between platforms); the seed tutorial
    (shared/seeds/000_*) moving a Telegram bot from PythonAnywhere; research/platforms.md default domains.
    """
    p = project.profile
    hint = ("Build the webhook URL from a config var: bot.set_webhook(url=f\"{os.environ['APP_URL']}/bot\") and "
            f"{p.config_set} APP_URL=https://{p.app_host}")
    for w in webhook_urls(project):
        if w.mismatch:
            yield Violation(w.path, w.line, f"the webhook URL {w.url!r} {_why(w.mismatch)}", hint=hint, anchor=w.url)


def _why(m: Mismatch) -> str:
    if m.kind == "placeholder":
        return "is a placeholder: the messenger cannot deliver updates to it"
    if m.kind == "local":
        return "points at a local address the messenger cannot reach"
    if m.kind == "tunnel":
        return f"points at a {m.suffix} tunnel from a development machine, not at this app"
    return (f"points at {m.platform} ({m.suffix}), not at this app: updates keep going to the old host and the "
            "deployed bot never receives them")
