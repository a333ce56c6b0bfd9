// A PEFT LoRA adapter folder's own description: adapter_config.json (task, rank, alpha, target
// modules, base model) and the labels.json ESM Explorer writes beside it. Read from folders users
// download or are sent: bounded, and every refusal names the file.
#pragma once

#include "core/training/training_labels.h"

#include <filesystem>
#include <string>
#include <vector>

namespace esm {

struct AdapterConfig {
    TrainingTask task = TrainingTask::SequenceClassification; // SEQ_CLS or TOKEN_CLS
    int rank = 8;
    double alpha = 16;
    std::vector<std::string> targets;
    std::string baseModel; // base_model_name_or_path; empty when absent
};

AdapterConfig parseAdapterConfig(const std::string& json, const std::string& source);
// FOLDER/adapter_config.json; Error when the folder has none.
AdapterConfig readAdapterConfig(const std::filesystem::path& folder);

// labels.json: the label names in id order; empty when absent or not a list of names.
std::vector<std::string> parseAdapterLabels(const std::string& json, const std::string& source);
std::vector<std::string> readAdapterLabels(const std::filesystem::path& folder);

} // namespace esm
