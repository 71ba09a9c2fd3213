#!/usr/bin/env python3
"""Write load for the portal benchmark: N threads, each moving its own social order through
bid_review → failed → announced → bid_review … as the order's customer, for D seconds.
Prints the writes acknowledged (201) per second.

Usage: writers.py URL DURATION TOKEN:ORDER [TOKEN:ORDER …]
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

NEXT = {"bid_review": "fail", "failed": "announce", "announced": "open_bid_review"}


def writer(url, token, order, deadline, counts, index):
    parsed = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    conn.request("GET", f"/social-orders/{order}")
    view = json.loads(conn.getresponse().read())
    seq, stage = view["seq"], view["stage"]
    done = 0
    while time.monotonic() < deadline:
        body = json.dumps({"seq": seq + 1, "event": NEXT[stage]})
        conn.request("POST", f"/social-orders/{order}/events", body, headers)
        response = conn.getresponse()
        answer = json.loads(response.read())
        if response.status == 201:
            seq, stage = answer["seq"], answer["stage"]
            done += 1
        else:
            raise SystemExit(f"{order}: {response.status} {answer}")
    counts[index] = done


def main():
    url, duration, pairs = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    deadline = time.monotonic() + duration
    counts = [0] * len(pairs)
    threads = []
    for i, pair in enumerate(pairs):
        token, order = pair.split(":", 1)
        t = threading.Thread(target=writer, args=(url, token, order, deadline, counts, i))
        t.start()
        threads.append(t)
    started = time.monotonic()
    for t in threads:
        t.join()
    print(f"{sum(counts) / (time.monotonic() - started + 1e-9):.1f}")


if __name__ == "__main__":
    main()
