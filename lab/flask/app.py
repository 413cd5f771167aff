"""sessionscan lab: Flask with its default client-side session.

The session is the whole dict, serialised and signed (itsdangerous) into the
`session` cookie; the server keeps nothing. So login "changes the id" (the
cookie content changes), but logout cannot invalidate a cookie that was
already issued: any copy of a logged-in cookie stays valid until the secret
changes or its signature is older than PERMANENT_SESSION_LIFETIME (31 days by
default; Flask checks that for every session, permanent or not).

    LAB_PORT=0 python3 lab/flask/app.py      # prints LAB_URL=http://127.0.0.1:PORT

See lab/README.md, section "flask". Cookie attributes are Flask's defaults
(HttpOnly, no Secure, no SameSite) on purpose.
"""

import hmac
import html
import os
import secrets
import sys
import time

from flask import Flask, jsonify, request, session
from werkzeug.exceptions import HTTPException
from werkzeug.serving import make_server

USERS = {"alice": "alice-pass-123", "bob": "bob-pass-456"}

app = Flask(__name__)
# Fixed key so cookies are reproducible across restarts (a lab, not a secret).
app.secret_key = os.environ.get("LAB_FLASK_SECRET") or "sessionscan-lab-flask-not-a-secret"


def err(status, message):
    resp = jsonify(error=message)
    resp.status_code = status
    return resp


@app.errorhandler(HTTPException)
def http_error(e):
    names = {404: "not found", 405: "method not allowed", 400: "bad request"}
    return err(e.code or 500, names.get(e.code, e.name.lower()))


@app.errorhandler(Exception)
def internal_error(e):  # never a stack trace to the client
    print(f"error: {e!r}", file=sys.stderr, flush=True)
    return err(500, "internal error")


@app.get("/")
def index():
    return jsonify(app="flask", mode="default")


@app.get("/login")
def login_page():
    # Storing anything in the session makes Flask send a pre-login cookie.
    session["csrf"] = secrets.token_urlsafe(16)
    page = (
        "<!doctype html>\n<html><head><title>Login</title></head><body>\n"
        "<h1>Login</h1>\n"
        '<form method="post" action="/login">\n'
        f'<input type="hidden" name="_csrf" value="{html.escape(session["csrf"])}">\n'
        '<label>User <input name="username"></label>\n'
        '<label>Password <input name="password" type="password"></label>\n'
        '<button type="submit">Log in</button>\n'
        "</form>\n</body></html>\n"
    )
    return page, 200, {"Content-Type": "text/html; charset=utf-8"}


@app.post("/login")
def login():
    if request.is_json:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return err(400, "bad request")
    else:
        data = request.form
        # Form posts must carry the token from the login page (JSON is exempt).
        token = data.get("_csrf", "")
        if not token or not hmac.compare_digest(str(token), str(session.get("csrf", ""))):
            return err(403, "invalid csrf token")
    user = data.get("username")
    password = data.get("password")
    if not isinstance(user, str) or not isinstance(password, str) or user not in USERS \
            or not hmac.compare_digest(USERS[user], password):
        return err(401, "invalid credentials")
    session["user"] = user
    session["login_at"] = time.time()  # so the cookie differs at every login
    return jsonify(ok=True, user=user)


@app.get("/profile")
def profile():
    user = session.get("user")
    if not user:
        return err(401, "unauthorized")
    return jsonify(userId=user)


@app.post("/logout")
def logout():
    session.clear()  # Flask then sends a deletion cookie; old copies stay valid
    return jsonify(ok=True)


def main():
    try:
        port = int(os.environ.get("LAB_PORT") or "0")
    except ValueError:
        print("app.py: LAB_PORT must be a number", file=sys.stderr)
        return 2
    # The werkzeug development server (what app.run uses), bound before the
    # URL is printed, so port 0 (a free port) works and the URL is exact.
    try:
        server = make_server("127.0.0.1", port, app, threaded=True)
    except OSError as e:
        print(f"app.py: cannot listen on 127.0.0.1:{port}: {e.strerror or e}", file=sys.stderr)
        return 1
    print(f"LAB_URL=http://127.0.0.1:{server.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
