#!/usr/bin/env python3
"""Validate data/redaction/frames.jsonl (or another file in the same format).

    python3 data/redaction/tools/check_frames.py [FILE]

Checks, independently of make_frames.py:
  - every line is a JSON object with exactly id, text, entities; ids and texts unique;
  - each entity has exactly kind, text, start, end; kind is one of the 14 kinds;
  - text.encode()[start:end].decode() == entity text (UTF-8 byte offsets, end exclusive);
  - entities are in text order and do not overlap;
  - checksums: iban (ISO 13616 mod-97 and country length), bsn (11-proef),
    national_id_be (mod-97, either century), credit_card (Luhn, 13-19 digits);
  - format checks: postcode letter rule, Dutch/Belgian plate shapes, IPs in
    documentation/private/link-local ranges, e-mail and URL hosts under
    RFC 2606 reserved names, handles not on the official allowlist;
  - outside the spans, no digit run passes the BSN, RRN or Luhn checks and
    every @handle is an official account.
Exits non-zero on any error and prints the counts per kind.
"""
import ipaddress
import json
import os
import re
import sys

KINDS = ["person", "email", "phone", "iban", "bsn", "national_id_be", "postcode",
         "address", "license_plate", "url", "ip_address", "handle",
         "date_of_birth", "credit_card"]
OFFICIAL = {"@politie", "@politiegent", "@politie_nl", "@nmbs", "@postnl"}
IBAN_LEN = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24, "IT": 27,
            "AT": 20, "CH": 21, "IE": 22}


def iban_ok(v):
    s = re.sub(r"\s", "", v).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s) or IBAN_LEN.get(s[:2]) != len(s):
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def bsn_ok(d):
    if len(d) != 9:
        return False
    return (sum(int(d[i]) * (9 - i) for i in range(8)) - int(d[8])) % 11 == 0


def rrn_ok(d):
    if len(d) != 11:
        return False
    b, c = int(d[:9]), int(d[9:])
    return c == 97 - b % 97 or c == 97 - (2000000000 + b) % 97


def luhn_ok(d):
    if not 13 <= len(d) <= 19:
        return False
    tot = 0
    for i, ch in enumerate(reversed(d)):
        x = int(ch) * (2 if i % 2 else 1)
        tot += x - 9 if x > 9 else x
    return tot % 10 == 0


def digits(v):
    return re.sub(r"\D", "", v)


NL_PLATE = [re.compile(p) for p in [
    r"[A-Z]{2}-\d{2}-\d{2}", r"\d{2}-\d{2}-[A-Z]{2}", r"\d{2}-[A-Z]{2}-\d{2}", r"[A-Z]{2}-\d{2}-[A-Z]{2}",
    r"[A-Z]{2}-[A-Z]{2}-\d{2}", r"\d{2}-[A-Z]{2}-[A-Z]{2}", r"\d{2}-[A-Z]{3}-\d", r"\d-[A-Z]{3}-\d{2}",
    r"[A-Z]{2}-\d{3}-[A-Z]", r"[A-Z]-\d{3}-[A-Z]{2}", r"[A-Z]{3}-\d{2}-[A-Z]", r"[A-Z]-\d{2}-[A-Z]{3}",
    r"\d-[A-Z]{2}-\d{3}", r"\d{3}-[A-Z]{2}-\d"]]
BE_PLATE = re.compile(r"[12]-?[A-Z]{3}-?\d{3}")


def plate_ok(v):
    u = v.upper()
    if BE_PLATE.fullmatch(u):
        return True
    for i, p in enumerate(NL_PLATE, 1):
        if p.fullmatch(u):
            letters = re.sub(r"[^A-Z]", "", u)
            if "C" in letters or "Q" in letters:
                return False
            if i >= 4 and re.search(r"[AEIOUY]", letters):
                return False
            return True
    return False


def postcode_ok(v):
    m = re.fullmatch(r"([1-9]\d{3}) ?([A-Za-z]{2})", v)
    return bool(m) and m.group(2).upper() not in ("SA", "SD", "SS")


def reserved_host(h):
    h = h.lower()
    return h in ("example.com", "example.org", "example.net", "example") or \
        h.endswith((".example.com", ".example.org", ".example.net", ".example"))


def ip_ok(v):
    try:
        a = ipaddress.ip_address(v)
    except ValueError:
        return False
    nets = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "10.0.0.0/8", "192.168.0.0/16",
            "172.16.0.0/12", "2001:db8::/32", "fe80::/10"]
    return any(a in ipaddress.ip_network(n) for n in nets if ipaddress.ip_network(n).version == a.version)


def check_value(kind, v):
    if kind == "iban":
        return iban_ok(v)
    if kind == "bsn":
        return re.fullmatch(r"[\d .]+", v) is not None and bsn_ok(digits(v))
    if kind == "national_id_be":
        return re.fullmatch(r"[\d .\-]+", v) is not None and rrn_ok(digits(v))
    if kind == "credit_card":
        return re.fullmatch(r"[\d \-]+", v) is not None and luhn_ok(digits(v))
    if kind == "postcode":
        return postcode_ok(v)
    if kind == "license_plate":
        return plate_ok(v)
    if kind == "ip_address":
        return ip_ok(v)
    if kind == "email":
        m = re.fullmatch(r"[A-Za-z0-9._%+\-]+@([A-Za-z0-9.\-]+)", v)
        return bool(m) and reserved_host(m.group(1))
    if kind == "url":
        m = re.fullmatch(r"(?:https?://)?([A-Za-z0-9.\-]+)(?:[/?#]\S*)?", v)
        return bool(m) and reserved_host(m.group(1))
    if kind == "handle":
        return re.fullmatch(r"@[A-Za-z0-9_.]{2,30}", v) is not None and v.lower() not in OFFICIAL
    if kind == "phone":
        d = digits(v)
        return 7 <= len(d) <= 13
    if kind == "address":
        return re.search(r"\d", v) is not None and re.match(r"[A-Z]", v) is not None
    if kind == "date_of_birth":
        return re.search(r"\d{2,4}", v) is not None
    if kind == "person":
        return v.strip() == v and len(v) >= 2 and not re.search(r"\d", v)
    return True


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "frames.jsonl")
    errors = []
    ids, texts = set(), set()
    counts = {k: 0 for k in KINDS}
    n = neg = 0
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    if not raw.endswith("\n"):
        errors.append("file does not end with a newline")
    for ln, line in enumerate(raw.split("\n")[:-1], 1):
        def err(msg):
            errors.append("line %d: %s" % (ln, msg))
        try:
            row = json.loads(line)
        except ValueError as e:
            err("bad JSON: %s" % e)
            continue
        if not isinstance(row, dict) or sorted(row) != ["entities", "id", "text"]:
            err("fields must be id, text, entities")
            continue
        n += 1
        if not re.fullmatch(r"f\d{4}", row["id"]) or row["id"] in ids:
            err("bad or duplicate id %r" % row["id"])
        ids.add(row["id"])
        text = row["text"]
        if text in texts:
            err("duplicate text")
        texts.add(text)
        tb = text.encode("utf-8")
        ents = row["entities"]
        if not ents:
            neg += 1
        prev_end = 0
        covered = bytearray(len(tb))
        for e in ents:
            if not isinstance(e, dict) or sorted(e) != ["end", "kind", "start", "text"]:
                err("entity fields must be kind, text, start, end: %r" % (e,))
                continue
            k, v, s, t = e["kind"], e["text"], e["start"], e["end"]
            if k not in counts:
                err("unknown kind %r" % k)
                continue
            counts[k] += 1
            if not (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(tb)):
                err("bad offsets %r" % (e,))
                continue
            try:
                sub = tb[s:t].decode("utf-8")
            except UnicodeDecodeError:
                err("offsets split a UTF-8 character: %r" % (e,))
                continue
            if sub != v:
                err("offsets give %r, entity text is %r" % (sub, v))
            if s < prev_end:
                err("entity out of order or overlapping: %r" % (e,))
            prev_end = t
            for i in range(s, t):
                covered[i] = 1
            if not check_value(k, v):
                err("%s value fails its check: %r" % (k, v))
        # look-alikes outside the spans
        plain = bytes(b if not covered[i] else 0x20 for i, b in enumerate(tb)).decode("utf-8", "replace")
        for m in re.finditer(r"\d+(?:[ .\-]\d+)*", plain):
            whole = digits(m.group(0))
            pieces = [whole] + re.split(r"[ .\-]", m.group(0))
            for d in pieces:
                if bsn_ok(d) or rrn_ok(d) or luhn_ok(d):
                    err("unannotated number passes a checksum: %r in %r" % (d, m.group(0)))
                    break
        for m in re.finditer(r"(?<![\w.])@[A-Za-z0-9_]+", plain):
            if m.group(0).lower() not in OFFICIAL:
                err("unannotated handle %r" % m.group(0))
    for e in errors[:50]:
        print("ERROR", e)
    if len(errors) > 50:
        print("... %d more errors" % (len(errors) - 50))
    print("%s: %d posts, %d negatives (%.1f %%), %d entities" % (
        os.path.relpath(path), n, neg, 100.0 * neg / max(n, 1), sum(counts.values())))
    for k in KINDS:
        print("  %-15s %5d" % (k, counts[k]))
    print("OK" if not errors else "FAILED: %d errors" % len(errors))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
