"""Plumbing shared by the scripts that write the reference values (tests/reference/make_*.py
and apps/cx-report/tests/reference/make_report*.py): running R, recording the versions of
the tools used, and printing the JSON file.

Scripts in this folder import it directly (`import reference_tools`, the script's folder
is on sys.path); the cx-report scripts put this folder on sys.path relative to their own
file first. Nothing here computes a statistic: the numbers come from R, scipy, statsmodels
and numpy in the scripts themselves.

Every file these scripts print starts with the same metadata block (the R scripts'
files, decisions_reference.json and run_length_reference.json, keep their own):

    {"generator": "<the script, relative to the repository root>",
     "tools": {"python": "3.11.2", "numpy": "1.24.2", ..., "R": "R version 4.2.2 ..."},
     ...the script's sections...}
"""
import importlib
import json
import os
import subprocess
import sys
import tempfile


def r_numbers(code):
    """Runs `code` with `Rscript -e` and returns the whitespace-separated numbers it prints
    (the scripts print with sprintf('%.17g', ...) so that every double round-trips).
    Raises subprocess.CalledProcessError when R fails, ValueError on a non-number."""
    out = subprocess.run(["Rscript", "-e", code], check=True, capture_output=True, text=True).stdout
    return [float(v) for v in out.split()]


def r_numbers_on_csv(header, rows, code):
    """Like r_numbers, with the rows first written to a temporary CSV file (header line,
    comma-separated values, str() of each) that R reads as `d`. For data too long for a
    command line. The file is removed afterwards, also when R fails."""
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write(",".join(header) + "\n")
        f.writelines(",".join(str(v) for v in row) + "\n" for row in rows)
        name = f.name
    try:
        return r_numbers(f"d <- read.csv('{name}', stringsAsFactors = FALSE); {code}")
    finally:
        os.unlink(name)


def r_qt(p, df):
    """Student t quantile from R's qt(p, df), 17 significant digits. R's rather than
    scipy's: scipy 1.10's t.ppf is accurate to only about 1e-11 (1e-9 at small fractional
    df). `p` and `df` are written with repr(), so pass float(df) for a fractional df."""
    return r_numbers(f"cat(sprintf('%.17g', qt({p!r}, {df!r})))")[0]


def r_qt_many(p, dfs):
    """R's qt(p, df) for each df of `dfs` (as floats) in one R run; [] for no df."""
    if not dfs:
        return []
    values = ", ".join(repr(float(df)) for df in dfs)
    return r_numbers(f"cat(sprintf('%.17g', qt({p!r}, c({values}))))")


def r_vec(values, *, integers):
    """An R vector literal c(...) of `values`. The caller says which kind it passes:
    integers=True writes each value as a whole number (str(int(v)): counts, ratings);
    integers=False writes each as a double with repr(float(v)), the shortest text that
    reads back to the same double."""
    if integers:
        return "c(" + ",".join(str(int(v)) for v in values) + ")"
    return "c(" + ",".join(repr(float(v)) for v in values) + ")"


def r_version():
    """R's version string, e.g. "R version 4.2.2 Patched (2022-11-10 r83330)"."""
    return subprocess.run(["Rscript", "-e", "cat(R.version.string)"], check=True,
                          capture_output=True, text=True).stdout


def tool_versions(*tools):
    """The "tools" block: Python's version, then each named tool in the order given. A
    name is a Python module (its __version__, e.g. "numpy", "scipy", "statsmodels") or
    "R" (r_version())."""
    versions = {"python": sys.version.split()[0]}
    for name in tools:
        versions[name] = r_version() if name == "R" else importlib.import_module(name).__version__
    return versions


def write_reference(generator, sections, *, tools):
    """Prints the reference file to standard output: {"generator": generator, "tools":
    tools, **sections} with indent=1 and a final newline. `generator` is the script's path
    relative to the repository root, `tools` a tool_versions(...) block, `sections` the
    values in the order they should appear. A NaN or infinity raises ValueError
    (allow_nan=False): JSON has no such number, so a script writes null where a value
    does not exist. The whole text is made before any of it is printed: a script that
    fails prints no truncated JSON."""
    overlap = {"generator", "tools"} & set(sections)
    if overlap:
        raise ValueError(f"write_reference: section names {sorted(overlap)} are the metadata keys")
    text = json.dumps({"generator": generator, "tools": tools, **sections}, indent=1, allow_nan=False)
    sys.stdout.write(text + "\n")
