// The model a training run updates: the base model's encoder with the task's head (its own when
// the checkpoint has one for this task, else a new one initialised as HuggingFace's _init_weights
// does), LoRA adapters where asked, and which parameters train, with or without weight decay.
#pragma once

#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/esm/task_model.h"
#include "core/nn/train/adamw.h"
#include "core/pipeline/fine_tuning.h"

#include <functional>

namespace esm {

struct TrainableModel {
    std::shared_ptr<nn::EsmTaskModel> model;
    EsmConfig config; // as the result's config.json: architecture, labels, problem_type
    std::vector<nn::NamedParameter> trainable;
    bool newHead = false;
};

// The base checkpoint's own labels when it already has a head for `task` (empty otherwise).
std::map<int, std::string> trainedHeadLabels(const EsmConfig& base, TrainingTask task);

// `files` hold the base model's weights (config `base`); `labels` the label set chosen for the run.
TrainableModel buildTrainableModel(const TrainingSettings& settings, const EsmConfig& base,
                                   const CheckpointFiles& files, const LabelSet& labels,
                                   const std::function<void(const std::string&)>& note);

// HF Trainer's optimizer groups: weight decay on every trainable weight except biases and the
// parameters of LayerNorm modules.
std::vector<nn::AdamW::Group> decayGroups(const TrainableModel& trainable, double weightDecay);

// The names a trained model's file holds (no tied decoder; adapters only when `withAdapters`).
std::vector<nn::NamedParameter> savedTensors(const TrainableModel& trainable, bool withAdapters);

// PEFT's adapter file: every LoRA weight and the head, named base_model.model.<name> (the head
// without PEFT's modules_to_save wrapper, as PEFT saves it).
std::vector<nn::NamedParameter> adapterTensors(const TrainableModel& trainable);

} // namespace esm
