// trainer_state.json as HuggingFace's Trainer writes it: where a run is (step, epoch), its logged
// history, and its best checkpoint. A checkpoint's file comes from wherever a user copied it from:
// read with bounds, and the best checkpoint taken only as the name of a checkpoint-N folder.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace esm {

// One entry of trainer_state.json's log_history, as it is logged.
struct TrainingLogEntry {
    std::int64_t step = 0;
    double epoch = 0;
    std::map<std::string, double> values; // loss, learning_rate | eval_loss, eval_accuracy, ...
};

struct TrainerState {
    std::int64_t globalStep = 0, maxSteps = 0;
    double epoch = 0;
    int numTrainEpochs = 0;
    std::vector<TrainingLogEntry> logHistory;
    std::optional<double> bestMetric;
    std::string bestModelCheckpoint; // as written: OUT/checkpoint-N
};

std::string trainerStateJson(const TrainerState& state);
// Throws Error naming `source` for anything that is not a trainer state.
TrainerState parseTrainerState(const std::string& json, const std::string& source);

// "checkpoint-N" when `path`'s last part is one (how a run names its checkpoints), else empty.
std::string checkpointNameOf(const std::string& path);

} // namespace esm
