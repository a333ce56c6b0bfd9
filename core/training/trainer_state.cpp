#include "core/training/trainer_state.h"

#include "core/base/error.h"
#include "core/base/json_text.h"

#include <nlohmann/json.hpp>

#include <regex>

namespace esm {
namespace {

using Json = nlohmann::json;

// A run logs every few steps: a million entries is far more than any run writes.
constexpr std::size_t kMostLogEntries = 1'000'000;

Json logEntryJson(const TrainingLogEntry& e) {
    Json j = Json::object();
    for (const auto& [key, value] : e.values)
        j[key] = value;
    j["epoch"] = e.epoch;
    j["step"] = e.step;
    return j;
}

} // namespace

std::string checkpointNameOf(const std::string& path) {
    static const std::regex name("checkpoint-[0-9]{1,18}");
    const std::size_t slash = path.find_last_of("/\\");
    const std::string last = slash == std::string::npos ? path : path.substr(slash + 1);
    return std::regex_match(last, name) ? last : std::string();
}

std::string trainerStateJson(const TrainerState& s) {
    Json history = Json::array();
    for (const TrainingLogEntry& e : s.logHistory)
        history.push_back(logEntryJson(e));
    Json j{{"epoch", s.epoch},
           {"global_step", s.globalStep},
           {"max_steps", s.maxSteps},
           {"num_train_epochs", s.numTrainEpochs},
           {"log_history", history},
           {"is_hyper_param_search", false},
           {"is_local_process_zero", true},
           {"is_world_process_zero", true},
           {"total_flos", 0},
           {"trial_name", nullptr},
           {"trial_params", nullptr}};
    j["best_metric"] = s.bestMetric ? Json(*s.bestMetric) : Json();
    j["best_model_checkpoint"] = s.bestModelCheckpoint.empty() ? Json() : Json(s.bestModelCheckpoint);
    return j.dump(2);
}

TrainerState parseTrainerState(const std::string& text, const std::string& source) {
    const Json j = parseJsonText(text, source);
    if (!j.is_object())
        throw Error(source + ": not a JSON object");
    try {
        TrainerState s;
        s.globalStep = j.at("global_step").get<std::int64_t>();
        s.maxSteps = j.value("max_steps", std::int64_t{0});
        s.epoch = j.value("epoch", 0.0);
        s.numTrainEpochs = j.value("num_train_epochs", 0);
        if (j.contains("best_metric") && j["best_metric"].is_number())
            s.bestMetric = j["best_metric"].get<double>();
        if (j.contains("best_model_checkpoint") && j["best_model_checkpoint"].is_string())
            s.bestModelCheckpoint = j["best_model_checkpoint"].get<std::string>();
        if (!s.bestModelCheckpoint.empty() && checkpointNameOf(s.bestModelCheckpoint).empty())
            throw Error("best_model_checkpoint is not a checkpoint-N folder");
        if (j.at("log_history").size() > kMostLogEntries)
            throw Error("log_history has more than " + std::to_string(kMostLogEntries) + " entries");
        for (const Json& e : j.at("log_history")) {
            TrainingLogEntry entry{e.at("step").get<std::int64_t>(), e.value("epoch", 0.0), {}};
            for (const auto& [key, value] : e.items())
                if (key != "step" && key != "epoch" && value.is_number())
                    entry.values[key] = value.get<double>();
            s.logHistory.push_back(std::move(entry));
        }
        if (s.globalStep < 0 || s.maxSteps < 0)
            throw Error("global_step or max_steps is negative");
        return s;
    } catch (const Error& e) {
        throw Error(source + ": not a trainer state (" + e.what() + ")");
    } catch (const Json::exception& e) {
        throw Error(source + ": not a trainer state (" + std::string(e.what()).substr(0, 200) + ")");
    }
}

} // namespace esm
