#!/usr/bin/env python3
"""A central server that refuses every claim for good: HTTPS with client certificates on a
loopback port chosen by the system, answering POST /api/v1/claims with 422 and the API's
error envelope, and the other calls the sync worker makes with the API's shapes. It counts
the claims it refused in COUNT_FILE. Prints the port on stdout once it listens.
Usage: refusing_server.py TLS_DIR COUNT_FILE   (TLS_DIR as deploy/dev-ca.sh makes it)"""
import http.server
import json
import ssl
import sys

tls_dir, count_file = sys.argv[1], sys.argv[2]
refused = 0


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(length) if length > 0 else b""

    def do_GET(self):
        if self.path == "/api/v1/health":
            self.reply(200, {"status": "ok"})
        else:
            self.reply(404, {"code": "not_found", "message": "nothing here"})

    def do_POST(self):
        self.read_body()
        global refused
        if self.path == "/api/v1/claims":
            refused += 1
            with open(count_file, "w") as out:
                out.write(f"{refused}\n")
            self.reply(422, {"code": "invalid_claim", "message": "refused by the test server"})
        elif self.path == "/api/v1/heartbeat":
            self.reply(200, {"status": "ok"})
        else:
            self.reply(404, {"code": "not_found", "message": "nothing here"})

    def log_message(self, *args):
        pass


context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(f"{tls_dir}/server.pem", f"{tls_dir}/server.key")
context.load_verify_locations(f"{tls_dir}/ca.pem")
context.verify_mode = ssl.CERT_REQUIRED
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
