#!/usr/bin/env python3
"""Regenerates the DSSP references here with mkdssp 4.2.2 (Debian package dssp); run from tests/data/dssp
after a build (it uses build/release/bin/esmx).

Each NAME.tsv holds chain, residue number, insertion code ('-' for none) and the DSSP letter ('-' for
none) of every residue mkdssp reports. ESMFold predictions are read in place from ../shared (never
copied here). mkdssp reads mmCIF as it is (the file itself tells it that MSE is a polymer residue;
without the CCD it would not know that from PDB). PDB input, and mmCIF in which mkdssp finds no
residues (6WQA), is first written as PDB by esmx convert, so that mkdssp sees the atoms ESM
Explorer reads (one alternate location per atom, the most occupied: mkdssp itself drops the
microheterogeneous residues 22 and 25 of 1ejg), then reduced to a fixed HEADER, the CRYST1 (or a
unit cell) and the ATOM records: mkdssp refuses PDB files without HEADER and CRYST1, and 1hpv's
ligand and waters, which have no chain id.
"""
import gzip
import pathlib
import subprocess
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
STRUCTURES = HERE.parent / "structures"
PREDICTIONS = HERE.parents[3] / "shared" / "data" / "esmfold-predictions" / "esmfold_wilke_ESMFoldApp"
ESMX = HERE.parents[2] / "build" / "release" / "bin" / "esmx"
HEADER = "HEADER    DSSP REFERENCE\n"
UNIT_CELL = "CRYST1    1.000    1.000    1.000  90.00  90.00  90.00 P 1           1\n"


def mkdssp_rows(name: str, text: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / name
        source.write_text(text)
        out = pathlib.Path(tmp) / "out.dssp"
        if subprocess.run(["mkdssp", "--output-format", "dssp", str(source), str(out)]).returncode != 0:
            return []
        lines = out.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  #  RESIDUE"))
    rows = []
    for line in lines[start + 1:]:
        if line[13] == "!":  # chain break
            continue
        icode, ss = line[10], line[16]
        rows.append(f"{line[11]}\t{line[5:10].strip()}\t{icode if icode != ' ' else '-'}\t{ss if ss != ' ' else '-'}")
    return rows


def read_text(path: pathlib.Path) -> str:
    return gzip.open(path, "rt").read() if path.suffix == ".gz" else path.read_text()


def coordinates_only(text: str) -> str:
    lines = text.splitlines(keepends=True)
    cell = next((line for line in lines if line.startswith("CRYST1")), UNIT_CELL)
    kept = [line for line in lines if line.startswith(("ATOM", "TER", "MODEL", "ENDMDL"))]
    return HEADER + cell + "".join(kept) + "END\n"


def as_pdb(path: pathlib.Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        converted = pathlib.Path(tmp) / "converted.pdb"
        subprocess.run([str(ESMX), "convert", str(path), str(converted)], check=True)
        return converted.read_text()


def dssp_rows(path: pathlib.Path) -> list[str]:
    rows = mkdssp_rows("input.cif", read_text(path)) if ".cif" in path.suffixes else []
    if not rows:
        rows = mkdssp_rows("input.pdb", coordinates_only(as_pdb(path)))
    if not rows:
        raise SystemExit(f"mkdssp reads no residues from {path}")
    return rows


def main() -> None:
    inputs = [(path.name.split(".")[0], path) for path in sorted(STRUCTURES.iterdir())]
    inputs += [(f"esmfold_{name}", PREDICTIONS / f"{name}.pdb") for name in ["P00441_SOD1_HUMAN", "test_200aa", "test_50aa"]]
    for stem, path in inputs:
        (HERE / f"{stem}.tsv").write_text("\n".join(dssp_rows(path)) + "\n")


if __name__ == "__main__":
    main()
