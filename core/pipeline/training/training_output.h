// What a training run writes: the trained model as a HuggingFace folder, PEFT's adapter folder
// layout, trainer_state.json in HF's layout, and checkpoint-N folders (model or adapter,
// optimizer moments, step) from which a run resumes. Folders appear whole or not at all.
#pragma once

#include "core/pipeline/fine_tuning.h"
#include "core/pipeline/training/trainable_model.h"

#include <filesystem>
#include <map>
#include <optional>

namespace esm {

// config.json, model.safetensors (HF's names, no tied decoder, no adapters) and the tokenizer
// files of `baseFolder` (vocab.txt written from the config when it has none).
void writeModelFiles(const std::filesystem::path& folder, const TrainableModel& trainable,
                     const std::filesystem::path& baseFolder);
// A finished run's OUT: the model files (full, head), or the adapter files and tokenizer (lora),
// with --merge the adapters merged into the model files as well.
void writeModelOutput(const TrainingSettings& settings, TrainableModel& trainable);
void writeTokenizerFiles(const std::filesystem::path& folder, const EsmConfig& config,
                         const std::filesystem::path& baseFolder);
// adapter_config.json and adapter_model.safetensors as PEFT writes them.
void writeAdapterFiles(const std::filesystem::path& folder, const TrainableModel& trainable,
                       const TrainingSettings& settings);

// Builds a folder under a temporary name beside `folder`, then renames it into place (replacing
// an earlier one); the temporary folder goes if `fill` throws.
void writeFolderAtomically(const std::filesystem::path& folder,
                           const std::function<void(const std::filesystem::path&)>& fill);

struct CheckpointContents {
    std::map<std::string, at::Tensor> weights; // the model's (or adapter's) tensors by module name
    std::map<std::string, at::Tensor> optimizer;
    TrainerState state;
};

void writeCheckpoint(const std::filesystem::path& folder, const TrainableModel& trainable,
                     const TrainingSettings& settings, const nn::AdamW& optimizer, const TrainerState& state);
// Error naming the checkpoint when a file is missing or unreadable.
CheckpointContents readCheckpoint(const std::filesystem::path& folder);
// Only its model's (or adapter's) tensors.
std::map<std::string, at::Tensor> readCheckpointWeights(const std::filesystem::path& folder);

} // namespace esm
