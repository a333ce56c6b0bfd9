#!/usr/bin/env bash
# Regenerates reference.tsv from TMscore and TMalign (Debian package tm-align), run from tests/data.
# Paths starting with shared/ are ../shared/data/ beside the checkout (never copied here).
set -euo pipefail
S=../../../shared/data
P=shared/esmfold-predictions/esmfold_wilke_ESMFoldApp
resolve() { case "$1" in shared/*) echo "$S/${1#shared/}";; *) echo "$1";; esac; }
tmscore_pairs=("$P/test_ubiquitin.pdb structures/1ubq.pdb" "structures/1d3z.pdb structures/1ubq.pdb"
               "$P/test_ubiquitin.pdb structures/1d3z.pdb" "$P/test_400aa_chunk128.pdb $P/test_400aa_chunk256.pdb")
tmalign_pairs=("$P/test_ubiquitin.pdb structures/1ubq.pdb" "$P/P00698_LYSC_CHICK.pdb structures/1hel.pdb"
               "structures/1ubq.pdb structures/1hel.pdb" "$P/test_100aa.pdb structures/1ubq.pdb"
               "$P/P69905_HBA_HUMAN.pdb $P/P00441_SOD1_HUMAN.pdb" "structures/1a0q.pdb structures/1hel.pdb"
               "$P/test_200aa.pdb $P/test_100aa.pdb")
printf 'program\tmodel\treference\ttm_score\trmsd\tgdt_ts\taligned\n'
for pair in "${tmscore_pairs[@]}"; do
    set -- $pair
    out=$(TMscore "$(resolve $1)" "$(resolve $2)")
    tm=$(sed -n 's/^TM-score *= *\([0-9.]*\).*/\1/p' <<<"$out")
    rmsd=$(sed -n 's/^RMSD of  the common residues= *\([0-9.]*\).*/\1/p' <<<"$out")
    gdt=$(sed -n 's/^GDT-TS-score= *\([0-9.]*\).*/\1/p' <<<"$out")
    n=$(sed -n 's/^Number of residues in common= *\([0-9]*\).*/\1/p' <<<"$out")
    printf 'TMscore\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$tm" "$rmsd" "$gdt" "$n"
done
for pair in "${tmalign_pairs[@]}"; do
    set -- $pair
    out=$(TMalign "$(resolve $1)" "$(resolve $2)")
    tm=$(sed -n 's/^TM-score= *\([0-9.]*\) (if normalized by length of Chain_2.*/\1/p' <<<"$out")
    rmsd=$(sed -n 's/^Aligned length= *[0-9]*, RMSD= *\([0-9.]*\),.*/\1/p' <<<"$out")
    n=$(sed -n 's/^Aligned length= *\([0-9]*\),.*/\1/p' <<<"$out")
    printf 'TMalign\t%s\t%s\t%s\t%s\t-\t%s\n' "$1" "$2" "$tm" "$rmsd" "$n"
done
