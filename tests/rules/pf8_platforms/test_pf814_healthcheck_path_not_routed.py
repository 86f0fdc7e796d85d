"""PF814 healthcheck-path-not-routed: a manifest's health check path that no route of the app serves."""
from conftest import findings

FLASK = {"requirements.txt": "flask==3.1.2\ngunicorn==23.0.0\n", ".python-version": "3.13\n",
         "app.py": "import flask\napp = flask.Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'ok'\n\n"
                   "@app.get('/api/items/<int:iid>')\ndef item(iid):\n    return {}\n"}
RENDER = ("services:\n  - type: web\n    name: api\n    runtime: python\n    buildCommand: pip install -r "
          "requirements.txt\n    startCommand: gunicorn app:app\n    healthCheckPath: {path}\n")


def found(app, files, platform=None):
    return [f for f in findings(app(files), ["healthcheck-path-not-routed"], platform=platform)]


def test_render_health_path_no_route_serves(app):
    assert found(app, {**FLASK, "render.yaml": RENDER.format(path="/healthz")}) == [
        ("healthcheck-path-not-routed", "render.yaml", 7)]


def test_served_paths_and_parameters_stay_silent(app):
    assert found(app, {**FLASK, "render.yaml": RENDER.format(path="/")}) == []
    assert found(app, {**FLASK, "render.yaml": RENDER.format(path="/api/items/1")}) == []


def test_railway_and_fly_health_paths(app, tmp_path):
    railway = {**FLASK, "railway.json": '{"deploy": {"startCommand": "gunicorn app:app",\n'
                                        '  "healthcheckPath": "/health"}}\n'}
    assert found(app, railway) == [("healthcheck-path-not-routed", "railway.json", 2)]


def test_silent_when_routes_may_be_elsewhere(app):
    # a blueprint registered under a prefix: the health path may be one of its routes
    files = {**FLASK, "render.yaml": RENDER.format(path="/v1/ping"),
             "app.py": FLASK["app.py"] + "from views import bp\napp.register_blueprint(bp, url_prefix='/v1')\n",
             "views.py": "import flask\nbp = flask.Blueprint('v', __name__)\n\n@bp.get('/ping')\ndef p():\n"
                         "    return ''\n"}
    assert found(app, files) == []


def test_silent_on_a_platform_that_does_not_read_the_manifest(app):
    assert found(app, {**FLASK, "render.yaml": RENDER.format(path="/healthz")}, platform="heroku") == []
