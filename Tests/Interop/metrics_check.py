"""Reads Switchboard's operator figures for the interop tests, as a monitoring system would.

Fetches GET /v1/stats, then GET /metrics, then GET /v1/stats again (all with the operator key),
parses the metrics with prometheus_client's text parser (the reference Python implementation
of the Prometheus text format), fetches GET /metrics once more without credentials, and prints
one JSON object:

  {"statsBefore": {...}|null, "statsAfter": {...}|null, "metricsStatus": int,
   "metricsContentType": str|null, "families": {NAME: {"type": str, "samples":
   [{"name": str, "labels": {...}, "value": float}]}}|null, "unauthenticatedStatus": int,
   "error": str|null}

The two stats answers bracket the metrics one: the counters of a family never go back, so the
metrics' values must lie between them. Family names are as the parser reports them (a
counter's family name has no "_total"; its samples do). Every request has a 5 s timeout.
"""
import argparse
import json
import sys
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


def fetch(url, key):
    request = urllib.request.Request(url, method="GET")
    if key is not None:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers.get("Content-Type"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read().decode()


def stats(base, key):
    status, _, body = fetch(f"{base}/v1/stats", key)
    if status != 200:
        raise RuntimeError(f"GET /v1/stats answered {status}: {body}")
    return json.loads(body)


def families(text):
    parsed = {}
    for family in text_string_to_metric_families(text):
        parsed[family.name] = {
            "type": family.type,
            "samples": [{"name": s.name, "labels": dict(s.labels), "value": s.value} for s in family.samples],
        }
    return parsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--key", required=True, help="an operator key")
    args = parser.parse_args()
    result = {"statsBefore": None, "statsAfter": None, "metricsStatus": None, "metricsContentType": None,
              "families": None, "unauthenticatedStatus": None, "error": None}
    try:
        result["statsBefore"] = stats(args.base, args.key)
        status, content_type, text = fetch(f"{args.base}/metrics", args.key)
        result["metricsStatus"] = status
        result["metricsContentType"] = content_type
        result["statsAfter"] = stats(args.base, args.key)
        if status == 200:
            result["families"] = families(text)
        result["unauthenticatedStatus"] = fetch(f"{args.base}/metrics", None)[0]
    except Exception as error:  # reported to the Swift test, which fails on it
        result["error"] = f"{type(error).__name__}: {error}"
    print(json.dumps(result), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
