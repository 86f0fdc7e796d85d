"""PF806 bot-deployed-as-web-service: the web process runs a long-polling bot and never binds a port."""
from __future__ import annotations

from preflight.findings import Severity, Violation
from preflight.messages import quote
from preflight.project.deploytarget import platform_shape
from preflight.project.servers import web_polling_bot
from preflight.registry import rule


@rule("PF806", "bot-deployed-as-web-service", "E",
      "The web service runs a long-polling bot that never listens on a port",
      fix="Deploy the bot as the platform's worker (a background worker, Worker service, worker pool, workers: "
          "component or a process group without a service), not as a web service.",
      platforms=("render", "railway", "koyeb", "do-app-platform", "cloud-run", "fly"))
@platform_shape
def check(project):
    """
    ## What it does
    Reports a web process (the Procfile's `web:` line, or the image's `CMD` in a Dockerfile build)
    whose code runs a long-polling bot (pyTelegramBotAPI `infinity_polling`, aiogram
    `start_polling`, python-telegram-bot `run_polling`, discord.py `client.run`...) and starts no
    HTTP server: the same fact web-port-unbound reads (`servers.web_polling_bot`). A bot that polls
    beside a server it starts, and a bot declared as a worker, are fine.

    It runs on the platforms that deploy a web service as one unit with its own health check or port
    scan: Render, Railway, Koyeb, DigitalOcean App Platform, Cloud Run and Fly. On Heroku, Heroku
    Fir, Dokku and Scalingo web-port-unbound reports the same case (there a worker is a Procfile
    line scaled up), so one case is never reported twice. The message says what the platform does
    (its profile's `boot_timeout`) and how it declares a worker (`facts.worker`). Where a web process
    without a port is not sure to fail (Railway without a public domain or health check; Fly, which
    warns and lets its proxy stop the idle Machine), the finding is a warning.

    ## Why it breaks the deploy
    A web service must answer on its port. Render scans for an open port and fails the deploy
    ("Port scan timeout reached, no open ports detected"); Koyeb's TCP health check on port 8000
    fails and the instance is restarted; DigitalOcean's readiness check fails and the deploy rolls
    back; Cloud Run reports "The user-provided container failed to start and listen on the port".
    The bot may answer for a minute each time before it is killed.

    ## Example
    ```
    web: python bot.py            # bot.infinity_polling()
    ```

    ## How to fix
    Declare the bot as the platform's worker: Render `type: worker` (paid plans), a Koyeb Worker
    service, a DigitalOcean `workers:` component, a Cloud Run worker pool, a Railway service without
    a public domain, a Fly process group without an `http_service`. Or switch the bot to webhooks
    served by a web app that listens on the port.

    ## Source
    research/platforms.md §1 item 4, §5.2, §6.2, §7.2, §8.2, §9.2, §10.2, §13 (bot / worker model row),
    §14 rule 6; iss rdavydov/Twitch-Channel-Points-Miner-v2#692, s-nagaev/hiroshi#19; the profiles'
    `words.boot_timeout`, `facts.worker` and `facts.port.unbound` (preflight/data/platforms/*.json).
    """
    bot = web_polling_bot(project)
    if bot is None:
        return
    p = project.profile
    ep = bot.entry
    unbound = p.port.get("unbound") or {}
    what = (f"web runs {quote(ep.command.text)}, a bot that polls ({bot.label} at {bot.module.path}:"
            f"{bot.call.lineno}) and never listens on a port")
    if unbound:
        message = f"{what}: {unbound['effect']}"
    else:
        message = f"{what}, so {p.title} treats the web service as down: {p.boot_timeout}"
    yield Violation(ep.source, ep.line, message, anchor="web-polling",
                    severity=Severity.parse(unbound["severity"]) if unbound else None,
                    hint=f"Deploy the bot as {p.facts['worker']} instead of a web service (or switch it to "
                         "webhooks served by a web app that listens on the port).")
