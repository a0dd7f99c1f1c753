#!/usr/bin/env python3
"""Write data/redaction/frames.jsonl: a generated, labelled redaction set.

Hand-written Dutch and Flemish social-media sentence frames with slots are
filled with invented but checksum-valid values (IBAN, BSN, RRN, card numbers),
plan-conforming phone numbers, plates, postcodes, addresses, reserved-domain
e-mails and URLs, documentation/private IP addresses, invented handles, dates
of birth with a birth cue, and person names drawn from the lists in
data/names. About 15 % of the posts are negatives: they only hold look-alike
data (ordinary dates, prices, order numbers that fail the checksums, street
names without a number, surnames used as common nouns, official accounts,
service numbers).

Python 3 standard library only, fixed seed. Run from anywhere:

    python3 data/redaction/tools/make_frames.py [--out FILE]

and the output is rewritten byte-identically. Every entity carries its kind,
its exact text and its UTF-8 byte offsets (end exclusive); see
data/redaction/README.md for the conventions.
"""
import argparse
import json
import os
import random
import re
import sys

SEED = 20250601
N_POSTS = 1500
NEG_SHARE = 0.15

HERE = os.path.dirname(os.path.abspath(__file__))
REDACTION = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(REDACTION))
NAMES = os.path.join(ROOT, "data", "names")

KINDS = ["person", "email", "phone", "iban", "bsn", "national_id_be", "postcode",
         "address", "license_plate", "url", "ip_address", "handle",
         "date_of_birth", "credit_card"]


def read_list(name):
    with open(os.path.join(NAMES, name), encoding="utf-8") as f:
        return [l for l in f.read().split("\n") if l]


# ---------------------------------------------------------------- names
# Dutch surnames: a hand-picked set of common ones; every one is checked to be
# in nl_surnames.txt (the Meertens list has no frequencies, so we do not draw
# blindly from its 124k entries, many of which are rare or odd).
NL_SURNAMES = """de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van der Veen|van den Broek|de Bruijn|de Bruin|van der Heijden|Schouten|van Beek|Willems|van Vliet|van de Ven|Hoekstra|Maas|Verhoeven|Koster|van Dam|van der Wal|Prins|Blom|Huisman|Peeters|de Jonge|Kuipers|van Veen|Post|Kuiper|Veenstra|Kramer|van den Brink|Scholten|van Wijk|Postma|Martens|Vink|de Ruiter|Timmermans|Groen|Gerritsen|Jonker|van Loon|van der Velde|Willemsen|Smeets|de Lange|de Vos|Bosch|van Dongen|Schipper|de Koning|van der Laan|van der Velden|Driessen|van Doorn|Hermans|Evers|van den Bosch|van der Meulen|Hofman|Bosman|Wolters|Sanders|van der Horst|Kuijpers|Molenaar|van de Pol|de Leeuw|Verbeek|ter Horst|ter Beek|ter Haar|in 't Veld|'t Hart|van 't Hof|van der Steen|El Amrani|Bouzid|Yilmaz|Kaya|Öztürk|Aydin|Bennani|El Idrissi|Nguyen|Ramdin|Haddou|van Rijn|Hoogendoorn|Bouwman|Brinkman|Boersma|Terpstra|van Essen|Oosterhuis|Nijhuis|Claassen|de Wilde|van Gils|Beekman|Verschuren|Keizer|van Schaik|Tahiri|Şahin|van Rossum|van der Ploeg""".split("|")

# Given names that are also ordinary words or too short to stand alone in a
# lower-case post; kept for full names, not used as a bare given name.
AMBIGUOUS_GIVEN = set("""Roos Mark Bo Jet Kick Puck Puk Lot Mare Lieve Merel Fleur Iris Jade Amber
Nova Linde Madelief Sep Job Bas Mees Faas Max Mia Ben El Constant Flor Leen Lies Pol Toon
Rune Els Kris Lander Briek Omer Gust Joke Ken Lou Rob Bob Mila Ria Fem Sky Ivy Kai Jay
Fay Lex Sem Cas Dex Bibi Ise Isa Ize Liv Liz Lynn Jill Jim Tim Tom Sam Mats Rik Raf Wim""".split())


def load_names():
    nl_all = set(read_list("nl_surnames.txt"))
    for s in NL_SURNAMES:
        if s not in nl_all:
            raise SystemExit("surname not in nl_surnames.txt: %r" % s)
    common = set(read_list("common_word_surnames.txt"))
    be = [s for s in read_list("be_surnames.txt") if s.lower() not in common]
    gnl = [g for g in read_list("given_nl.txt") if len(g) >= 3]
    gbe = [g for g in read_list("given_be.txt") if len(g) >= 3]
    return NL_SURNAMES, be, gnl, gbe


# ------------------------------------------------------------ checksums
def iban_check(country, bban):
    s = bban + country + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return "%02d" % (98 - n % 97)


def iban_valid(iban):
    s = iban.replace(" ", "").upper()
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def bsn_valid(d):
    return len(d) == 9 and d.isdigit() and \
        (sum(int(c) * w for c, w in zip(d[:8], range(9, 1, -1))) - int(d[8])) % 11 == 0


def luhn_valid(d):
    tot = 0
    for i, c in enumerate(reversed(d)):
        x = int(c)
        if i % 2 == 1:
            x *= 2
            if x > 9:
                x -= 9
        tot += x
    return tot % 10 == 0


def luhn_complete(prefix_digits):
    for c in "0123456789":
        if luhn_valid(prefix_digits + c):
            return prefix_digits + c
    raise AssertionError


def rrn_valid(d):
    if len(d) != 11 or not d.isdigit():
        return False
    base, cc = int(d[:9]), int(d[9:])
    return 97 - base % 97 == cc or 97 - (2000000000 + base) % 97 == cc


def looks_checksummed(digits):
    """True if a digit string would pass one of our checks."""
    n = len(digits)
    if n == 9 and bsn_valid(digits):
        return True
    if n == 11 and rrn_valid(digits):
        return True
    if 13 <= n <= 19 and luhn_valid(digits):
        return True
    return False


# ------------------------------------------------------------ generator
class Gen:
    def __init__(self, rng, names):
        self.r = rng
        self.nl_sur, self.be_sur, self.gnl, self.gbe = names
        self.gnl_bare = [g for g in self.gnl if g not in AMBIGUOUS_GIVEN]
        self.gbe_bare = [g for g in self.gbe if g not in AMBIGUOUS_GIVEN]

    def c(self, seq):
        return self.r.choice(seq)

    def digits(self, n, first="123456789"):
        return self.c(first) + "".join(self.c("0123456789") for _ in range(n - 1))

    # ---- persons: return (given, surname, flemish)
    def person_parts(self, be=None):
        if be is None:
            be = self.r.random() < 0.42
        if be:
            return self.c(self.gbe), self.c(self.be_sur), True
        return self.c(self.gnl), self.c(self.nl_sur), False

    @staticmethod
    def cap_sur(s):
        # Dutch rule: without a given name in front, the first particle is capitalised.
        if s.startswith("'t "):
            return "'t " + s[3:]
        return s[0].upper() + s[1:]

    def initials(self, given):
        if self.r.random() < 0.35:
            other = self.c("ABCDEFGHJKLMNPRSTW")
            return given[0].upper() + "." + other + "."
        return given[0].upper() + "."

    # ---- IBAN
    def iban(self, country=None):
        r = self.r
        if country is None:
            country = self.c(["NL"] * 5 + ["BE"] * 4 + ["DE", "DE", "FR", "FR", "GB", "GB",
                                                          "LU", "ES", "IT", "AT", "CH", "IE"])
        if country == "NL":
            bank = self.c(["ABNA", "INGB", "RABO", "TRIO", "SNSB", "ASNB", "KNAB", "BUNQ", "RBRB"])
            while True:  # old Dutch account 11-test (weights 10..1)
                acc = self.digits(10)
                if sum(int(c) * w for c, w in zip(acc, range(10, 0, -1))) % 11 == 0:
                    break
            bban = bank + acc
        elif country == "BE":
            base = self.digits(3, "0123456789") + self.digits(7, "0123456789")
            chk = int(base) % 97 or 97
            bban = base + "%02d" % chk
        elif country == "DE":
            bban = self.digits(8) + self.digits(10, "0123456789")
        elif country == "FR":
            bank, branch, acc = self.digits(5), self.digits(5, "0123456789"), self.digits(11, "0123456789")
            key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acc)) % 97
            bban = bank + branch + acc + "%02d" % key
        elif country == "GB":
            bban = self.c(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + self.digits(6) + self.digits(8, "0123456789")
        elif country == "LU":
            bban = self.digits(3, "0123456789") + self.digits(13, "0123456789")
        elif country == "ES":
            bban = self.digits(20)
        elif country == "IT":
            bban = self.c("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + self.digits(5, "0123456789") + \
                self.digits(5, "0123456789") + self.digits(12, "0123456789")
        elif country == "AT":
            bban = self.digits(16)
        elif country == "CH":
            bban = self.digits(17, "0123456789")
        elif country == "IE":
            bban = self.c(["AIBK", "BOFI", "IPBS"]) + self.digits(6) + self.digits(8, "0123456789")
        raw = country + iban_check(country, bban) + bban
        assert iban_valid(raw)
        style = r.random()
        if style < 0.6:
            out = " ".join(raw[i:i + 4] for i in range(0, len(raw), 4))
        else:
            out = raw
        if r.random() < 0.12:
            out = out.lower()
        return out

    # ---- BSN
    def bsn(self):
        while True:
            d = self.digits(9)
            if bsn_valid(d):
                break
        s = self.r.random()
        if s < 0.4:
            return d
        if s < 0.65:
            return d[:3] + "." + d[3:6] + "." + d[6:]
        if s < 0.85:
            return d[:3] + " " + d[3:6] + " " + d[6:]
        return d[:4] + "." + d[4:6] + "." + d[6:]

    # ---- Belgian rijksregisternummer
    def rrn(self):
        r = self.r
        after2000 = r.random() < 0.3
        yy = r.randint(0, 24) if after2000 else r.randint(30, 99)
        mm, dd = r.randint(1, 12), r.randint(1, 28)
        seq = r.randint(1, 997)
        base = "%02d%02d%02d%03d" % (yy, mm, dd, seq)
        n = int(base) + (2000000000 if after2000 else 0)
        cc = "%02d" % (97 - n % 97)
        d = base + cc
        assert rrn_valid(d)
        s = r.random()
        if s < 0.5:
            return "%s.%s.%s-%s.%s" % (d[0:2], d[2:4], d[4:6], d[6:9], d[9:])
        if s < 0.75:
            return "%s-%s-%s" % (d[0:6], d[6:9], d[9:])
        return d

    # ---- payment cards
    def card(self):
        r = self.r
        t = r.random()
        if t < 0.45:
            d = luhn_complete("4" + self.digits(14, "0123456789"))
        elif t < 0.8:
            pre = str(r.randint(51, 55)) if r.random() < 0.7 else str(r.randint(2221, 2720))
            d = luhn_complete(pre + self.digits(15 - len(pre), "0123456789"))
        else:
            d = luhn_complete(self.c(["34", "37"]) + self.digits(12, "0123456789"))
        assert luhn_valid(d)
        s = r.random()
        if len(d) == 15:
            if s < 0.7:
                return "%s %s %s" % (d[:4], d[4:10], d[10:])
            return d
        if s < 0.55:
            return " ".join(d[i:i + 4] for i in range(0, 16, 4))
        if s < 0.7:
            return "-".join(d[i:i + 4] for i in range(0, 16, 4))
        return d

    # ---- phones
    def phone_nl_mobile(self):
        r = self.r
        sub = self.c("12345") + self.digits(7, "0123456789")
        forms = [
            lambda s: "06" + s,
            lambda s: "06-" + s,
            lambda s: "06 " + " ".join([s[0:2], s[2:4], s[4:6], s[6:8]]),
            lambda s: "06-" + s[:4] + " " + s[4:],
            lambda s: "06 " + s[:3] + " " + s[3:5] + " " + s[5:],
            lambda s: "+31 6 " + s,
            lambda s: "+31 6 " + s[:4] + " " + s[4:],
            lambda s: "+31(0)6" + s,
            lambda s: "+31 (0)6-" + s[:4] + " " + s[4:],
            lambda s: "0031 6 " + s,
            lambda s: "0031" + "6" + s,
            lambda s: "+316" + s,
        ]
        return self.c(forms)(sub)

    AREA3 = ["010", "013", "015", "020", "023", "024", "026", "030", "033", "035", "036",
             "038", "040", "043", "045", "046", "050", "053", "055", "058", "070", "071",
             "072", "073", "074", "075", "076", "077", "078", "079"]
    AREA4 = ["0111", "0113", "0165", "0172", "0182", "0222", "0252", "0297", "0313", "0318",
             "0341", "0411", "0475", "0493", "0511", "0513", "0522", "0546", "0570", "0575",
             "0591", "0594"]

    def phone_nl_geo(self):
        r = self.r
        if r.random() < 0.6:
            a = self.c(self.AREA3)
            s = self.digits(7, "23456789")
            forms = [a + "-" + s, a + " " + s[:3] + " " + s[3:], a + s,
                     a + "-" + s[:3] + " " + s[3:5] + " " + s[5:], "+31 " + a[1:] + " " + s]
        else:
            a = self.c(self.AREA4)
            s = self.digits(6, "23456789")
            forms = [a + "-" + s, a + " " + s[:2] + " " + s[2:4] + " " + s[4:], a + s,
                     "+31 " + a[1:] + " " + s]
        return self.c(forms)

    def phone_nl_service(self):
        pre = self.c(["0800", "0900"])
        if self.r.random() < 0.5:
            s = self.digits(4, "1234567")
            if pre == "0900" and s == "8844":
                s = "8845"
            return self.c([pre + "-" + s, pre + " " + s])
        s = self.digits(7, "1234567")
        return self.c([pre + "-" + s, pre + " " + s[:3] + " " + s[3:]])

    def phone_be(self):
        r = self.r
        if r.random() < 0.65:
            p = self.c(["460", "465", "466", "467", "468", "470", "471", "472", "473", "474",
                        "475", "476", "477", "478", "479", "483", "484", "485", "486", "487",
                        "488", "489", "490", "491", "492", "493", "494", "495", "496", "497",
                        "498", "499"])
            s = self.digits(6, "0123456789")
            forms = ["0%s %s %s %s" % (p, s[:2], s[2:4], s[4:]), "0%s/%s.%s.%s" % (p, s[:2], s[2:4], s[4:]),
                     "+32 %s %s %s %s" % (p, s[:2], s[2:4], s[4:]), "0032 %s %s %s %s" % (p, s[:2], s[2:4], s[4:]),
                     "0%s%s" % (p, s), "+32%s%s" % (p, s), "0%s %s %s" % (p, s[:3], s[3:]),
                     "0%s/%s" % (p, s)]
            return self.c(forms)
        if r.random() < 0.55:
            z = self.c(["2", "3", "4", "9"])
            s = self.digits(7, "2345678")
            forms = ["0%s %s %s %s" % (z, s[:3], s[3:5], s[5:]), "0%s/%s.%s.%s" % (z, s[:3], s[3:5], s[5:]),
                     "+32 %s %s %s %s" % (z, s[:3], s[3:5], s[5:]), "0%s %s" % (z, s)]
        else:
            z = self.c(["11", "13", "14", "15", "16", "50", "51", "52", "53", "54", "55", "56",
                        "57", "58", "59", "89"])
            s = self.digits(6, "2345678")
            forms = ["0%s %s %s %s" % (z, s[:2], s[2:4], s[4:]), "0%s/%s.%s.%s" % (z, s[:2], s[2:4], s[4:]),
                     "+32 %s %s %s %s" % (z, s[:2], s[2:4], s[4:])]
        return self.c(forms)

    def phone(self):
        x = self.r.random()
        if x < 0.45:
            return self.phone_nl_mobile()
        if x < 0.62:
            return self.phone_nl_geo()
        if x < 0.67:
            return self.phone_nl_service()
        return self.phone_be()

    def phone_nl(self):
        x = self.r.random()
        if x < 0.65:
            return self.phone_nl_mobile()
        if x < 0.95:
            return self.phone_nl_geo()
        return self.phone_nl_service()

    # ---- plates
    CONS = "BDFGHJKLNPRSTVXZ"           # letters used since side code 4
    OLD = "ABDEFGHJKLMNPRSTUVXZ"        # side codes 1-3 also used vowels
    CAR_FIRST = "GHJKLNPRSTXZ"          # first letter of passenger cars, side code 7+
    CAR_FIRST_11 = "GHJKNPRSXZ"         # from side code 11 no L and T
    BANNED = ["GVD", "KKK", "KVT", "LPF", "NSB", "PKK", "PSV", "TBS", "SS", "SD",
              "PVV", "SGP", "VVD", "FVD"]

    def plate_nl(self):
        r = self.r
        code = r.randint(1, 14)
        while True:
            def L(n, alpha):
                return "".join(self.c(alpha) for _ in range(n))

            def D(n):  # a lone digit is never 0
                return "".join(self.c("0123456789" if n > 1 else "123456789") for _ in range(n))
            alpha = self.OLD if code <= 3 else self.CONS
            first = self.CAR_FIRST if code < 11 else self.CAR_FIRST_11
            if code == 1:
                p = [L(2, alpha), D(2), D(2)]
            elif code == 2:
                p = [D(2), D(2), L(2, alpha)]
            elif code == 3:
                p = [D(2), L(2, alpha), D(2)]
            elif code == 4:
                p = [L(2, alpha), D(2), L(2, alpha)]
            elif code == 5:
                p = [L(2, alpha), L(2, alpha), D(2)]
            elif code == 6:
                p = [D(2), L(2, alpha), L(2, alpha)]
            elif code == 7:
                p = [D(2), self.c(first) + L(2, alpha), D(1)]
            elif code == 8:
                p = [D(1), self.c(first) + L(2, alpha), D(2)]
            elif code == 9:
                p = [self.c(first) + L(1, alpha), D(3), L(1, alpha)]
            elif code == 10:
                p = [self.c(first), D(3), L(2, alpha)]
            elif code == 11:
                p = [self.c(first) + L(2, alpha), D(2), L(1, alpha)]
            elif code == 12:
                p = [self.c(first), D(2), L(3, alpha)]
            elif code == 13:
                p = [D(1), L(2, alpha), D(3)]
            else:
                p = [D(3), L(2, alpha), D(1)]
            letters = "".join(x for x in p if x.isalpha())
            if any(b in letters for b in self.BANNED):
                continue
            if all(x.isdigit() and int(x) == 0 for x in p if x.isdigit()):
                continue
            break
        s = "-".join(p)
        if r.random() < 0.1:
            s = s.lower()
        return s

    def plate_be(self):
        r = self.r
        p = "%d-%s-%03d" % (self.c([1, 1, 2]), "".join(self.c("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)),
                            r.randint(1, 999))
        if r.random() < 0.1:
            p = p.replace("-", "")
        return p

    # ---- postcodes
    PC_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"  # F I O Q U Y are not used

    def postcode(self):
        while True:
            l2 = self.c(self.PC_LETTERS) + self.c(self.PC_LETTERS)
            if l2 not in ("SA", "SD", "SS"):
                break
        n = str(self.r.randint(1000, 9999))
        x = self.r.random()
        if x < 0.6:
            return n + " " + l2
        if x < 0.92:
            return n + l2
        return n + " " + l2.lower()

    # ---- addresses
    STREETS_NL = """Kerkstraat|Molenstraat|Schoolstraat|Dorpsstraat|Stationsstraat|Nieuwstraat|Julianastraat|Wilhelminastraat|Beatrixstraat|Hoofdstraat|Veldstraat|Burgemeester de Withstraat|Van Speijkstraat|Sint-Annastraat|Lange Nieuwstraat|Korte Kerkstraat|Jan van Galenstraat|Dokter Schaepmanstraat|Lindenlaan|Eikenlaan|Beukenlaan|Berkenlaan|Stationslaan|Koningin Julianalaan|Laan van Meerdervoort|Laan van Nieuw Oost-Indië|Parklaan|Dorpsweg|Molenweg|Kerkweg|Zandweg|Graaf Florisweg|Nieuwe Binnenweg|Amsterdamseweg|Marktplein|Kerkplein|Stationsplein|Oranjeplein|Oudegracht|Nieuwegracht|Lijnbaansgracht|Thorbeckegracht|Prins Hendrikkade|Havenkade|Westerkade|Stadhouderskade|Emmasingel|Zuidersingel|Noordersingel|Bolwerksingel|Zeedijk|Westdijk|Waaldijk|Maasdijk|Rozenhof|Lindehof|Kloosterhof|Molenpad|Kerkpad|Jaagpad|Vismarkt|Grote Markt""".split("|")
    STREETS_BE = """Kerkstraat|Stationsstraat|Molenstraat|Dorpsstraat|Nieuwstraat|Sint-Pietersnieuwstraat|Hoogstraat|Kapelstraat|Schoolstraat|Veldstraat|Brusselsesteenweg|Gentsesteenweg|Antwerpsesteenweg|Mechelsesteenweg|Kortrijksesteenweg|Leuvensesteenweg|Frankrijklei|Kerklei|Boomsesteenweg|Italiëlei|Lange Lozanastraat|Turnhoutsebaan|Beukendreef|Kastanjedreef|Lindendreef|Groenmarkt|Koornmarkt|Vismarkt|Veemarkt|Kouterdreef|Kasteeldreef|Stationsplein|Dorpsplein|Sint-Jansplein|Kaai|Coupure Links|Ketelvest|Tiensevest|Heidelaan|Vijverlaan|Parklaan|Molenweg|Kiezelweg|Hofstraat|Zandpad|Kloosterhof""".split("|")

    def housenumber(self, be):
        r = self.r
        n = str(self.c([r.randint(1, 40), r.randint(1, 40), r.randint(1, 150), r.randint(1, 400)]))
        x = r.random()
        if be:
            if x < 0.35:
                return n + " bus " + str(r.randint(1, 12))
            if x < 0.45:
                return n + self.c(["A", "B", "a", "b"])
            if x < 0.5:
                return n + "/" + str(r.randint(1, 6))
            return n
        if x < 0.14:
            return n + self.c("abcd")
        if x < 0.22:
            return n + "-" + str(r.randint(1, 4))
        if x < 0.3:
            return n + " " + self.c("ABC")
        if x < 0.35:
            return n + "-" + self.c(["I", "II", "III", "hs", "bis"])
        return n

    def address(self, be=None):
        if be is None:
            be = self.r.random() < 0.4
        st = self.c(self.STREETS_BE if be else self.STREETS_NL)
        return st + " " + self.housenumber(be)

    # ---- e-mail, url, ip, handle
    DOMAINS = ["example.com", "example.org", "example.net", "gmail.example", "hotmail.example",
               "telenet.example", "ziggo.example", "kpnmail.example", "skynet.example",
               "outlook.example", "mail.example.com", "buurtvereniging.example.org",
               "vve-zonnehof.example", "proximus.example", "xs4all.example"]

    @staticmethod
    def slug(s):
        tr = str.maketrans({"é": "e", "ë": "e", "è": "e", "ï": "i", "ö": "o", "ü": "u", "Ş": "s",
                            "ş": "s", "Ö": "o", "ç": "c", "à": "a", "ê": "e", "ô": "o", "â": "a",
                            "É": "e", "Ç": "c", "î": "i", "û": "u"})
        s = s.translate(tr).lower()
        return re.sub(r"[^a-z0-9]", "", s)

    def email(self, person=None):
        r = self.r
        if person is None:
            g, s, _ = self.person_parts()
        else:
            g, s = person
        gs, ss = self.slug(g), self.slug(s)
        local = self.c([gs + "." + ss, gs[0] + "." + ss, gs + ss, gs + "_" + ss + str(r.randint(1, 99)),
                        gs + str(r.randint(70, 99)), ss + "." + gs, gs + "-" + ss,
                        self.c(["info", "secretariaat", "penningmeester", "bestuur", "kassa",
                                "buurtpreventie", "oudercomite"])])
        out = local + "@" + self.c(self.DOMAINS)
        if r.random() < 0.05:
            out = out.capitalize()
        return out

    def url(self):
        r = self.r
        host = self.c(["www.example.com", "example.com", "example.org", "www.example.org",
                       "example.net", "buurtfeest.example", "petities.example.org",
                       "forms.example.net", "vereniging.example", "www.kringloop.example",
                       "rommelmarkt.example.com", "photos.example.net", "meet.example.org"])
        path = self.c(["", "/", "/aanmelden", "/petitie/bomen-westpark", "/fotos/2025/buurtfeest",
                       "/inschrijven?id=" + str(r.randint(100, 9999)), "/doneer", "/agenda",
                       "/vermist/kat-" + self.c(["minoe", "tijger", "smokey"]),
                       "/p/" + "".join(self.c("abcdefghkmnpqrstuvwxyz0123456789") for _ in range(8)),
                       "/profiel/" + self.slug(self.c(self.gnl)), "/groep/buurtpreventie"])
        scheme = self.c(["https://", "https://", "http://", ""])
        if scheme == "" and not host.startswith("www.") and r.random() < 0.5:
            scheme = "https://"
        return scheme + host + path

    def ip(self, v=None):
        r = self.r
        if v is None:
            v = 6 if r.random() < 0.3 else 4
        if v == 4:
            kind = r.randint(0, 4)
            if kind == 0:
                return "192.0.2.%d" % r.randint(1, 254)
            if kind == 1:
                return "198.51.100.%d" % r.randint(1, 254)
            if kind == 2:
                return "203.0.113.%d" % r.randint(1, 254)
            if kind == 3:
                return "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
            return "192.168.%d.%d" % (r.randint(0, 10), r.randint(1, 254))

        def h():
            return "%x" % r.randint(1, 0xffff)
        kind = r.randint(0, 3)
        if kind == 0:
            return "2001:db8::" + h()
        if kind == 1:
            return "2001:db8:%s::%s" % (h(), h())
        if kind == 2:
            return "2001:0db8:%04x:%04x:%04x:%04x:%04x:%04x" % tuple(r.randint(0, 0xffff) for _ in range(6))
        return "fe80::%s:%s:%s:%s" % (h(), h(), h(), h())

    HANDLE_WORDS = ["buurtmama", "fietsfreak", "tuinkabouter", "koffieleut", "hondenbaasje",
                    "zwemjuf", "moestuinman", "lopertje", "bakfiets", "kattenvrouwtje",
                    "voetbalpapa", "treinreiziger", "wielertoerist", "fritkot_fan", "stadsimker"]

    def handle(self, person=None):
        r = self.r
        if person is None:
            g = self.c(self.gnl + self.gbe)
            s = None
        else:
            g, s = person
        gs = self.slug(g)
        opts = [gs + "_" + self.c(self.HANDLE_WORDS), self.c(self.HANDLE_WORDS) + str(r.randint(1, 99)),
                gs + self.c(["tje", "ke", "xx", "_x", "nl", "be"]) + str(r.randint(0, 99)),
                gs + "_" + str(self.c([r.randint(70, 99), r.randint(1970, 2010)]))]
        if s is not None:
            ss = self.slug(s)
            opts = [gs + "_" + ss, gs + "." + ss, gs + ss[:6] + str(r.randint(1, 99)), gs[0] + ss,
                    gs + "_vd_" + ss[-5:] if " " in s else gs + "_" + ss + "_"]
        h = self.c(opts)
        if r.random() < 0.15:
            h = h[0].upper() + h[1:]
        return "@" + h[:15]

    # ---- dates of birth
    MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]

    ERAS = {"old": (1918, 1935), "new": (2024, 2025), "kid": (2012, 2020)}

    def dob_date(self, era=None):
        r = self.r
        y = self.c([r.randint(1930, 2005), r.randint(1950, 1999), r.randint(2000, 2024)])
        if era:
            y = r.randint(*self.ERAS[era])
        m, d = r.randint(1, 12), r.randint(1, 28)
        forms = ["%02d-%02d-%d" % (d, m, y), "%d-%d-%d" % (d, m, y), "%02d/%02d/%d" % (d, m, y),
                 "%d %s %d" % (d, self.MONTHS[m - 1], y), "%d-%02d-%02d" % (y, m, d),
                 "%d/%d/%02d" % (d, m, y % 100), "%02d.%02d.%d" % (d, m, y),
                 "%d %s %d" % (d, self.MONTHS[m - 1][:3], y)]
        return self.c(forms)

    DOB_CUES = ["geb. ", "geboren op ", "geboortedatum: ", "° ", "geboren ", "geb ", "°",
                "Geboortedatum ", "geb.datum: ", "Geboren: "]

    # ---- negatives (never annotated)
    def ord_date(self):
        r = self.r
        d, m = r.randint(1, 28), r.randint(1, 12)
        return self.c(["%02d-%02d-2025" % (d, m), "%d %s" % (d, self.MONTHS[m - 1]),
                       "%d/%d" % (d, m), "2025-%02d-%02d" % (m, d),
                       self.c(["zaterdag", "zondag", "vrijdag", "woensdag"]) + " %d %s" % (d, self.MONTHS[m - 1])])

    def time(self):
        r = self.r
        return self.c(["%d:%02d" % (r.randint(7, 22), self.c([0, 15, 30, 45])), "%du" % r.randint(8, 22),
                       "%du%02d" % (r.randint(8, 22), self.c([15, 30, 45])), "half %d" % r.randint(7, 11)])

    def price(self):
        r = self.r
        return self.c(["€ %d,%02d" % (r.randint(1, 90), self.c([0, 50, 95, 99])), "€%d" % r.randint(5, 400),
                       "%d euro" % r.randint(5, 250), "€ %d,-" % r.randint(10, 900),
                       "€%d.%03d" % (r.randint(1, 9), r.randint(0, 999))])

    def safe_digits(self, n):
        while True:
            d = self.digits(n)
            if not looks_checksummed(d):
                return d

    def order(self):
        x = self.r.random()
        if x < 0.3:
            return self.safe_digits(9)
        if x < 0.5:
            d = self.safe_digits(16)
            return " ".join(d[i:i + 4] for i in range(0, 16, 4))
        if x < 0.65:
            return self.safe_digits(11)
        if x < 0.8:
            return "3S" + "".join(self.c("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(4)) + self.safe_digits(7)
        return "#" + self.safe_digits(self.c([6, 7, 8]))

    NL_TOWNS = ["Zwolle", "Utrecht", "Amersfoort", "Leiden", "Haarlem", "Arnhem", "Nijmegen",
                "Tilburg", "Breda", "Groningen", "Leeuwarden", "Deventer", "Almere", "Delft",
                "Alkmaar", "Den Bosch", "Eindhoven", "Rotterdam-Zuid", "Schiedam", "Zaandam",
                "Heerlen", "Enschede", "Apeldoorn", "Gouda", "Purmerend", "Hoorn", "Assen"]
    BE_TOWNS = [("9000", "Gent"), ("2018", "Antwerpen"), ("3000", "Leuven"), ("8000", "Brugge"),
                ("2800", "Mechelen"), ("3500", "Hasselt"), ("8500", "Kortrijk"), ("9300", "Aalst"),
                ("2300", "Turnhout"), ("9100", "Sint-Niklaas"), ("2140", "Borgerhout"),
                ("8400", "Oostende"), ("3200", "Aarschot"), ("2200", "Herentals"),
                ("9200", "Dendermonde"), ("1000", "Brussel")]


# --------------------------------------------------------------- frames
# Slots (entity slots in capitals; the annotated span is only the value):
#   {P} full name, mixed style        {Pnl} Dutch full name   {Pbe} Flemish full name
#   {Pg} given name (NL/BE)           {Pgbe} Flemish given    {Ps} surname alone
#   {Pt} title + surname (title not in span)   {Ptg} title + given name
#   {Pi} initials + surname           {Pl} lower-case full name   {Pc} ALL CAPS full name
#   {E} e-mail  {Ep} e-mail of the last person  {U} url  {IP} {IP4} {IP6}
#   {H} handle  {Hp} handle made from the last person's name
#   {T} phone  {Tnl} {Tmob} {Tgeo} {Tsvc} {Tbe}
#   {IBAN} {IBANnl} {IBANbe}  {BSN}  {RRN}  {CC}  {PC} postcode
#   {A} address  {Anl} {Abe}  {K} NL plate  {Kbe} Belgian plate
#   {DOB} birth cue + date (only the date is annotated)  {D} date of birth alone;
#   suffix old/new/kid picks a birth year range (e.g. {DOBnew} for a newborn)
# Look-alike slots (never annotated): {date} {time} {price} {order} {town}
#   {betown} Belgian "postcode town" {street} street name without number
#   {official} official account  {emerg} emergency/service number
# Alternatives: [[a|b|c]] (plain text only).
POS_FRAMES = [
    # --- buurtapp NL
    "iemand mijn fiets gezien?? [[zwarte|blauwe|groene]] gazelle met krat, gisteravond gejat bij het station 😡 bel {Pl} {Tmob} (ben ik dus)",
    "Kat weggelopen in de buurt van de {street}, grijs met witte pootjes 🐱 Gezien? Bel of app {Pg}: {Tnl}",
    "Wie kan zaterdag op onze hond passen? {Tmob} (vraag naar {Pg})",
    "Voor vragen over de buurtbarbecue kunt u contact opnemen met {Pt}, telefoon {Tnl}.",
    "Pakketje van de buren ({Anl}) per ongeluk bij ons bezorgd. {Pnl}, kom je het even halen?",
    "LET OP: oplichter aan de deur bij {Anl}!! Zegt dat hij van het waterbedrijf is. Ik heb {emerg} niet gebeld maar wel de wijkagent ({Pt}) 😬",
    "Gevonden: sleutelbos met rood hangertje op de hoek {Anl}. Af te halen bij {Pnl}, {PC} {town}",
    "IK BEN ER KLAAR MEE!!! {Pc} van nummer {hn} parkeert ALWEER zijn bus voor mijn oprit. kenteken {K} ik bel nu echt de handhaving",
    "wie heeft er vannacht rond {time} een auto met kenteken {K} zien staan bij de speeltuin? heeft de schutting geraakt en is doorgereden",
    "Gezocht: getuigen van de aanrijding op {date} rond {time}. Grijze [[Polo|Corsa|Yaris|Clio]], kenteken {K}, reed gewoon door. Info naar {E} - {Pnl}",
    "Onze buurman {Pnl} wordt [[80|90|75]]! Kaartje sturen mag naar {Anl}, {PC} {town} 🎉",
    "Oppas gezocht voor 2 kids (4 en 7), woensdagmiddag, {price} per uur. Reageren via {Tmob} - {Pg}",
    "Namens de VvE: betalingen voor de servicekosten graag voor 1 april op {IBANnl} t.n.v. {Pi}. Vragen? Mail naar {E}",
    "Kosten van de buurtbbq zijn {price} pp. Overmaken naar {IBAN} ovv je huisnummer. Groetjes, {Pg} 🍖",
    "@{Hs} heb je mijn tikkie gezien? anders gewoon {IBANnl} tnx",
    "De container staat vanaf {date} weer op het {street}plein. Vragen? {Pt} ({Tgeo})",
    "Wie heeft deze zwarte Golf {K} op de stoep bij {Anl} gezet?? Ik kom er met de kinderwagen niet langs 😤",
    "Gratis af te halen: bank, beetje versleten maar prima. {Anl} in {town}, bel {Pg} {Tnl}",
    "Reminder: de sleutel van het buurthuis ligt bij {Pt}, {Anl}.",
    "Mijn dochter {Pg} is haar telefoon kwijt in bus [[3|12|47]]. Wie hem vindt: bel {Tmob} of mail {Ep}",
    "Nieuw in de straat! Wij zijn {Pg} en {Pnl} en wonen sinds kort op {Anl}. Kom gerust een bakkie doen ☕",
    "Vanaf vandaag ben ik jullie nieuwe wijkagent, {Pnl}. Bereikbaar via {Tgeo} of {E}. Spoed? Altijd {emerg}.",
    "Mevrouw {Ps} van {Anl} zoekt iemand die haar gras wil maaien, {price} per keer. Bellen naar {Tgeo}",
    "help!! mn hond is weggelopen bij {Anl}, bruine labrador, luistert naar Bobby. bel {Tmob} svp 😢😢",
    "hoi allemaal, ik ben {Pl} van {Anl}. verkoop zelfgebakken taarten voor het goede doel, bestellen via {Tmob}",
    "Wie heeft er een aanhanger te leen? Ik betaal natuurlijk. {Pg}, {Tnl}, {Anl}",
    "Bedankt aan {Ptg} die mijn portemonnee terugbracht met alles er nog in 🙏 Echt top!",
    "Bij {Pt} op {Anl} is ingebroken. Zag iemand een scooter met kenteken {K}?",
    "Huurachterstand? De VvE rekent met je af via {IBANnl}. Contactpersoon {Pnl}, {Ep}",
    "Ik heb de lekke band van {Pg} gerepareerd, ze wil nu {price} overmaken op {IBANnl} maar ik wil niks hoor 😂",
    # --- buurtapp / Facebook BE
    "amai ik heb {Pgbe} gebeld voor die lekkende lavabo maar hij kan pas volgende week. kent er iemand nog ne loodgieter in {betown}? sms mij op {Tbe} aub",
    "Wie heeft er gisteren rond {time} ne grijze Golf zien wegrijden op de {street}? Nummerplaat {Kbe}. Mijn spiegel ligt er af. Tips naar {Pbe}, {Tbe}",
    "Proficiat aan {Pbe} en {Pbe} met hun trouw zaterdag 💍🥂 Wat een schoon feest was da!",
    "Heb per ongeluk mijn rijksregisternummer in de groepschat gezet 🤦‍♀️ {RRN} ... kan iemand da verwijderen aub, admins?? - {Pbe}",
    "Kot te huur in {betown}: {Abe}, vrij vanaf september. Info bij {Pbe} via {Tbe} of {E}",
    "Ons ma ({Pbe}, {DOB}) is gisteren gevallen op de {street}. Wie heeft dat gezien? Bel {Tbe} 🙏",
    "Da's nu al de derde keer dat die camionette {Kbe} voor onze garagepoort staat. Iemand enig idee van wie die is??",
    "Mijn nonkel {Pgbe} zoekt iemand om zijn haag te snoeien, {price}. {Tbe} of {Abe}",
    "Gezocht: babysit voor {Ptg}, 2x per week na school. Reacties naar {E} of {Tbe}",
    "Wie vindt er nen blauwe rugzak op het {street}plein? Daar zit mijn identiteitskaart in met rijksregisternr {RRN}. Bel {Pgbe} {Tbe} 😰",
    "Overschrijving voor het schoolfeest graag op {IBANbe} met vermelding naam kind. Bedankt! - het oudercomité ({Pbe})",
    "Zoekertje: fiets gevonden aan {Abe}, {betown}. Eigenaar kan zich melden bij {Pt}",
    "Gisteren ingebroken bij ons op {Abe}. Politie is geweest (bedankt {official}), maar als iemand camerabeelden heeft: {Tbe}",
    "Voor de rommelmarkt van {date}: inschrijven via {U} of bij {Pbe}, {Tbe}. Standplaats {price}",
    "Sorry, maar wie zet er nu zijn vuilzakken op {Abe} buiten op een maandag 🙄 @{Hs} ik weet dat gij het waart",
    "Geboortekaartje 💙 Welkom kleine {Pgbe}! {DOBnew}, 3,4 kg. Fiere ouders {Pbe} en {Pgbe}",
    "Welkom op de wereld, {Pgbe} 💕 {DOBnew} om {time}. Mama en baby stellen het goed. Bezoek na afspraak via {Tbe}",
    "{Pbe} (° {D}) wordt vermist sinds {date}. Laatst gezien aan {Abe}. Info: {official} of {emerg}",
    "Mijn grootvader {Pbe}, geboren op {Dold} in {betown}, wordt zondag 90! Wie kent hem nog van vroeger?",
    "Ik zoek de eigenaar van de hond die altijd aan {Abe} los loopt. Mijn kinderen zijn bang. {Pt} weet ervan.",
    # --- X / twitter
    "{H} wanneer komt die pakketbezorger nu eens?! al 3 dagen thuis gebleven 😤",
    "haha {H} jij bent echt de enige die dit snapt 😂😂",
    "Dank je {H} voor de tip over de rommelmarkt! 👍 Zie je daar",
    "Wie kent {Pnl}? Haar account is gehackt, volg {Hp} niet meer, ze stuurt rare linkjes!! #oplichting",
    "Mijn nieuwe account is {Hp}, oude is gehackt. Groet, {P}",
    "@{Hs} en {H} komen jullie vanavond ook naar de vergadering?",
    "rt {H}: wie heeft er nog een oplader voor een Nokia 3310 lol",
    "Zoekt {P} ({Hp}) nog steeds een kamer in {town}? Bij ons komt er eentje vrij",
    "Let op: {H} is een nepaccount dat zich voordoet als {P}. Niet reageren! cc {official}",
    "{H} dm'de me net dat mijn bankrekening geblokkeerd is en dat ik {U} moest openen 🤨 nope",
    "Bedankt {official} voor de snelle reactie! En natuurlijk {H} voor het filmpje",
    "gefeliciteerd {Pg}!! 🎂🎈 {H}",
    "{P} zit gewoon op tv te vertellen dat ik {H} ben 😂 nee schat, dat is mijn zus",
    "dit is {H} zn nieuwe nummer: {Tmob}, zet m in je contacten",
    "Jarig vandaag: {Pg} ({H}) 🎉 Taart bij ons om {time}!",
    # --- phishing / oversharing
    "Sta in de rij bij de gemeente en ze vragen mn bsn 🙈 gelukkig had ik een foto van mn paspoort: {BSN}",
    "Kan iemand me helpen met dit formulier? Ze vragen BSN ({BSN}) en IBAN ({IBAN}) en mijn geboortedatum {D}. is dat normaal?",
    "Voor de huurtoeslag: {Pnl}, BSN {BSN}, {DOB}. Is dat genoeg zo?",
    "OPLICHTING!! Ik kreeg een sms van zogenaamd de bank: 'Uw pas {CC} is geblokkeerd, klik op {U}'. NIET DOEN",
    "Zo stom, heb per ongeluk mijn creditcardnummer in de groep gezet: {CC}. Kaart al geblokkeerd gelukkig 🙈",
    "Mijn moeder gaf aan de telefoon haar kaartnummer {CC} én haar BSN {BSN} aan een 'bankmedewerker'. Aangifte gedaan.",
    "Wie heeft er de kaart van {Pg} gevonden? nummer begint met {CC} (weet niet of ik dit mag posten haha)",
    "Beste {Pt}, uw creditcard {CC} verloopt binnenkort. Bevestig uw gegevens op {U} — dit is dus phishing mensen!!",
    "Betaald met {CC} voor een concertticket op {U} en nooit iets ontvangen. Iemand ervaring?",
    "Verloren: portemonnee met ID, bankpas en mijn visa ({CC}). {Pnl} {Tmob}",
    "Mijn BSN is {BSN}, mijn naam {Pl}. Ik heb geen idee waarom de Belastingdienst mij niet vindt 😭",
    "Iemand belde me namens 'Microsoft' en wilde dat ik {U} installeerde. Hij wist mijn IBAN ({IBAN}) en zelfs mijn adres {Anl}!!",
    "Let op: iemand met het nummer {Tnl} belt mensen op en vraagt naar hun burgerservicenummer. Ik had {BSN} bijna gegeven...",
    "Voor de inschrijving bij de sportclub: naam {Pbe}, rijksregisternummer {RRN}, {DOB}, {Abe}. Hopelijk komt het zo goed",
    "Mijn identiteitskaart is gestolen: rijksregisternummer {RRN}. Als iemand daarmee iets aanvraagt weet ge dat het niet van mij is",
    "RRN {RRN} en IBAN {IBANbe} waren de gegevens die die valse mail vroeg. Zeker niet invullen!",
    "Hallo, graag terugbetaling op {IBANbe} t.n.v. {Pbe}. Mijn rijksregisternr is {RRN}",
    "Voor de vakantieopvang vragen ze het rijksregisternummer van de kinderen 🤔 {RRN} en {RRN}, is dat veilig?",
    "De mutualiteit vroeg mijn INSZ: {RRN}. Blijkt dat gewoon hetzelfde te zijn als het rijksregisternr",
    "Belastingdienst vraagt in een brief om mijn burgerservicenummer te bevestigen: {BSN}. Klopt dat, of is dit nep?",
    "Formulier voor de zorgverzekering: naam {Pi}, sofinummer {BSN}, IBAN {IBANnl}. Wie kan even meekijken?",
    "bsn {BSN} hoort bij mijn zoontje {Pg}, ik plak het hier even zodat ik het niet kwijtraak 🙃 (oeps, verkeerde groep)",
    "Kreeg net een sms: 'betaling met kaart {CC} van {price} goedgekeurd'. Ik heb niks gekocht!! Bank gebeld",
    "Webshop vraagt kaartnummer ({CC}, geldig t/m [[03/27|11/26|08/28|12/29]]) en de CVC. Is {U} betrouwbaar?",
    "Mijn zus heeft haar mastercard laten liggen bij de kassa, staat er helemaal op hier: {CC} 🤦 {Pg} kom je hem halen?",
    # --- IT / ip / url
    "Router doet raar, mijn laptop krijgt steeds {IP4} en de printer {IP4}. Iemand die er verstand van heeft?",
    "Iemand probeert in te loggen op mijn camera vanaf {IP}. Hoe blokkeer ik dat?",
    "Mijn NAS draait op {IP4}, maar via IPv6 ({IP6}) kom ik er niet bij. Tips? - {Pg}",
    "Wie zit er op {IP4} in ons buurtnetwerk films te downloaden 😂 de wifi is traag",
    "Log van vannacht: mislukte logins van {IP} en {IP}. Router meteen gereset",
    "Beste mensen, de nieuwe website van de vereniging staat online: {U}. Vragen naar {E}",
    "Teken allemaal de petitie tegen de kap van de bomen: {U} 🌳 Gestart door {P}",
    "De foto's van het buurtfeest staan op {U} (wachtwoord bij {Pg})",
    "Heb je de link voor de vergadering? {U} dacht ik, om {time}",
    "Gevonden op {U}: iemand verkoopt de fiets van {Pg}! Kenteken van de bakfiets was {K}",
    "Mijn Raspberry Pi ({IP4}) geeft 'connection refused' op poort 22. Help! {H}",
    "phishing alert: mail van {E} met link naar {U}. Afzender IP {IP4}",
    "Mailadres van het secretariaat is veranderd, nieuw: {E}. Oude werkt niet meer. Groet, {Pt}",
    "Opgave voor de sinterklaasintocht bij {E} of via {U} voor {date} 🎁",
    "Kan iemand {Pl} vragen om me te mailen op {E}? ik heb haar nummer niet meer",
    "Mail de foto's naar {E} of {E}, dan zet ik ze op {U}",
    # --- addresses and postcodes
    "Vanaf {date} verhuisd! Nieuw adres: {Anl}, {PC} {town}. Groetjes {Pg} & {Pg}",
    "Pakketje voor {Pnl}, {Anl}, {PC} bij mij afgeleverd. Ik woon op nummer {hn}",
    "Adreswijziging: {Pi}, {Anl}, {PC} {town}",
    "Inzamelpunt voor de voedselbank: {Anl} ({PC}), elke zaterdag van {time} tot {time}",
    "Mijn moeder woont op {Anl}, {PC}. Kan iemand daar even langs? Ze neemt de telefoon niet op 😟",
    "Retouren graag naar {Anl}, {PC} {town} t.a.v. {Pnl}",
    "Vanavond bingo op {Anl}, {PC}! Opgeven bij {Ptg}",
    "postcode {PC}, huisnummer {hn}. zo moeilijk is het toch niet voor de bezorger??",
    "Wie woont er op {PC} in de buurt en heeft een ladder? Dakgoot verstopt 😩",
    "Bezorging mislukt op {PC} volgens de tracking ({order}). Ik was gewoon thuis!",
    "Kerstmarkt op {Anl} ({PC}) met glühwein en oliebollen 🎄 Organisatie: {Pnl}",
    "Graag de sleutels afgeven bij {Pt}, {Abe}, {betown}",
    "Kinderkledij over? Af te halen op {Abe} bij {Pgbe}, {Tbe}",
    "Feest bij ons thuis, {Abe}! Iedereen welkom vanaf {time}. Parkeren op de {street}",
    # --- dates of birth
    "Vermist: {P}, {DOB}. Laatst gezien op {date} in {town}. Tips: {emerg} of {Tmob}",
    "Met grote vreugde melden wij de geboorte van onze zoon {Pg}, {DOBnew}, 3250 gram 👶",
    "Oma {Pg} is vandaag 100 geworden!! ({DOBold}) Burgemeester kwam langs met bloemen 💐",
    "Voor de aanmelding op school: {P}, {DOBkid}, {Anl}",
    "reünie klas 6b van 1998! wie kent {P} (geboren op {D})? graag mailen naar {E}",
    "Geboren: {Pg} ❤ {Dnew} om {time}, 51 cm. Mama {Pg} en papa zijn dolgelukkig",
    "Inschrijving zwemles: {Pnl}, geb. {Dkid}, ouder: {Pnl}, tel {Tnl}",
    "Aangifte gedaan voor oplichting. Mijn gegevens staan in het proces-verbaal: {Pnl}, geboortedatum {D}, BSN {BSN}.",
    "Gezocht: familie van {P}, geboren {D} te {town}. Voor een stamboomonderzoek, reacties naar {E}",
    "Wat een cadeautje: onze {Pg} is geboren! {DOBnew}, de dag na de verjaardag van papa {Pg} 🥰",
    # --- mixed / messy
    "hoi ik ben {Pl}, wonend op {Anl} in {town}. mijn auto ({K}) is vannacht opengebroken. wie heeft iets gezien?",
    "{Pc} HEEFT MIJN GELD NOG STEEDS NIET TERUGBETAALD!!! {price} voor die fiets. IBAN {IBAN} voor als je het leest",
    "Bedankt {Pt} en {Ptg} voor het opruimen van de speeltuin vandaag 💪",
    "Iemand nog contact met {P}? Ze is verhuisd naar {Anl} maar ik heb alleen haar oude nummer {Tnl}",
    "Ik ({P}) ben op zoek naar een carpool richting {town}, elke ochtend om {time}. Mijn auto: {K}. Bel {T}",
    "@{Hs} ik heb je nummer {T} aan {Pg} gegeven, oké?",
    "De bal ligt weer in de tuin van {Pt} 😅 Kinderen, gewoon even aanbellen hoor. {Anl}",
    "Vrijwilligers gezocht voor de buurtschoonmaak op {date}! Opgeven bij {P} ({E}) of {P} ({T})",
    "Dank aan {Pi} en {Pi} voor het organiseren van het straatfeest 🎈",
    "Kent iemand een goede fietsenmaker? Die van {Pt} op de {street} is met pensioen",
    "{Pg} en {Pg} zoeken een oppas voor hun kat van {date} tot {date}. Betaling {price} per dag op {IBAN}",
    "juf {Pgbe} gaat met pensioen!! kaartjes mogen naar school, of mail naar {E}",
    "Dit is {P}, de nieuwe voorzitter van de VvE. Vanaf nu graag alles naar {Ep} of {T}",
    "MW. {Pc} uit de flat is weer thuis na haar operatie 🙏 Ze woont op {Anl}",
    "tante {Pg} heeft mijn oude telefoonnummer nog, nieuwe is {T}!!! graag doorsturen",
    "dhr. {Ps} van de tennisclub vraagt of de contributie ({price}) voor {date} is overgemaakt op {IBANnl}",
    "Hierbij mijn gegevens voor de verzekering: {P}, {Anl}, {PC} {town}, {T}, {E}, IBAN {IBAN}. Groeten",
    "Mijn buurman {Pl} heeft een nieuwe auto 🚗 {K} staat nu elke dag op mijn plek",
    "Woonwagen met kenteken {K} staat al een week op de parkeerplaats. Gemeente gebeld, zeggen dat {Pt} erover gaat",
    "Nieuwe bewoner op {Abe}: {Pbe}. Welkom in de straat! 🏡",
    "Vraagje: is de bakker op de hoek ook op maandag open? {Pg} zei van wel maar ik twijfel",
    "De visser aan de kade had vandaag verse haring, zei {Pt}. Wie gaat er mee? {time}",
    "Proficiat aan meester {Pgbe} en juf {Pgbe}, de nieuwe leerkrachten van het 3de leerjaar 🎓",
    "@{Hs} je bent vergeten je kenteken van de aanhanger op te geven: {K}",
    "Ingeschreven voor de marathon van {date}: {P} ({DOB}), {Pnl} ({DOB})",
    "Dringend: wie heeft het nummer van {Pt}? Volgens mij {Tmob} maar die gaat niet over",
    "verkoop mijn oude laptop, IP van de kast is {IP4} lol. Vraagprijs {price}, {Tmob}",
    "Bij deze het bankrekeningnummer van de voetbalclub: {IBAN} (penningmeester {Pnl}). Kleding {price}",
    "Mijn zoon {Pg} heeft de sleutels van {Pt} gevonden bij de {street}. Op te halen op {Anl}",
    "Wie herkent deze man? Probeerde aan {Anl} bij {Pt} binnen te komen. Reed weg in {K}",
    "Voor alle duidelijkheid: {P} is NIET de eigenaar van {K}. Stop met haar lastig te vallen",
    "Gezellig avondje met {Pg}, {Pg} en {Pl} 🍷 #vriendinnen",
    "Contactgegevens kinderopvang: {Pt}, {Tgeo}, {E}, {Anl}",
    "Heeft iemand {Pg} al gezien vandaag? Ze zou om {time} bij {Anl} zijn. Haar telefoon staat uit",
    "De Belgische nummerplaat {Kbe} staat al 3 weken op onze parking in {town}. Weet iemand van wie?",
    "Ik heb een boete gekregen voor {K}, maar dat is niet mijn auto!! Mijn kenteken is {K}",
    "Weet iemand het kenteken van die witte bus? Ik dacht {K} of {K}, heeft mijn spiegel geraakt",
]

NEG_FRAMES = [
    "Vergadering bewonerscommissie op {date} om {time} in het buurthuis. Koffie staat klaar, graag even aanmelden via de buurtapp 👍",
    "de bakker op de hoek heeft weer van die heerlijke appelflappen 🤤 en de visser aan de kade had verse haring, zo'n mooie zaterdag",
    "Bij noodgevallen altijd {emerg} bellen, geen spoed maar wel politie: 0900-8844. Volg ook {official} voor updates",
    "Mijn bestelling {order} is nog steeds niet binnen. Volgens de site {date} geleverd 🙄",
    "Klantnummer {order}, factuur van {price}. Klopt dat wel? Vorig jaar was het {price}",
    "Afgesloten: de {street} is van {date} tot {date} dicht voor werkzaamheden. Omleiding via de {street}.",
    "Wat een mooie dag! de koning was in de stad en iedereen in het oranje 🧡👑 Koningsdag blijft top",
    "Prijs van de week: roos in pot voor {price} bij het tuincentrum 🌹 mooi cadeautje voor moederdag",
    "Ajax - PSV eindigde in 3-1, wat een wedstrijd ⚽ volgende wedstrijd {date} om {time}",
    "Ophaaldag van het grof vuil is verschoven naar {date}. Niet eerder buiten zetten aub",
    "Track & trace zegt {order}, maar PostNL was er niet 🤷 {official} weet ook van niks",
    "De bakker, de slager en de schilder van de {street} doen mee aan de braderie op {date}",
    "amai wat een regen vandaag, de {street} staat weer blank. {official} zegt: niet door het water rijden",
    "Schoolreisje op {date}, vertrek om {time} bij de kerk. Kosten {price}, graag contant meenemen",
    "Sinterklaas komt op {date} aan bij de haven 🎁 Tot {time} feest op het plein",
    "Iemand nog een bon van {price} korting nodig voor de Hema? code {order}",
    "Wegens ziekte is de apotheek op {date} gesloten. Voor spoed de huisartsenpost bellen. Levensbedreigend? {emerg}",
    "De koning van de barbecue is toch wel mijn buurman hoor 😂 {price} aan vlees gekocht voor 6 man",
    "Wie gaat er mee naar de markt zaterdag? vanaf {time} op het plein, er is ook een rommelmarkt",
    "Wie kent er een goede smid? Het hek van de {street} is kapot 🔨",
    "Tip: bij {official} kun je ook gewoon online aangifte doen. Ging bij mij binnen 10 min",
    "Betaald met pin, transactienummer {order}, om {time}. Toch dubbel afgeschreven 😤",
    "Wist je dat de {street} vroeger een sloot was? Gebouwd rond 1920, in {town} staat een mooie expo",
    "Het stadhuis is op {date} dicht. Vragen? Bel {emerg} alleen bij nood, verder via de website",
    "Vanaf {date} gaat het parkeren op de {street} {price} per uur kosten 😡 belachelijk",
    "Zondag {time} voetbal: VV Noord - SV Zuid, uitslag vorige keer 2-2. Kom kijken!",
    "Zoek de verschillen: bestelling {order} van {date} en bestelling {order} van {date} hebben dezelfde inhoud",
    "Vanaf {date} rijdt bus 12 niet meer door de {street}. Info bij {official}",
    "Mooi weer vandaag, 24 graden om {time}! Prijs de dag 🌞",
    "de visser en de bakker stonden allebei op de markt in {town}, en de prijs van de kaas is weer omhoog naar {price}/kg",
    "Politie Gent zegt via {official} dat de Kouter tot {time} afgesloten is. Neem een andere route.",
    "Ordernummer {order} en retournummer {order} — wie kan me uitleggen hoe dat bij Bol zit?",
]

OFFICIAL = ["@politie", "@PolitieGent", "@politie_nl", "@politie", "@NMBS", "@PostNL"]
EMERG = ["112", "0900-8844", "112", "101"]

# Openers and closers are added at random to vary the posts further.
OPENERS = ["Hoi allemaal, ", "Even een vraagje: ", "Update: ", "PSA: ", "Goeiemorgen! ", "Dag buren, ",
           "Ter info: ", "Beste buurtbewoners, ", "Hallo! ", "Zeg, ", "Ja hoor. ", "Allee, "]
CLOSERS = [" 🙏", " groetjes", " #buurtapp", "!!", " 😊", " Fijne dag!", " Alvast bedankt", " 👍👍",
           " #buurtpreventie", " xx", " Dank u!", " mvg", " (sorry voor de lange post)", " 🙄"]

SLOT_RE = re.compile(r"\{([A-Za-z0-9]+)\}|\[\[(.*?)\]\]")


class Post:
    def __init__(self):
        self.parts = []   # (text, kind or None)
        self.last_person = None


def fill(gen, frame):
    r = gen.r
    if r.random() < 0.25:
        op = gen.c(OPENERS)
        if op.endswith(", ") and re.match(r"[A-Z][a-z]", frame):
            frame = frame[0].lower() + frame[1:]
        frame = op + frame
    if r.random() < 0.3:
        frame = frame + gen.c(CLOSERS)
    post = Post()
    pos = 0
    for m in SLOT_RE.finditer(frame):
        if m.start() > pos:
            post.parts.append((frame[pos:m.start()], None))
        pos = m.end()
        if m.group(2) is not None:
            post.parts.append((gen.c(m.group(2).split("|")), None))
            continue
        fill_slot(gen, post, m.group(1))
    if pos < len(frame):
        post.parts.append((frame[pos:], None))
    return post


def person_slot(gen, post, slot):
    r = gen.r
    add = post.parts.append
    be = True if slot in ("Pbe", "Pgbe") else False if slot in ("Pnl",) else None
    g, s, isbe = gen.person_parts(be)
    if slot == "P":
        x = r.random()
        slot = "Pfull" if x < 0.72 else "Pl" if x < 0.82 else "Pc" if x < 0.9 else "Pi"
    if slot in ("Pg", "Pgbe"):
        g = gen.c(gen.gbe_bare if isbe else gen.gnl_bare)
        txt = g.lower() if r.random() < 0.15 else g
        add((txt, "person"))
        post.last_person = (g, s)
        return
    if slot == "Ps":
        add((gen.cap_sur(s), "person"))
        post.last_person = (g, s)
        return
    if slot == "Pt":
        titles = ["meneer", "mevrouw", "dhr.", "mw.", "mevr.", "wijkagent", "dokter", "Meneer",
                  "Mevrouw", "agent", "familie", "de heer"]
        if isbe:
            titles += ["madame", "meneer", "mevrouw", "wijkinspecteur", "dokter"]
        t = gen.c(titles)
        name = gen.cap_sur(s)
        if r.random() < 0.08:
            name = name.upper()
        add((t + " ", None))
        add((name, "person"))
        post.last_person = (g, s)
        return
    if slot == "Ptg":
        titles = ["buurman", "buurvrouw", "oma", "opa", "meester", "juf", "tante", "oom"]
        if isbe:
            titles += ["nonkel", "bompa", "meme", "tante"]
        g = gen.c(gen.gbe_bare if isbe else gen.gnl_bare)
        add((gen.c(titles) + " ", None))
        add((g, "person"))
        post.last_person = (g, s)
        return
    if slot == "Pi":
        add((gen.initials(g) + " " + s, "person"))
        post.last_person = (g, s)
        return
    name = g + " " + s
    if r.random() < 0.05 and not isbe and " " not in s:
        g2, s2, _ = gen.person_parts(False)
        name = g + " " + s + "-" + (s2 if " " not in s2 else gen.cap_sur(s2))
    elif r.random() < 0.03:
        name = gen.c(["Anne-Marie", "Jan-Willem", "Pieter-Jan", "Marie-Louise", "Anne-Sophie",
                      "Jan-Pieter", "Marie-Claire", "Karel-Jan"]) + " " + s
    if slot == "Pl":
        name = name.lower()
    elif slot == "Pc":
        name = name.upper()
    add((name, "person"))
    post.last_person = (g, s)


def fill_slot(gen, post, slot):
    r = gen.r
    add = post.parts.append
    if slot in ("P", "Pnl", "Pbe", "Pg", "Pgbe", "Ps", "Pt", "Ptg", "Pi", "Pl", "Pc"):
        person_slot(gen, post, slot)
    elif slot == "E":
        add((gen.email(), "email"))
    elif slot == "Ep":
        add((gen.email(post.last_person), "email"))
    elif slot == "U":
        add((gen.url(), "url"))
    elif slot == "IP":
        add((gen.ip(), "ip_address"))
    elif slot == "IP4":
        add((gen.ip(4), "ip_address"))
    elif slot == "IP6":
        add((gen.ip(6), "ip_address"))
    elif slot == "H":
        add((gen.handle(), "handle"))
    elif slot == "Hs":  # frame writes the @ itself
        h = gen.handle()
        # the @ is part of the frame text before the slot; join it into the span
        prev_text, prev_kind = post.parts.pop()
        assert prev_kind is None and prev_text.endswith("@")
        if prev_text[:-1]:
            post.parts.append((prev_text[:-1], None))
        add((h, "handle"))
    elif slot == "Hp":
        add((gen.handle(post.last_person), "handle"))
    elif slot == "T":
        add((gen.phone(), "phone"))
    elif slot == "Tnl":
        add((gen.phone_nl(), "phone"))
    elif slot == "Tmob":
        add((gen.phone_nl_mobile(), "phone"))
    elif slot == "Tgeo":
        add((gen.phone_nl_geo() if r.random() < 0.85 else gen.phone_nl_service(), "phone"))
    elif slot == "Tbe":
        add((gen.phone_be(), "phone"))
    elif slot == "IBAN":
        add((gen.iban(), "iban"))
    elif slot == "IBANnl":
        add((gen.iban("NL"), "iban"))
    elif slot == "IBANbe":
        add((gen.iban("BE"), "iban"))
    elif slot == "BSN":
        add((gen.bsn(), "bsn"))
    elif slot == "RRN":
        add((gen.rrn(), "national_id_be"))
    elif slot == "CC":
        add((gen.card(), "credit_card"))
    elif slot == "PC":
        add((gen.postcode(), "postcode"))
    elif slot == "A":
        add((gen.address(), "address"))
    elif slot == "Anl":
        add((gen.address(False), "address"))
    elif slot == "Abe":
        add((gen.address(True), "address"))
    elif slot == "K":
        add((gen.plate_nl(), "license_plate"))
    elif slot == "Kbe":
        add((gen.plate_be(), "license_plate"))
    elif slot.startswith("DOB"):
        add((gen.c(gen.DOB_CUES), None))
        add((gen.dob_date(slot[3:]), "date_of_birth"))
    elif slot in ("D", "Dold", "Dnew", "Dkid"):
        add((gen.dob_date(slot[1:]), "date_of_birth"))
    # ---- look-alikes
    elif slot == "date":
        add((gen.ord_date(), None))
    elif slot == "time":
        add((gen.time(), None))
    elif slot == "price":
        add((gen.price(), None))
    elif slot == "order":
        add((gen.order(), None))
    elif slot == "hn":
        add((str(r.randint(1, 80)), None))
    elif slot == "town":
        add((gen.c(gen.NL_TOWNS), None))
    elif slot == "betown":
        pc, t = gen.c(gen.BE_TOWNS)
        add((gen.c([pc + " " + t, t]), None))
    elif slot == "street":
        st = gen.c(gen.STREETS_NL + gen.STREETS_BE)
        add((st, None))
    elif slot == "official":
        add((gen.c(OFFICIAL), None))
    elif slot == "emerg":
        add((gen.c(EMERG), None))
    else:
        raise SystemExit("unknown slot {%s}" % slot)


# "{street}plein" in a frame would glue a suffix to a street name; use a plain
# square name there instead.
def fix_frame(f):
    return f.replace("{street}plein", "[[Marktplein|Kerkplein|Stationsplein|Dorpsplein]]")


def render(post):
    text_parts, ents, off = [], [], 0
    for t, kind in post.parts:
        b = len(t.encode("utf-8"))
        if kind is not None:
            ents.append({"kind": kind, "text": t, "start": off, "end": off + b})
        text_parts.append(t)
        off += b
    text = "".join(text_parts)
    # merge adjacent plain parts is implicit; check spans
    tb = text.encode("utf-8")
    for e in ents:
        assert tb[e["start"]:e["end"]].decode("utf-8") == e["text"]
    return text, ents


RUN_RE = re.compile(r"\d+(?:[ .\-]\d+)*")


def unannotated_ok(text, ents):
    """No digit run outside the spans may pass a checksum by accident."""
    tb = text.encode("utf-8")
    mask = bytearray(len(tb))
    for e in ents:
        for i in range(e["start"], e["end"]):
            mask[i] = 1
    plain = bytes(b if not mask[i] else 0x20 for i, b in enumerate(tb)).decode("utf-8", "replace")
    for m in RUN_RE.finditer(plain):
        d = re.sub(r"\D", "", m.group(0))
        if looks_checksummed(d):
            return False
        for part in re.split(r"[ .\-]", m.group(0)):
            if looks_checksummed(part):
                return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(REDACTION, "frames.jsonl"))
    args = ap.parse_args()
    rng = random.Random(SEED)
    gen = Gen(rng, load_names())
    pos_frames = [fix_frame(f) for f in POS_FRAMES]
    neg_frames = [fix_frame(f) for f in NEG_FRAMES]
    assert len(set(pos_frames)) == len(pos_frames) and len(set(neg_frames)) == len(neg_frames)
    n_neg = round(N_POSTS * NEG_SHARE)
    n_pos = N_POSTS - n_neg
    # Every frame is used about equally often: cycle through a shuffled order.
    plan = [("p", pos_frames[i % len(pos_frames)]) for i in range(n_pos)] + \
           [("n", neg_frames[i % len(neg_frames)]) for i in range(n_neg)]
    rng.shuffle(plan)
    seen = set()
    rows = []
    for kind, frame in plan:
        for attempt in range(200):
            text, ents = render(fill(gen, frame))
            if text in seen or not unannotated_ok(text, ents):
                continue
            if kind == "n":
                assert not ents, frame
            break
        else:
            raise SystemExit("could not fill frame: %s" % frame)
        seen.add(text)
        rows.append({"id": "f%04d" % (len(rows) + 1), "text": text, "entities": ents})
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = {k: 0 for k in KINDS}
    for row in rows:
        for e in row["entities"]:
            counts[e["kind"]] += 1
    neg = sum(1 for row in rows if not row["entities"])
    print("wrote %d posts (%d negatives) from %d positive and %d negative frames to %s"
          % (len(rows), neg, len(pos_frames), len(neg_frames), os.path.relpath(args.out)), file=sys.stderr)
    for k in KINDS:
        print("  %-15s %5d" % (k, counts[k]), file=sys.stderr)
    print("  %-15s %5d" % ("total", sum(counts.values())), file=sys.stderr)


if __name__ == "__main__":
    main()
