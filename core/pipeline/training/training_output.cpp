#include "core/pipeline/training/training_output.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/json_text.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/nn/loading/model_folder_writer.h"
#include "core/nn/loading/state_dict_loader.h"
#include "core/nn/modules/linear_layers.h"

#include <nlohmann/json.hpp>

#include <random>

namespace esm {
namespace {

using Json = nlohmann::json;

void writeTensors(const std::filesystem::path& path, const std::vector<nn::NamedParameter>& tensors) {
    std::vector<std::pair<std::string, at::Tensor>> named;
    for (const nn::NamedParameter& p : tensors)
        named.emplace_back(p.name, p.tensor);
    nn::writeTensorFile(path, named);
}

std::map<std::string, at::Tensor> readTensors(const std::filesystem::path& path) {
    const SafetensorsFile file = readSafetensors(path);
    std::map<std::string, at::Tensor> out;
    for (const TensorRecord& r : file.tensors)
        out[r.name] = nn::tensorFromRecord(r, nn::toScalarType(r.type), at::kCPU).clone();
    return out;
}

std::string hexSuffix() {
    std::random_device device;
    char text[17];
    std::snprintf(text, sizeof text, "%08x%08x", device(), device());
    return text;
}

// A hidden, uniquely named sibling of `folder`: ".NAME<tag><random>".
std::filesystem::path sibling(const std::filesystem::path& folder, const char* tag) {
    std::string name(1, '.');
    name.append(folder.filename().string()).append(tag).append(hexSuffix());
    return folder.parent_path() / name;
}

} // namespace

void writeFolderAtomically(const std::filesystem::path& folder,
                           const std::function<void(const std::filesystem::path&)>& fill) {
    const std::filesystem::path temporary = sibling(folder, ".tmp-");
    std::filesystem::create_directories(temporary);
    try {
        fill(temporary);
        std::error_code ignored;
        if (std::filesystem::exists(folder)) {
            const std::filesystem::path old = sibling(folder, ".old-");
            std::filesystem::rename(folder, old);
            std::filesystem::rename(temporary, folder);
            std::filesystem::remove_all(old, ignored);
        } else {
            std::filesystem::rename(temporary, folder);
        }
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove_all(temporary, ignored);
        throw;
    }
}

void writeTokenizerFiles(const std::filesystem::path& folder, const EsmConfig& config,
                         const std::filesystem::path& baseFolder) {
    bool vocabulary = false;
    for (const char* name : {"vocab.txt", "tokenizer_config.json", "special_tokens_map.json"})
        if (std::filesystem::is_regular_file(baseFolder / name)) {
            writeFileAtomically(folder / name, readRegularFile(baseFolder / name));
            vocabulary |= std::string(name) == "vocab.txt";
        }
    if (!vocabulary) {
        std::string text;
        for (const std::string& token : config.vocab_list)
            text += token + "\n";
        writeFileAtomically(folder / "vocab.txt", text);
    }
}

void writeModelFiles(const std::filesystem::path& folder, const TrainableModel& trainable,
                     const std::filesystem::path& baseFolder) {
    writeTensors(folder / "model.safetensors", savedTensors(trainable, false));
    writeFileAtomically(folder / "config.json", toConfigJson(trainable.config));
    writeTokenizerFiles(folder, trainable.config, baseFolder);
}

void writeModelOutput(const TrainingSettings& settings, TrainableModel& trainable) {
    if (settings.mode != TrainingMode::Lora)
        return writeModelFiles(settings.out, trainable, settings.model);
    writeAdapterFiles(settings.out, trainable, settings);
    writeTokenizerFiles(settings.out, trainable.config, settings.model);
    if (!settings.merge)
        return;
    nn::mergeLoraAdapters(*trainable.model);
    writeModelFiles(settings.out, trainable, settings.model);
}

void writeAdapterFiles(const std::filesystem::path& folder, const TrainableModel& trainable,
                       const TrainingSettings& settings) {
    writeTensors(folder / "adapter_model.safetensors", adapterTensors(trainable));
    const TrainingTask task = settings.task;
    Json config{{"peft_type", "LORA"},
                {"r", settings.loraRank},
                {"lora_alpha", settings.loraAlpha},
                {"lora_dropout", 0.0},
                {"target_modules", settings.loraTargets},
                {"bias", "none"},
                {"fan_in_fan_out", false},
                {"inference_mode", true},
                {"init_lora_weights", true},
                {"base_model_name_or_path", std::filesystem::absolute(settings.model).string()},
                {"modules_to_save",
                 task == TrainingTask::MaskedLM ? Json::array({"lm_head"}) : Json::array({"classifier"})}};
    config["task_type"] = task == TrainingTask::TokenClassification ? Json("TOKEN_CLS")
                          : task == TrainingTask::MaskedLM          ? Json()
                                                                    : Json("SEQ_CLS");
    writeFileAtomically(folder / "adapter_config.json", config.dump(2));
    // PEFT's files do not name the labels; esmx predict reads them from here.
    Json labels = Json::array();
    for (const auto& [id, name] : trainable.config.id2label)
        labels.push_back(name);
    writeFileAtomically(folder / "labels.json", labels.dump());
}

void writeCheckpoint(const std::filesystem::path& folder, const TrainableModel& trainable,
                     const TrainingSettings& settings, const nn::AdamW& optimizer,
                     const TrainerState& state) {
    writeFolderAtomically(folder, [&](const std::filesystem::path& dir) {
        if (settings.mode == TrainingMode::Lora) {
            writeAdapterFiles(dir, trainable, settings);
            writeFileAtomically(dir / "config.json", toConfigJson(trainable.config));
        } else {
            writeModelFiles(dir, trainable, settings.model);
        }
        std::vector<nn::NamedParameter> moments;
        for (const auto& [name, tensor] : optimizer.state())
            moments.push_back({name, tensor});
        writeTensors(dir / "optimizer.safetensors", moments);
        writeFileAtomically(dir / "trainer_state.json", trainerStateJson(state));
    });
}

std::map<std::string, at::Tensor> readCheckpointWeights(const std::filesystem::path& folder) {
    std::map<std::string, at::Tensor> weights;
    if (std::filesystem::is_regular_file(folder / "adapter_model.safetensors")) {
        const std::string prefix = "base_model.model.";
        for (auto& [name, tensor] : readTensors(folder / "adapter_model.safetensors"))
            weights[name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name] = tensor;
    } else if (std::filesystem::is_regular_file(folder / "model.safetensors")) {
        weights = readTensors(folder / "model.safetensors");
    } else {
        throw Error(folder.string() +
                    ": not a training checkpoint (no model.safetensors or adapter_model.safetensors)");
    }
    return weights;
}

CheckpointContents readCheckpoint(const std::filesystem::path& folder) {
    for (const char* name : {"trainer_state.json", "optimizer.safetensors"})
        if (!std::filesystem::is_regular_file(folder / name))
            throw Error(folder.string() + ": not a training checkpoint (no " + name + ")");
    CheckpointContents c;
    c.state = parseTrainerState(readRegularFile(folder / "trainer_state.json"),
                                (folder / "trainer_state.json").string());
    c.optimizer = readTensors(folder / "optimizer.safetensors");
    c.weights = readCheckpointWeights(folder);
    return c;
}

} // namespace esm
