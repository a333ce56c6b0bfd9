// A trained sequence- or token-classification (or regression) model applied to sequences: ours,
// or one trained with HuggingFace, optionally with a PEFT LoRA adapter folder on its base model.
#pragma once

#include "core/base/progress.h"
#include "core/training/training_labels.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace esm {

struct Prediction {
    // Sequence tasks: one row of probabilities (softmax; sigmoid per label for multi-label) or the
    // regression value. Token classification: one row per residue.
    std::vector<std::vector<float>> rows;
};

class TaskPredictor {
  public:
    // `adapter` empty for none. Error when the folder holds no task head.
    static std::unique_ptr<TaskPredictor> load(const std::filesystem::path& model,
                                               const std::filesystem::path& adapter, int threads = 0);
    // A trained model folder, or a PEFT adapter folder (no config.json of its own) on the base model
    // its adapter_config.json names.
    static std::unique_ptr<TaskPredictor> loadFolder(const std::filesystem::path& folder, int threads = 0);
    ~TaskPredictor();

    TrainingTask task() const;
    const std::vector<std::string>& labels() const;
    // Stops with esm::Cancelled between batches when `progress` is cancelled.
    std::vector<Prediction> predict(const std::vector<std::string>& sequences, int batchSize = 8,
                                    const Progress& progress = Progress::none()) const;

    struct Impl;

  private:
    explicit TaskPredictor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace esm
