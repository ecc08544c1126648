"""`make messages`: refresh the kk/ru/en catalogues from the code, then compile them.

Extraction needs GNU gettext (Debian's `gettext` package, installed here when missing);
compilation uses polib so the compiled catalogues are byte-for-byte what the tests expect.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "senim" / "locale"


def main() -> int:
    if shutil.which("xgettext") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "gettext"], check=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "senim.settings"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--no-obsolete",
            "--no-location",
            "--ignore=.venv/*",
            "--ignore=tests/*",
            "--ignore=bench/*",
            "-l",
            "kk",
            "-l",
            "ru",
            "-l",
            "en",
        ],
        cwd=ROOT / "senim",
        env=env,
        check=True,
    )
    normalise()
    compile_all()
    return 0


PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n!=1);",
    "en": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}


def normalise() -> None:
    """Headers that msgfmt-free compilation can trust; English is its own translation."""
    import polib

    for language, plural_forms in PLURAL_FORMS.items():
        path = LOCALE / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path), wrapwidth=100)
        catalogue.header = "Senim translation catalogue."
        catalogue.metadata.update(
            {
                "Project-Id-Version": "senim",
                "Language": language,
                "Plural-Forms": plural_forms,
                "Content-Type": "text/plain; charset=UTF-8",
            }
        )
        for key in ("POT-Creation-Date", "PO-Revision-Date", "Last-Translator", "Language-Team"):
            catalogue.metadata.pop(key, None)
        catalogue.metadata_is_fuzzy = False
        if language == "en":
            for entry in catalogue:
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                else:
                    entry.msgstr = entry.msgid
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        catalogue.save(str(path))


def compile_all() -> None:
    import polib

    for po_path in LOCALE.glob("*/LC_MESSAGES/django.po"):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:] == ["compile"]:
        normalise()
        compile_all()
    else:
        raise SystemExit(main())
