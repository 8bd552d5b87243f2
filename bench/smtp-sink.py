#!/usr/bin/env python3
"""A minimal SMTP sink for the mail benchmark (bench/mail.sh): accepts every message, keeps none.

    python3 bench/smtp-sink.py --port 5394 --stats bench/out/mail-results/sink.json [--sample FILE]

Speaks just enough SMTP for MailKit: 220 greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT
(no AUTH, no STARTTLS, no BDAT). EHLO advertises PIPELINING, 8BITMIME and SIZE, as Postfix does;
PIPELINING needs nothing special here because commands are read and answered strictly in order
from the connection's buffered stream (--no-pipelining leaves it out, for comparison).

Counts messages, recipients, bytes and how often each recipient got mail (so duplicates show),
and writes them as JSON to --stats every half second and on SIGTERM/SIGINT (then exits).
The first message received is saved whole to --sample, if given.

--quickack (a diagnostic, not how mail servers behave): acknowledges every segment at once
(TCP_QUICKACK after each read), so a client whose socket leaves Nagle's algorithm on (no
TCP_NODELAY) is not held up by this side's delayed ACKs (up to 40 ms on Linux). Comparing a run
with and without it shows how much of a client's time per message is that stall.
"""
import argparse
import asyncio
import json
import os
import signal
import socket
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=5394)
parser.add_argument("--stats", required=True, help="JSON file with the counts (rewritten every 0.5 s)")
parser.add_argument("--sample", help="save the first message here")
parser.add_argument("--no-pipelining", action="store_true")
parser.add_argument("--quickack", action="store_true", help="ACK every segment at once (diagnostic)")
args = parser.parse_args()

stats = {
    "messages": 0,          # messages accepted (one per DATA, whatever the number of recipients)
    "recipients": 0,        # RCPT TO accepted in those messages
    "bytes": 0,             # message bytes as received (dot-stuffed, with CRLF)
    "connections": 0,       # connections opened so far
    "open": 0,              # connections open now
    "errors": 0,            # protocol errors answered with 5xx
    "first_at": None,       # epoch seconds of the first and the last message
    "last_at": None,
    "duplicates": 0,        # recipients that got more than one message
    "max_per_recipient": 0,
    # Where a connection's time goes, summed over messages (seconds): from MAIL to the end of the
    # data (the transfer, client and sink together), and from the reply to one message to the
    # next MAIL on the same connection (the client's own time between messages).
    "transfer_s": 0.0,
    "between_s": 0.0,
    "between_n": 0,
    "pid": os.getpid(),
}
per_recipient = {}
sample_saved = False

EHLO = ["250-sink.local", "250-8BITMIME", "250-SIZE 104857600"]
if not args.no_pipelining:
    EHLO.insert(1, "250-PIPELINING")
EHLO_REPLY = ("\r\n".join(EHLO + ["250 SMTPUTF8"]) + "\r\n").encode()


def address(arg: str) -> str:
    # "TO:<a@b> PARAM=..." -> "a@b"
    start, end = arg.find("<"), arg.find(">")
    return arg[start + 1:end].lower() if 0 <= start < end else arg.split(":", 1)[-1].strip().lower()


async def session(reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
    global sample_saved
    stats["connections"] += 1
    stats["open"] += 1
    sender, recipients = None, []
    mail_at = replied_at = None
    try:
        writer.write(b"220 sink.local ESMTP bench sink\r\n")
        while True:
            line = await reader.readline()
            if not line:
                break
            command = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = command[:4].upper()
            if verb == "EHLO":
                writer.write(EHLO_REPLY)
            elif verb == "HELO":
                writer.write(b"250 sink.local\r\n")
            elif verb == "MAIL":
                sender, recipients = address(command[5:]), []
                mail_at = time.monotonic()
                if replied_at is not None:
                    stats["between_s"] += mail_at - replied_at
                    stats["between_n"] += 1
                writer.write(b"250 2.1.0 Ok\r\n")
            elif verb == "RCPT":
                if sender is None:
                    stats["errors"] += 1
                    writer.write(b"503 5.5.1 Need MAIL first\r\n")
                else:
                    recipients.append(address(command[5:]))
                    writer.write(b"250 2.1.5 Ok\r\n")
            elif verb == "DATA":
                if not recipients:
                    stats["errors"] += 1
                    writer.write(b"554 5.5.1 No valid recipients\r\n")
                    continue
                writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                await writer.drain()
                # The body ends with CRLF.CRLF (the CRLF before the dot belongs to the message).
                # An empty message is just ".CRLF" (its CRLF was the DATA line's). A first line
                # shorter than two characters would hide a terminator from this test; a
                # message always starts with a header line, so that does not happen.
                body = await reader.readexactly(3)
                if body != b".\r\n":
                    body += await reader.readuntil(b"\r\n.\r\n")
                now = time.time()
                stats["messages"] += 1
                stats["recipients"] += len(recipients)
                stats["bytes"] += len(body)
                stats["first_at"] = stats["first_at"] or now
                stats["last_at"] = now
                for r in recipients:
                    n = per_recipient.get(r, 0) + 1
                    per_recipient[r] = n
                    if n == 2:
                        stats["duplicates"] += 1
                    if n > stats["max_per_recipient"]:
                        stats["max_per_recipient"] = n
                if args.sample and not sample_saved:
                    sample_saved = True
                    with open(args.sample, "wb") as f:
                        f.write(body)
                writer.write(b"250 2.0.0 Ok: queued\r\n")
                replied_at = time.monotonic()
                if mail_at is not None:
                    stats["transfer_s"] += replied_at - mail_at
                sender, recipients, mail_at = None, [], None
            elif verb == "RSET":
                sender, recipients = None, []
                writer.write(b"250 2.0.0 Ok\r\n")
            elif verb == "NOOP":
                writer.write(b"250 2.0.0 Ok\r\n")
            elif verb == "QUIT":
                writer.write(b"221 2.0.0 Bye\r\n")
                await writer.drain()
                break
            else:
                stats["errors"] += 1
                writer.write(b"502 5.5.2 Command not recognized\r\n")
            # write() sends at once when the socket takes it; drain() only waits if it does not.
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        pass
    finally:
        stats["open"] -= 1
        writer.close()


class QuickAckProtocol(asyncio.StreamReaderProtocol):
    """The streams' protocol, re-arming TCP_QUICKACK after every read (the kernel clears it)."""

    def connection_made(self, transport):
        self._sock = transport.get_extra_info("socket")
        super().connection_made(transport)

    def data_received(self, data):
        super().data_received(data)
        try:
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        except OSError:
            pass


def write_stats():
    tmp = args.stats + ".tmp"
    with open(tmp, "w") as f:
        json.dump(stats, f)
    os.replace(tmp, args.stats)


async def main():
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    # limit: the largest message readuntil may hold (digests are tens of KB; allow plenty).
    limit = 64 * 1024 * 1024
    if args.quickack:
        def factory():
            return QuickAckProtocol(asyncio.StreamReader(limit=limit), session)
        server = await loop.create_server(factory, args.host, args.port, backlog=256)
    else:
        server = await asyncio.start_server(session, args.host, args.port, limit=limit, backlog=256)
    write_stats()
    print(f"smtp-sink: listening on {args.host}:{args.port} (pid {os.getpid()})", file=sys.stderr, flush=True)
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except asyncio.TimeoutError:
            pass
        write_stats()
    server.close()
    write_stats()


asyncio.run(main())
