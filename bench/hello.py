"""The baseline: a bare Flask "hello world" under the same gunicorn settings as the service.

Every figure of the service is also given as a share of this one's requests per second, measured in the same run:
the machine's speed and load then cancel out, and the ratios can be compared between runs and machines.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
