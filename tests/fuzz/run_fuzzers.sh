#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each on seed corpora made from the test data, and prints per
# target its runs, executions per second and coverage (libFuzzer's cov: edges, ft: features).
# Fails on the first crash, leak or sanitizer report (the input is kept as crash-* in OUT).
# usage: run_fuzzers.sh FUZZ_BUILD_DIR SECONDS [OUT] [TARGET...]
set -euo pipefail
build=$1 seconds=$2 out=${3:-$(mktemp -d)}
shift $(( $# >= 3 ? 3 : $# ))
data=$(cd "$(dirname "$0")/../data" && pwd)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(fuzz_fasta fuzz_pdb fuzz_mmcif fuzz_gzip fuzz_safetensors fuzz_torch_archive
                                       fuzz_config fuzz_hub_listing fuzz_pae fuzz_session fuzz_training_table
                                       fuzz_training_labels fuzz_adapter_config fuzz_trainer_state)
seed() { # TARGET FILE...
    mkdir -p "$out/corpus/$1"
    shift_target=$1; shift
    for f in "$@"; do [[ -f "$f" ]] && cp "$f" "$out/corpus/$shift_target/$(basename "$(dirname "$f")")-$(basename "$f")"; done
    true
}
seed fuzz_fasta "$data"/tokenizer/*.txt
printf '>sp|P0CG48|UBC ubiquitin\nMQIFVKTLTGKTITLEVEPSDTIENVKAKIQDKEGIPPDQQRLIFAGKQLEDGRTLSDYNIQKESTLHLVLRLRGG\n>two\nMKT:GGS\n' > "$out/corpus/fuzz_fasta/seed.fasta"
seed fuzz_pdb "$data"/structures/*.pdb
mkdir -p "$out/corpus/fuzz_mmcif" && for f in "$data"/structures/*.cif.gz; do gzip -dc "$f" > "$out/corpus/fuzz_mmcif/$(basename "$f" .gz)"; done
seed fuzz_gzip "$data"/structures/*.gz
seed fuzz_safetensors "$data"/esm2_tiny/model.safetensors "$data"/esm1b_tiny/model.safetensors
seed fuzz_torch_archive "$data"/esmfold_tiny_bin/*.bin
seed fuzz_config "$data"/*/config.json
seed fuzz_training_table "$data"/train/*.csv "$data"/train/*.tsv
mkdir -p "$out/corpus/fuzz_hub_listing"
printf '{"id":"facebook/esm2_t6_8M_UR50D","sha":"%s","siblings":[{"rfilename":"config.json","blobId":"%s","size":724},{"rfilename":"model.safetensors","blobId":"%s","size":31000000,"lfs":{"sha256":"%s","size":31000000}}]}' \
    "$(printf 'a%.0s' {1..40})" "$(printf 'b%.0s' {1..40})" "$(printf 'c%.0s' {1..40})" "$(printf 'd%.0s' {1..64})" \
    > "$out/corpus/fuzz_hub_listing/listing.json"
mkdir -p "$out/corpus/fuzz_pae"
printf '[{"predicted_aligned_error": [[0.25, 3.5], [7, 1]], "max_predicted_aligned_error": 31.75}]' > "$out/corpus/fuzz_pae/afdb.json"
printf '[{"residue1": [1, 1, 2, 2], "residue2": [1, 2, 1, 2], "distance": [0.2, 3, 7, 1]}]' > "$out/corpus/fuzz_pae/afdb_v1.json"
printf '{"plddt": [90, 80], "pae": [[0.2, 3], [7, 1]], "max_pae": 30}' > "$out/corpus/fuzz_pae/colabfold.json"
seed fuzz_session "$data"/sessions/*.esmx
# Training inputs: label lists over the training tables, and the folders a run writes and resumes from.
mkdir -p "$out/corpus/fuzz_training_labels"
for f in "$data"/train/*.csv; do { echo 'membrane,soluble,A,B'; cat "$f"; } > "$out/corpus/fuzz_training_labels/$(basename "$f")"; done
mkdir -p "$out/corpus/fuzz_adapter_config" "$out/corpus/fuzz_trainer_state"
printf '{"peft_type":"LORA","task_type":"TOKEN_CLS","r":8,"lora_alpha":16,"lora_dropout":0.0,"bias":"none","target_modules":["query","key","value","dense"],"modules_to_save":["classifier"],"base_model_name_or_path":"facebook/esm2_t6_8M_UR50D"}' \
    > "$out/corpus/fuzz_adapter_config/adapter_config.json"
printf '["membrane","soluble"]' > "$out/corpus/fuzz_adapter_config/labels.json"
printf '{"epoch":2.0,"global_step":8,"max_steps":8,"num_train_epochs":2,"log_history":[{"loss":0.69,"learning_rate":5e-05,"epoch":1.0,"step":4},{"eval_loss":0.6,"eval_accuracy":0.75,"epoch":2.0,"step":8}],"best_metric":0.75,"best_model_checkpoint":"out/checkpoint-8"}' \
    > "$out/corpus/fuzz_trainer_state/trainer_state.json"
# Cases from issue 30: nesting past the bound, and values of the wrong kind.
printf '{"peft_type":"LORA","task_type":"SEQ_CLS","r":8,"lora_alpha":16,"target_modules":%s1%s}' \
    "$(printf '[%.0s' {1..70})" "$(printf ']%.0s' {1..70})" > "$out/corpus/fuzz_adapter_config/deep.json"
printf '{"global_step":3,"log_history":[{"step":1,"loss":0.5}],"best_model_checkpoint":"/etc/checkpoint-1"}' \
    > "$out/corpus/fuzz_trainer_state/outside.json"
printf '{"vocab_size":33,"pad_token_id":1,"is_folding_model":true,"esmfold_config":{"trunk":{"sequence_head_width":0}}}' \
    > "$out/corpus/fuzz_config/head_width_0.json"
printf '[{"predicted_aligned_error": [[], [], [], []]}]' > "$out/corpus/fuzz_pae/empty_rows.json"

printf '| target | seconds | runs | exec/s | cov | ft | corpus |\n|---|---|---|---|---|---|---|\n'
for target in "${targets[@]}"; do
    log="$out/$target.log"
    mkdir -p "$out/corpus/$target"
    if ! "$build/bin/$target" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 \
         -artifact_prefix="$out/$target-" "$out/corpus/$target" > "$log" 2>&1; then
        echo "run_fuzzers: $target failed; see $log" >&2
        tail -40 "$log" >&2
        exit 1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo ?)
    ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo ?)
    corpus=$(grep -o 'corp: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo ?)
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$target" "$seconds" "$runs" "$(( runs / seconds ))" "$cov" "$ft" "$corpus"
done
