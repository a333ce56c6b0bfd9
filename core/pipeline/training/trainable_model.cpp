#include "core/pipeline/training/trainable_model.h"

#include "core/base/error.h"
#include "core/nn/esm/load_task_model.h"
#include "core/nn/loading/state_dict_loader.h"
#include "core/nn/modules/linear.h"
#include "core/nn/modules/linear_layers.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <set>

namespace esm {
namespace {

bool startsWith(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0;
}

bool isHead(const std::string& name) {
    return startsWith(name, "classifier.") || startsWith(name, "lm_head.");
}

bool isAdapter(const std::string& name) {
    return name.find(".lora_A.") != std::string::npos || name.find(".lora_B.") != std::string::npos;
}

constexpr const char* kTiedDecoder = "lm_head.decoder.weight";

EsmConfig resultConfig(const EsmConfig& base, TrainingTask task, const LabelSet& labels) {
    EsmConfig config = base;
    config.architectures = {architectureOf(task)};
    config.is_folding_model = false;
    config.esmfold_config.reset();
    if (task == TrainingTask::MaskedLM) {
        config.id2label.clear();
        config.problem_type.reset();
        return config;
    }
    config.id2label = labels.id2label();
    config.num_labels = static_cast<int>(labels.names.size());
    const std::string problem = problemTypeOf(task);
    config.problem_type = problem.empty() ? std::nullopt : std::optional<std::string>(problem);
    return config;
}

// HuggingFace's EsmPreTrainedModel._init_weights for the modules of a new head.
void initialiseHead(nn::EsmTaskModel& model, double initializerRange, at::Generator generator) {
    at::NoGradGuard noGrad;
    for (const auto& item : model.named_modules()) {
        if (!isHead(item.key() + "."))
            continue;
        if (auto* linear = dynamic_cast<nn::Linear*>(item.value().get())) {
            linear->weight().normal_(0.0, initializerRange, generator);
            if (linear->bias().defined())
                linear->bias().zero_();
        } else if (dynamic_cast<nn::LayerNorm*>(item.value().get())) {
            for (auto& p : item.value()->named_parameters(false))
                p.key() == "weight" ? p.value().fill_(1.0) : p.value().zero_();
        }
    }
    for (auto& p : model.named_parameters())
        if (p.key() == "lm_head.bias")
            p.value().zero_();
}

std::set<std::string> layerNormParameters(torch::nn::Module& model) {
    std::set<std::string> names;
    for (const auto& item : model.named_modules())
        if (dynamic_cast<nn::LayerNorm*>(item.value().get()))
            for (const auto& p : item.value()->named_parameters(false))
                names.insert(item.key().empty() ? p.key() : item.key() + "." + p.key());
    return names;
}

void addLoraAdapters(TrainableModel& t, const TrainingSettings& settings, at::Generator generator) {
    int added = 0;
    for (const auto& [name, layer] : nn::linearLayers(*t.model, "esm.encoder.")) {
        const std::string last = name.substr(name.rfind('.') + 1);
        if (std::find(settings.loraTargets.begin(), settings.loraTargets.end(), last) ==
            settings.loraTargets.end())
            continue;
        layer->addLora(settings.loraRank, settings.loraAlpha, generator);
        ++added;
    }
    if (added == 0)
        throw Error("--lora-targets matches no Linear layer of the encoder (its layers are query, key, value "
                    "and dense)");
}

} // namespace

std::map<int, std::string> trainedHeadLabels(const EsmConfig& base, TrainingTask task) {
    const std::string architecture = base.architectures.empty() ? "" : base.architectures.front();
    const auto baseTask = taskOfModel(architecture, base.problem_type.value_or(""), base.num_labels);
    if (!baseTask || *baseTask != task || task == TrainingTask::MaskedLM)
        return {};
    return base.id2label;
}

TrainableModel buildTrainableModel(const TrainingSettings& settings, const EsmConfig& base,
                                   const CheckpointFiles& files, const LabelSet& labels,
                                   const std::function<void(const std::string&)>& note) {
    TrainableModel t;
    t.config = resultConfig(base, settings.task, labels);
    t.model = std::make_shared<nn::EsmTaskModel>(t.config, nn::taskOf(t.config));
    nn::ComputeOptions compute; // float32: master weights and gradients
    nn::LoadOptions options = nn::withCheckpointNames(nn::esmTaskLoadOptions(*t.model, compute), files);
    options.strict = false; // the task's head may be new
    const nn::LoadReport report = nn::loadStateDict(*t.model, files, options);
    for (const std::string& name : report.missing)
        if (!isHead(name))
            throw Error(settings.model.string() + ": the checkpoint has no '" + name + "'");
    t.newHead = std::any_of(report.missing.begin(), report.missing.end(), isHead) ||
                std::any_of(report.wrongShape.begin(), report.wrongShape.end(),
                            [](const std::string& s) { return isHead(s); });
    for (const std::string& s : report.wrongShape)
        if (!isHead(s))
            throw Error(settings.model.string() + ": " + s);
    // Own copies: the loader's tensors may be views of the read-only mapped file.
    for (auto& p : t.model->parameters())
        p.set_data(p.detach().clone());
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(settings.seed);
    if (t.newHead) {
        initialiseHead(*t.model, base.initializer_range, generator);
        if (note)
            note("the base model has no " + trainingTaskName(settings.task) +
                 " head with these labels: a new one " + "is initialised as HuggingFace initialises it");
    }
    if (settings.task == TrainingTask::MaskedLM)
        t.model->tieLmDecoder();
    if (settings.mode == TrainingMode::Lora)
        addLoraAdapters(t, settings, generator);

    for (auto& p : t.model->named_parameters()) {
        const std::string& name = p.key();
        bool trains = false;
        if (name == kTiedDecoder || startsWith(name, "esm.contact_head."))
            trains = false; // the tied decoder is the word embeddings; the contact head is not in the loss
        else if (settings.mode == TrainingMode::Full)
            trains = true;
        else
            trains = isHead(name) || (settings.mode == TrainingMode::Lora && isAdapter(name));
        p.value().requires_grad_(trains);
        if (trains)
            t.trainable.push_back({name, p.value()});
    }
    t.model->setGradientCheckpointing(settings.gradientCheckpointing);
    t.model->train();
    return t;
}

std::vector<nn::AdamW::Group> decayGroups(const TrainableModel& trainable, double weightDecay) {
    const std::set<std::string> layerNorms = layerNormParameters(*trainable.model);
    nn::AdamW::Group decay{{}, weightDecay}, noDecay{{}, 0.0};
    for (const nn::NamedParameter& p : trainable.trainable)
        (layerNorms.count(p.name) || p.name.find("bias") != std::string::npos ? noDecay : decay)
            .parameters.push_back(p);
    return {decay, noDecay};
}

std::vector<nn::NamedParameter> savedTensors(const TrainableModel& trainable, bool withAdapters) {
    std::vector<nn::NamedParameter> out;
    const bool tied = trainable.config.architectures.front() == "EsmForMaskedLM";
    for (const auto& p : trainable.model->named_parameters())
        if (!(tied && p.key() == kTiedDecoder) && (withAdapters || !isAdapter(p.key())))
            out.push_back({p.key(), p.value()});
    for (const auto& b : trainable.model->named_buffers())
        out.push_back({b.key(), b.value()});
    return out;
}

std::vector<nn::NamedParameter> adapterTensors(const TrainableModel& trainable) {
    std::vector<nn::NamedParameter> out;
    for (const auto& p : trainable.model->named_parameters())
        if (isAdapter(p.key()) || (isHead(p.key()) && p.key() != kTiedDecoder))
            out.push_back({"base_model.model." + p.key(), p.value()});
    return out;
}

} // namespace esm
