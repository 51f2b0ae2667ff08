#!/usr/bin/python3
"""A real SMTP server for the tests and the mail benchmark (Debian's python3-aiosmtpd).

Every accepted message is written to DIR as one .eml file (an X-Sink-Rcpt header, then the message as received),
or with --count-only appended as one "recipient<TAB>message-id" line to DIR/received.tsv (the benchmark).
Recipients steer the server, so tests can provoke each kind of answer:
  rejet-permanent...@   550 5.1.1 on RCPT (a hard bounce)
  rejet-temporaire...@  451 4.3.0 on RCPT, always
  rejet-une-fois...@    451 4.3.0 the first time, accepted afterwards
--auth USER:PASSWORD requires AUTH PLAIN or LOGIN (over plain TCP, for tests only)."""
import argparse
import asyncio
import os
import re
import signal
import threading
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--dir", required=True)
parser.add_argument("--count-only", action="store_true")
parser.add_argument("--auth")
args = parser.parse_args()
os.makedirs(args.dir, exist_ok=True)


class Sink:
    def __init__(self):
        self.refused_once = set()
        self.lock = threading.Lock()
        self.tsv = open(os.path.join(args.dir, "received.tsv"), "a", buffering=1) if args.count_only else None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("rejet-permanent"):
            return "550 5.1.1 Mailbox does not exist"
        if local.startswith("rejet-temporaire"):
            return "451 4.3.0 Try again later"
        if local.startswith("rejet-une-fois") and address not in self.refused_once:
            self.refused_once.add(address)
            return "451 4.3.0 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if self.tsv is not None:
            match = re.search(rb"^Message-ID: *(\S+)", data, re.M | re.I)
            message_id = match.group(1).decode() if match else ""
            with self.lock:
                for rcpt in envelope.rcpt_tos:
                    self.tsv.write(f"{rcpt}\t{message_id}\n")
            return "250 Message accepted"
        name = f"{uuid.uuid4().hex}.eml"
        header = ("X-Sink-Rcpt: " + ", ".join(envelope.rcpt_tos) + "\r\n"
                  + "X-Sink-From: " + (envelope.mail_from or "") + "\r\n"
                  + "X-Sink-Auth: " + ("yes" if session.authenticated else "no") + "\r\n").encode()
        tmp = os.path.join(args.dir, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(header + data)
        os.rename(tmp, os.path.join(args.dir, name))
        return "250 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    if not isinstance(auth_data, LoginPassword):
        return AuthResult(success=False, handled=False)
    user, password = args.auth.split(":", 1)
    ok = auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok, handled=False)


params = {"decode_data": False}
if args.auth:
    params.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
controller = Controller(Sink(), hostname="127.0.0.1", port=args.port, **params)
controller.start()
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
signal.signal(signal.SIGINT, lambda *_: stop.set())
print(f"smtp sink on 127.0.0.1:{args.port} writing to {args.dir}", flush=True)
stop.wait()
controller.stop()
