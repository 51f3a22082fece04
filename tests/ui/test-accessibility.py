#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end check of Easel through the accessibility tree, as a screen reader sees it.

Usage: test-accessibility.py PATH-TO-easel

Starts the real executable three times: with no file, the welcome page must offer "Open a
File…"; with a sample CSV, the data grid must expose its rows and cells (values, row
numbers, and "missing" for a missing value); with ames_housing.csv, the Explore view must
open from its tab, its Insights section from the sections list, and an insight row must
read its finding and lead to its column. Exits 77 (skipped) only when pyatspi or the
accessibility bus is not there; run it under `dbus-run-session -- xvfb-run -a`.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
TIMEOUT = 20.0


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(SKIP)


try:
    import gi
    gi.require_version("Atspi", "2.0")
    import pyatspi
except (ImportError, ValueError) as error:
    skip(f"pyatspi is not available ({error})")


def a11y_bus_available():
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return False, "no display"
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False, "no D-Bus session"
    if shutil.which("dbus-send") is None:
        return True, ""
    try:
        result = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus",
             "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
            capture_output=True, timeout=10)
    except subprocess.TimeoutExpired:
        return False, "the accessibility bus does not answer"
    if result.returncode != 0:
        return False, "no accessibility bus: " + result.stderr.decode(errors="replace").strip()
    return True, ""


def find_dataset(name):
    candidates = []
    if os.environ.get("EASEL_SOURCE_DIR"):
        candidates.append(os.path.join(os.environ["EASEL_SOURCE_DIR"], "data", "samples"))
    if os.environ.get("EASEL_DATASETS_DIR"):
        candidates.append(os.environ["EASEL_DATASETS_DIR"])
    for folder in candidates:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


def walk(node, depth=0, max_depth=60):
    """Yields every accessible under node, depth first, skipping broken ones."""
    if node is None or depth > max_depth:
        return
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, max_depth)


def visible(node):
    # GTK 4.8 sets VISIBLE but never SHOWING
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def role(node):
    try:
        return node.getRole()
    except Exception:
        return None


def name(node):
    try:
        return node.name or ""
    except Exception:
        return ""


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        try:
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def poll(what, check, timeout=TIMEOUT):
    """Calls check() until it returns something true; fails after timeout seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except Exception as error:  # the tree changes under us while the app starts
            last_error = error
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}"
                         + (f" (last error: {last_error})" if last_error else ""))


class App:
    def __init__(self, exe, args, home):
        env = dict(os.environ)
        env.pop("NO_AT_BRIDGE", None)
        env["GTK_A11Y"] = "atspi"
        env["XDG_DATA_HOME"] = os.path.join(home, "data")
        env["XDG_CONFIG_HOME"] = os.path.join(home, "config")
        env["XDG_CACHE_HOME"] = os.path.join(home, "cache")
        env["GSETTINGS_BACKEND"] = "memory"
        self.process = subprocess.Popen([exe] + args, env=env)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def frame(self):
        def check():
            if self.process.poll() is not None:
                raise SystemExit(f"easel exited early with status {self.process.returncode}")
            app = find_app(self.process.pid)
            if app is None:
                return None
            for node in walk(app, max_depth=2):
                if role(node) == pyatspi.ROLE_FRAME:
                    return node
            return None
        return poll("the Easel window on the accessibility bus", check)


def check_welcome(exe, home):
    with App(exe, [], home) as app:
        frame = app.frame()
        assert name(frame) == "Easel", f"window title is {name(frame)!r}"

        def open_button():
            for node in walk(frame):
                if (role(node) == pyatspi.ROLE_PUSH_BUTTON and visible(node)
                        and name(node).lower() == "open a file…"):
                    return node
            return None
        button = poll("the “Open a File…” button", open_button)
        actions = button.queryAction()
        assert actions.nActions > 0, "the button has no action"

        def sample_cards():
            return [node for node in walk(frame)
                    if role(node) == pyatspi.ROLE_PUSH_BUTTON and name(node) == "Iris Flowers"]
        cards = poll("the Iris sample card", sample_cards)
        print(f"ok - welcome page: {name(button)!r} button and {len(cards)} iris card")


def check_grid(exe, home, dataset):
    with App(exe, [dataset], home) as app:
        frame = app.frame()
        poll("the window title to name the file",
             lambda: name(frame) == os.path.basename(dataset))

        def grid():
            for node in walk(frame):
                if role(node) in (pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TABLE) \
                        and name(node) == "Rows" and visible(node):
                    return node
            return None
        table = poll("the data grid", grid)

        def rows():
            found = [node for node in walk(table, max_depth=4)
                     if role(node) == pyatspi.ROLE_TABLE_ROW]
            return found if len(found) > 5 else None
        table_rows = poll("rows in the grid", rows)

        def cell_texts(row):
            texts = []
            for cell in walk(row, max_depth=1):
                if role(cell) == pyatspi.ROLE_TABLE_CELL:
                    texts.append(" ".join(name(n) for n in walk(cell, max_depth=2) if name(n)
                                          and role(n) == pyatspi.ROLE_LABEL))
            return texts

        by_number = {}
        for row in table_rows:
            texts = cell_texts(row)
            if texts and texts[0].isdigit():
                by_number[int(texts[0])] = texts
        assert 1 in by_number, f"no row 1 among {sorted(by_number)[:10]}"
        # penguins.csv, row 1: Adelie, Torgersen, 39.1, 18.7, 181, 3750, male, 2007
        first = by_number[1]
        assert first[1:5] == ["Adelie", "Torgersen", "39.1", "18.7"], first
        # row 4 has no measurements: the cells read "missing", not an empty string
        assert 4 in by_number, f"no row 4 among {sorted(by_number)[:10]}"
        assert by_number[4][3] == "missing", by_number[4]
        print(f"ok - data grid: {len(by_number)} rows exposed, row 1 = {first[:5]}")


def check_explore(exe, home, dataset):
    with App(exe, [dataset], home) as app:
        frame = app.frame()
        poll("the window title to name the file",
             lambda: name(frame) == os.path.basename(dataset))

        # The view switcher's tab, as a screen reader user would press it
        def explore_tab():
            for node in walk(frame):
                if role(node) == pyatspi.ROLE_PAGE_TAB and name(node) == "Explore" \
                        and visible(node):
                    return node
            return None
        tab = poll("the Explore tab", explore_tab)
        actions = tab.queryAction()
        assert actions.nActions > 0, "the Explore tab has no action"
        actions.doAction(0)

        def sections():
            for node in walk(frame):
                if role(node) == pyatspi.ROLE_LIST and name(node) == "Explore sections" \
                        and visible(node):
                    return node
            return None
        section_list = poll("the list of Explore sections", sections)
        names = [name(section_list.getChildAtIndex(i)) for i in range(section_list.childCount)]
        assert names == ["Columns", "Correlations", "Chart Builder", "Insights"], names
        selection = section_list.querySelection()
        assert selection.selectChild(names.index("Insights")), "cannot select Insights"

        # ames_housing: Lot_Area is strongly skewed (pandas: ames.Lot_Area.skew() = 12.82)
        def insight_row():
            for node in walk(frame):
                if role(node) == pyatspi.ROLE_LIST_ITEM \
                        and name(node) == "Skewed Distribution: Lot_Area":
                    return node
            return None
        row = poll("the insight about Lot_Area", insight_row, timeout=60)
        description = row.description or ""
        assert "“Lot_Area” is strongly skewed (skewness 12.8)" in description, description
        print(f"ok - insight row: {name(row)!r}: {description!r}")

        # Its button shows the column in the Columns section
        buttons = [node for node in walk(row, max_depth=6)
                   if role(node) == pyatspi.ROLE_PUSH_BUTTON
                   and name(node).startswith("Show the column “Lot_Area”")]
        assert buttons, "the insight row has no button to show its column"
        buttons[0].queryAction().doAction(0)
        poll("the Columns section to be selected",
             lambda: selection.isChildSelected(names.index("Columns")))
        print("ok - the insight row leads to its column")


def check_project_sidebar(exe, home, dataset):
    """A table opened from a file is kept in the default project: the project sidebar lists
    it as a row a screen reader finds by the dataset's name, with its size as description."""
    label = os.path.splitext(os.path.basename(dataset))[0]
    with App(exe, [dataset], home) as app:
        frame = app.frame()
        poll("the window title to name the file",
             lambda: name(frame) == os.path.basename(dataset))

        def dataset_row():
            for node in walk(frame):
                if role(node) == pyatspi.ROLE_LIST_ITEM and name(node) == label:
                    return node
            return None
        row = poll(f"the project sidebar row “{label}”", dataset_row)
        description = row.description or ""
        assert "rows" in description, f"the row's description is {description!r}"

        def sidebar_list():
            for node in walk(frame):
                if role(node) == pyatspi.ROLE_LIST and name(node) == "Project contents":
                    return node
            return None
        poll("the project sidebar's list", sidebar_list)
        print(f"ok - project sidebar: row {name(row)!r} ({description})")


def check_build(exe, home, dataset):
    """The Build tab trains a model when its "Train" button is pressed by its label, and
    the accuracy tile reads the accuracy easel-cli train measures with the same settings
    (logistic regression, 20% held out, seed 0)."""
    with App(exe, [dataset], home) as app:
        frame = app.frame()
        poll("the window title to name the file",
             lambda: name(frame) == os.path.basename(dataset))

        def build_tab():
            for node in walk(frame):
                if role(node) == pyatspi.ROLE_PAGE_TAB and name(node) == "Build" \
                        and visible(node):
                    return node
            return None
        tab = poll("the Build tab", build_tab)
        tab.queryAction().doAction(0)

        def train_button():
            for node in walk(frame):
                if role(node) == pyatspi.ROLE_PUSH_BUTTON and name(node) == "Train" \
                        and visible(node):
                    return node
            return None
        button = poll("the Train button", train_button)
        button.queryAction().doAction(0)

        def accuracy_tile():
            for node in walk(frame):
                if name(node).startswith("Accuracy: ") and visible(node):
                    return node
            return None
        tile = poll("the accuracy tile", accuracy_tile, timeout=60)
        shown = name(tile)[len("Accuracy: "):]
        accuracy = float(shown.replace(",", "."))

    build_dir = os.environ.get("EASEL_BUILD_DIR") or os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(exe))))
    cli = os.path.join(build_dir, "src", "cli", "easel-cli")
    if os.access(cli, os.X_OK):
        target = "species"
        result = subprocess.run([cli, "train", dataset, "--target", target, "--algorithm",
                                 "logistic", "--test-fraction", "0.2", "--seed", "0", "--json"],
                                capture_output=True, timeout=120, check=True)
        expected = json.loads(result.stdout)["metrics"]["accuracy"]
        assert abs(accuracy - expected) <= 5e-4 * max(1.0, abs(expected)), \
            f"the tile reads {shown}, easel-cli train measures {expected}"
        print(f"ok - Build: Train pressed by its label; accuracy tile {shown!r} "
              f"= easel-cli {expected:.6f}")
    else:
        assert 0.0 <= accuracy <= 1.0, shown
        print(f"ok - Build: Train pressed by its label; accuracy tile {shown!r}")


def check_prepare(exe, home, dataset):
    """Prepare, as a screen reader user works it: the "Add Step" button by its label, a step
    found by searching the catalogue, and the preview read cell by cell: penguins.csv row 4
    has no measurements, so "Remove rows with missing values" removes it and keeps row 1."""
    with App(exe, [dataset], home) as app:
        frame = app.frame()
        poll("the window title to name the file",
             lambda: name(frame) == os.path.basename(dataset))

        def prepare_tab():
            for node in walk(frame):
                if role(node) == pyatspi.ROLE_PAGE_TAB and name(node) == "Prepare" \
                        and visible(node):
                    return node
            return None
        poll("the Prepare tab", prepare_tab).queryAction().doAction(0)

        # a menu button: its label is on it, the action on the toggle button inside it
        def add_button():
            for node in walk(frame):
                if role(node) in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON) \
                        and name(node) == "Add Step" and visible(node):
                    for pressable in walk(node, max_depth=2):
                        try:
                            if pressable.queryAction().nActions > 0:
                                return pressable
                        except NotImplementedError:
                            continue
            return None
        poll("the “Add Step” button", add_button).queryAction().doAction(0)

        def search_entry():
            for node in walk(frame):
                if name(node) == "Search steps" and visible(node) \
                        and role(node) in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT):
                    return node
            return None
        entry = poll("the catalogue's search entry", search_entry)
        entry.queryEditableText().setTextContents("remove rows with missing")

        def catalogue_button():
            for node in walk(frame):
                if role(node) == pyatspi.ROLE_LIST and name(node) == "Steps to add":
                    for button in walk(node, max_depth=3):
                        if role(button) == pyatspi.ROLE_PUSH_BUTTON \
                                and name(button) == "Remove rows with missing values":
                            return button
            return None
        poll("the step in the catalogue", catalogue_button).queryAction().doAction(0)

        def step_row():
            for node in walk(frame):
                if role(node) == pyatspi.ROLE_LIST and name(node) == "Recipe steps":
                    for child in walk(node, max_depth=1):
                        if role(child) == pyatspi.ROLE_LIST_ITEM \
                                and name(child).startswith("1. Remove rows with missing values"):
                            return child
            return None
        row = poll("the new step in the recipe", step_row)

        def preview_rows():
            for node in walk(frame):
                if role(node) in (pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TABLE) \
                        and name(node) == "Preview" and visible(node):
                    found = {}
                    for table_row in walk(node, max_depth=4):
                        if role(table_row) != pyatspi.ROLE_TABLE_ROW:
                            continue
                        texts = []
                        for cell in walk(table_row, max_depth=1):
                            if role(cell) == pyatspi.ROLE_TABLE_CELL:
                                texts.append(" ".join(name(n) for n in walk(cell, max_depth=2)
                                                      if name(n) and role(n) == pyatspi.ROLE_LABEL))
                        if texts and texts[0].isdigit():
                            found[int(texts[0])] = texts
                    return found if 1 in found and 4 in found else None
            return None
        rows = poll("the preview's rows", preview_rows, timeout=30)
        assert rows[1][1:4] == ["Adelie", "Torgersen", "39.1"], rows[1]
        assert all("row removed" in text for text in rows[4][1:]), rows[4]
        description = row.description or ""
        assert description == "Removed 11 of 344 rows.", description
        print(f"ok - prepare: step {name(row)!r} ({description}); preview row 4 = {rows[4][:3]}")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    exe = sys.argv[1]
    available, reason = a11y_bus_available()
    if not available:
        skip(reason)
    dataset = find_dataset("penguins.csv")
    if dataset is None:
        skip("penguins.csv is in neither data/samples nor $EASEL_DATASETS_DIR")

    ames = find_dataset("ames_housing.csv")
    if ames is None:
        skip("ames_housing.csv is in neither data/samples nor $EASEL_DATASETS_DIR")

    home = tempfile.mkdtemp(prefix="easel-a11y-")
    try:
        check_welcome(exe, home)
        check_grid(exe, home, dataset)
        check_explore(exe, home, ames)
        check_project_sidebar(exe, home, dataset)
        check_prepare(exe, home, dataset)
        iris = find_dataset("iris.csv")
        if iris is not None:
            check_build(exe, home, iris)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
