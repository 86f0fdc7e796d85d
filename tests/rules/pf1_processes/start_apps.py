"""Apps the start-command rules' tests share."""
from __future__ import annotations

FLASK = "import os\nimport flask\n\napp = flask.Flask(__name__)\n"


RUN_MAIN = "\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=int(os.environ.get('PORT', 5000)))\n"


BOTS = {
    "telebot": "import os\nimport telebot\nbot = telebot.TeleBot(os.environ['TOKEN'])\n\n"
               "@bot.message_handler(commands=['start'])\ndef start(m):\n    bot.reply_to(m, 'hi')\n\n"
               "bot.infinity_polling()\n",
    "aiogram2": "from aiogram import Bot, Dispatcher, executor\nbot = Bot('x')\ndp = Dispatcher(bot)\n"
                "if __name__ == '__main__':\n    executor.start_polling(dp, skip_updates=True)\n",
    "aiogram3": "import asyncio\nfrom aiogram import Bot, Dispatcher\ndp = Dispatcher()\n\n"
                "async def main():\n    await dp.start_polling(Bot('x'))\n\n"
                "if __name__ == '__main__':\n    asyncio.run(main())\n",
    "ptb": "from telegram.ext import Application\napp = Application.builder().token('x').build()\n"
           "app.run_polling()\n",
    "discord": "import os\nimport discord\nclient = discord.Client(intents=discord.Intents.default())\n"
               "client.run(os.environ['TOKEN'])\n",
    # discord.py as its docs write it: a Client subclass, and commands.Bot started inside an async main()
    "discord-subclass": "import os\nimport discord\n\nclass MyClient(discord.Client):\n"
                        "    async def on_ready(self):\n        print('ready')\n\n"
                        "client = MyClient(intents=discord.Intents.default())\nclient.run(os.environ['TOKEN'])\n",
    "discord-start": "import asyncio\nimport os\nfrom discord.ext import commands\n"
                     "bot = commands.Bot(command_prefix='!', intents=None)\n\n"
                     "async def main():\n    async with bot:\n        await bot.start(os.environ['TOKEN'])\n\n"
                     "asyncio.run(main())\n",
    "vk": "import vk_api\nfrom vk_api.longpoll import VkLongPoll\nsession = vk_api.VkApi(token='x')\n"
          "for event in VkLongPoll(session).listen():\n    pass\n",
}


def image_app(cmd: str, **files: str) -> dict:
    """A Dockerfile-only repository (container mode: ``heroku container:push``) whose image runs ``cmd``, a CMD
    line as written (``CMD flask run``, ``CMD ["python", "app.py"]``), at Dockerfile line 5."""
    dockerfile = f"FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n{cmd}\n"
    return {"Dockerfile": dockerfile, "requirements.txt": "flask\ngunicorn\n", **files}
