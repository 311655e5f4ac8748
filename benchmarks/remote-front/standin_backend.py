"""A stand-in OpenAI-compatible transcription backend that answers at once with a fixed text.

It lets benchmarks/remote-front/run.sh measure what a front server with the `openai` engine costs by itself: the
backend's own work runs in this separate process and is next to nothing. Usage: python3 standin_backend.py PORT
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # GET /v1/models, asked once at the front's start-up
        self._answer({"object": "list", "data": [{"id": "standin", "object": "model"}]})

    def do_POST(self):  # POST /v1/audio/transcriptions: the upload is read whole, as a real backend would
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._answer({"text": "and mister john dashwood"})


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
