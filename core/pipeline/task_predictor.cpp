#include "core/pipeline/task_predictor.h"

#include "core/base/atomic_file.h"
#include "core/base/error.h"
#include "core/base/json_text.h"
#include "core/hub/hf_cache.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/checkpoint/tokenizer.h"
#include "core/nn/esm/load_task_model.h"
#include "core/nn/modules/linear_layers.h"
#include "core/nn/runtime/torch_errors.h"
#include "core/pipeline/model_loading.h"
#include "core/pipeline/token_batches.h"
#include "core/pipeline/training/trainable_model.h"
#include "core/training/adapter_config.h"

#include <nlohmann/json.hpp>

namespace esm {
namespace {

using Json = nlohmann::json;

// PEFT's names without its wrappers: base_model.model. prefix, modules_to_save., .default.
std::string moduleNameOf(std::string name) {
    const std::string prefix = "base_model.model.";
    if (name.rfind(prefix, 0) == 0)
        name = name.substr(prefix.size());
    for (const std::string wrapper : {"modules_to_save.", "default."})
        for (std::size_t at; (at = name.find(wrapper)) != std::string::npos;)
            name.erase(at, wrapper.size());
    return name;
}

} // namespace

struct TaskPredictor::Impl {
    TrainingTask task;
    LabelSet labels;
    std::unique_ptr<EsmTokenizer> tokenizer;
    std::shared_ptr<nn::EsmTaskModel> model;
    int threads = 0;
};

TaskPredictor::TaskPredictor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TaskPredictor::~TaskPredictor() = default;

TrainingTask TaskPredictor::task() const {
    return impl_->task;
}
const std::vector<std::string>& TaskPredictor::labels() const {
    return impl_->labels.names;
}

std::unique_ptr<TaskPredictor> TaskPredictor::load(const std::filesystem::path& model,
                                                   const std::filesystem::path& adapter, int threads) {
    return nn::translatingTorchErrors(model.string(), [&] {
        auto impl = std::make_unique<Impl>();
        impl->threads = threads;
        RuntimeOptions runtime;
        OpenedModelFolder opened = openModelFolder(model, runtime, Progress::none(), [&](const EsmConfig&) {
            impl->tokenizer = std::make_unique<EsmTokenizer>(EsmTokenizer::fromFile(model / "vocab.txt"));
        });
        const EsmConfig& config = opened.config;
        const std::string architecture = config.architectures.empty() ? "" : config.architectures.front();
        if (adapter.empty()) {
            const auto task = taskOfModel(architecture, config.problem_type.value_or(""), config.num_labels);
            if (!task || *task == TrainingTask::MaskedLM)
                throw Error(model.string() + ": a " + (architecture.empty() ? "model" : architecture) +
                            " has no classification or regression head to predict with");
            impl->task = *task;
            for (int i = 0; i < config.num_labels; ++i)
                impl->labels.names.push_back(config.id2label.count(i) ? config.id2label.at(i)
                                                                      : "LABEL_" + std::to_string(i));
            impl->model = nn::loadEsmTaskModel(config, opened.files, {}, Progress::none());
            return std::unique_ptr<TaskPredictor>(new TaskPredictor(std::move(impl)));
        }
        const AdapterConfig peft = readAdapterConfig(adapter);
        std::filesystem::path weights = adapter / "adapter_model.safetensors";
        if (!std::filesystem::is_regular_file(weights))
            weights = adapter / "adapter_model.bin";
        const CheckpointFiles adapterFiles = CheckpointFiles::openFile(weights);
        // The head's size comes from the adapter's own head weights.
        std::int64_t classes = 0;
        for (const std::string& name : adapterFiles.names()) {
            const std::string module = moduleNameOf(name);
            if (module == "classifier.out_proj.weight" || module == "classifier.weight")
                classes = adapterFiles.find(name)->shape.front();
        }
        if (classes <= 0)
            throw Error(weights.string() +
                        ": no classifier weights (PEFT saves the head as modules_to_save)");
        TrainingSettings settings;
        settings.model = model;
        settings.task = peft.task;
        settings.mode = TrainingMode::Lora;
        settings.loraRank = peft.rank;
        settings.loraAlpha = peft.alpha;
        settings.loraTargets = peft.targets;
        LabelSet labels;
        labels.names = readAdapterLabels(adapter);
        if (std::int64_t(labels.names.size()) != classes) {
            labels.names.clear();
            for (std::int64_t i = 0; i < classes; ++i)
                labels.names.push_back("LABEL_" + std::to_string(i));
        }
        if (classes == 1 && peft.task == TrainingTask::SequenceClassification)
            settings.task = TrainingTask::SequenceRegression;
        TrainableModel t = buildTrainableModel(settings, config, opened.files, labels, {});
        at::NoGradGuard noGrad;
        std::map<std::string, at::Tensor> parameters;
        for (auto& p : t.model->named_parameters())
            parameters[p.key()] = p.value();
        for (const std::string& name : adapterFiles.names()) {
            const std::string module = moduleNameOf(name);
            const auto it = parameters.find(module);
            const TensorRecord* record = adapterFiles.find(name);
            if (it == parameters.end())
                throw Error(weights.string() + ": '" + name + "' names no parameter of the model");
            if (std::vector<std::int64_t>(it->second.sizes().begin(), it->second.sizes().end()) !=
                record->shape)
                throw Error(weights.string() + ": '" + name + "' has the wrong shape");
            it->second.copy_(nn::tensorFromRecord(*record, at::kFloat, at::kCPU));
        }
        nn::mergeLoraAdapters(*t.model);
        for (auto& p : t.model->parameters())
            p.requires_grad_(false);
        t.model->eval();
        impl->task = settings.task;
        impl->labels = labels;
        impl->model = t.model;
        return std::unique_ptr<TaskPredictor>(new TaskPredictor(std::move(impl)));
    });
}

std::unique_ptr<TaskPredictor> TaskPredictor::loadFolder(const std::filesystem::path& folder, int threads) {
    if (std::filesystem::exists(folder / "config.json") ||
        !std::filesystem::exists(folder / "adapter_config.json"))
        return load(folder, {}, threads);
    const AdapterConfig adapter = readAdapterConfig(folder);
    if (adapter.baseModel.empty())
        throw Error((folder / "adapter_config.json").string() + ": no base_model_name_or_path");
    std::filesystem::path base = adapter.baseModel;
    if (!std::filesystem::is_directory(base) && isRepoId(base.string()))
        if (const auto cached = cachedSnapshot(huggingFaceCacheRoot(), base.string()))
            base = *cached;
    return load(base, folder, threads);
}

std::vector<Prediction> TaskPredictor::predict(const std::vector<std::string>& sequences, int batchSize,
                                               const Progress& progress) const {
    return nn::translatingTorchErrors("predict", [&] {
        at::NoGradGuard noGrad;
        nn::useAllCores(impl_->threads);
        std::vector<Prediction> out;
        for (std::size_t start = 0; start < sequences.size(); start += std::size_t(batchSize)) {
            progress.checkCancelled();
            progress.step(std::int64_t(start), std::int64_t(sequences.size()), "predicting");
            const std::size_t end = std::min(sequences.size(), start + std::size_t(batchSize));
            std::vector<std::vector<long>> ids;
            for (std::size_t i = start; i < end; ++i)
                ids.push_back(impl_->tokenizer->encode(sequences[i]));
            const auto [input, mask] = padTokenIds(ids, impl_->tokenizer->padId());
            at::Tensor logits = impl_->model->forward(input, mask, {}).logits.to(at::kFloat);
            const bool sigmoid = impl_->task == TrainingTask::MultiLabel;
            const bool raw = impl_->task == TrainingTask::SequenceRegression;
            const at::Tensor scores = (raw       ? logits
                                       : sigmoid ? at::sigmoid(logits)
                                                 : at::softmax(logits, -1));
            for (std::size_t r = 0; r < ids.size(); ++r)
                out.push_back({exampleRows(scores[std::int64_t(r)], ids[r].size())});
        }
        return out;
    });
}

} // namespace esm
