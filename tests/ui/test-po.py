#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that every translation in po/LINGUAS is complete for today's sources.

Extracts the messages of the files in po/POTFILES.in afresh (as the easel-pot target
does), merges each po/<lang>.po with them in a temporary folder, and fails when
msgfmt --check finds an error or when any message is untranslated or fuzzy. Also fails
when a UI source file calls gettext or a GtkBuilder file has translatable properties but
po/POTFILES.in does not list it, since its strings would then never be translated.

Usage: test-po.py SOURCE_ROOT   (prints TAP)
"""

import os
import re
import subprocess
import sys
import tempfile

# The same keywords and format flags as meson's i18n "glib" preset.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
]

# Where the UI's translatable files live, and how each kind marks its strings.
GETTEXT_CALL = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|g_dpgettext2|ngettext)\s*\(")
TRANSLATABLE = re.compile(r'translatable="(?:yes|true)"')
SCANNED = [("src/ui", ".c", GETTEXT_CALL), ("src/plot", ".c", GETTEXT_CALL),
           ("ui", ".ui", TRANSLATABLE)]

results = []


def check(ok, name, details=""):
    results.append((ok, name, details))


def listed_files(root):
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def unlisted_files(root, listed):
    missing = []
    for folder, suffix, pattern in SCANNED:
        for name in sorted(os.listdir(os.path.join(root, folder))):
            path = f"{folder}/{name}"
            if not name.endswith(suffix) or path in listed:
                continue
            with open(os.path.join(root, path), encoding="utf-8") as f:
                if pattern.search(f.read()):
                    missing.append(path)
    return missing


def statistics(text):
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", text):
        counts[kind] = int(number)
    return counts


def main():
    root = os.path.abspath(sys.argv[1])
    listed = listed_files(root)
    unlisted = unlisted_files(root, set(listed))
    check(not unlisted, "every file with translatable strings is in po/POTFILES.in",
          "not listed: " + ", ".join(unlisted))
    missing = [p for p in listed if not os.path.exists(os.path.join(root, p))]
    check(not missing, "every file in po/POTFILES.in exists", "missing: " + ", ".join(missing))

    with open(os.path.join(root, "po", "LINGUAS"), encoding="utf-8") as f:
        languages = [w for line in f if not line.startswith("#") for w in line.split()]
    check("ko" in languages, "Korean is in po/LINGUAS")

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "easel.pot")
        files = [p for p in listed if p not in missing]
        run = subprocess.run(["xgettext", "--package-name=easel", "-o", pot,
                              "--directory=" + root, *XGETTEXT_ARGS, *files],
                             capture_output=True, text=True)
        check(run.returncode == 0 and os.path.exists(pot), "xgettext extracts the messages",
              run.stderr)
        if not os.path.exists(pot):
            return
        for lang in languages:
            merged = os.path.join(tmp, lang + ".po")
            run = subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                                  os.path.join(root, "po", lang + ".po"), pot],
                                 capture_output=True, text=True)
            check(run.returncode == 0, f"po/{lang}.po merges with the sources", run.stderr)
            if run.returncode != 0:
                continue
            run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                                 capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
            counts = statistics(run.stderr)
            check(run.returncode == 0, f"msgfmt --check accepts po/{lang}.po", run.stderr)
            check(counts["translated"] > 0, f"po/{lang}.po translates messages", run.stderr)
            untranslated = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete",
                                           "--no-wrap", merged],
                                          capture_output=True, text=True).stdout
            msgids = re.findall(r'^msgid "(.+)"$', untranslated, re.M)
            check(counts["untranslated"] == 0, f"po/{lang}.po has no untranslated message",
                  f"{counts['untranslated']} untranslated: " + " | ".join(msgids[:20]))
            fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-obsolete", "--no-wrap",
                                    os.path.join(root, "po", lang + ".po")],
                                   capture_output=True, text=True).stdout
            msgids = re.findall(r'^msgid "(.+)"$', fuzzy, re.M)
            check(counts["fuzzy"] == 0 and not msgids, f"po/{lang}.po has no fuzzy message",
                  " | ".join(msgids[:20]))


if __name__ == "__main__":
    main()
    print(f"1..{len(results)}")
    for number, (ok, name, details) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {name}")
        if not ok and details:
            for line in details.strip().splitlines():
                print(f"# {line}")
    sys.exit(0 if all(ok for ok, _, _ in results) else 1)
