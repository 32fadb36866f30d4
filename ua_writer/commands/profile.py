"""``profile``: show or set the sender profile (who signs the letters)."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from ua_writer.core.errors import UserFacingError
from ua_writer.core.model import SenderProfile
from ua_writer.services import records

LIST_KEYS = {"address_lines", "languages"}


def register(sub) -> None:
    p = sub.add_parser("profile", help="show or set the sender profile")
    p.add_argument("--json", action="store_true")
    p.add_argument("--set", nargs="+", metavar="KEY=VALUE", default=[],
                   help="set fields; lists (address_lines, languages) take values separated by '|' "
                        "or ','; names.ru=... sets the name in another script")
    p.set_defaults(func=run_profile)


def apply_settings(profile: SenderProfile, assignments: list[str]) -> SenderProfile:
    known = {f.name for f in fields(SenderProfile)}
    data = asdict(profile)
    for item in assignments:
        if "=" not in item:
            raise UserFacingError(f"--set expects KEY=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        key = key.strip()
        if key.startswith("names."):
            lang = key.split(".", 1)[1]
            data["names"] = dict(data.get("names") or {})
            if value:
                data["names"][lang] = value
            else:
                data["names"].pop(lang, None)
            continue
        if key not in known:
            raise UserFacingError(f"unknown profile field {key!r}; known: {', '.join(sorted(known))}")
        if key == "address_lines":
            data[key] = [v.strip() for v in value.split("|") if v.strip()]
        elif key == "languages":
            data[key] = [v.strip() for v in value.replace("|", ",").split(",") if v.strip()]
        elif key == "gender":
            if value not in ("m", "f", ""):
                raise UserFacingError("gender must be m, f or empty")
            data[key] = value or None
        elif key == "country":
            if value and (len(value) != 2 or not value.isalpha()):
                raise UserFacingError("country must be an ISO 3166 alpha-2 code such as DE or GB")
            data[key] = value.upper()
        else:
            data[key] = value
    return SenderProfile(**data)


def run_profile(args, ctx) -> int:
    store = ctx.store()
    profile = store.profile()
    if args.set:
        profile = apply_settings(profile, args.set)
        records.save_profile(store, profile)
    if args.json:
        json.dump(asdict(profile), ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
    elif not args.set:
        if profile.is_empty():
            print("no sender profile yet; set one with: ua-writer profile --set name='Your Name' "
                  "address_lines='Street 1|12345 City' city=City country=DE", file=ctx.out)
        for k, v in asdict(profile).items():
            if isinstance(v, list):
                v = " | ".join(v)
            print(f"{k:14} {v if v not in (None, '') else '-'}", file=ctx.out)
    else:
        print("profile saved", file=ctx.out)
    return 0
