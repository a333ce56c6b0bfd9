#include "core/nn/esm/load_task_model.h"

#include "core/nn/kernels/half_weights.h"
#include "core/nn/kernels/int8_linear.h"
#include "core/nn/modules/basic.h"
#include "core/nn/modules/linear_layers.h"

#include <set>

namespace esm::nn {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A bare EsmModel saved by HuggingFace has no "esm." prefix (its base_model_prefix).
bool checkpointHasPrefix(const CheckpointFiles& files) {
    for (const auto& name : files.names())
        if (name.rfind("esm.", 0) == 0)
            return true;
    return false;
}

constexpr const char* kEsmEncoder = "esm.encoder.";

} // namespace

LoadOptions withEsmEncoderLoading(torch::nn::Module& model, LoadOptions options) {
    switch (options.compute.encoderLinear) {
    case EncoderLinear::Int8:
        options.afterLoad = [int8 = quantizeAsLoaded(model, kEsmEncoder),
                             then = std::move(options.afterLoad)](const std::string& name) {
            int8(name);
            if (then)
                then(name);
        };
        break;
    case EncoderLinear::Float16: {
        std::set<std::string> weights;
        for (const auto& [name, layer] : linearLayers(model, kEsmEncoder))
            weights.insert(name + ".weight");
        options.parameterType = [weights = std::move(weights), base = std::move(options.parameterType),
                                 type = options.compute.dtype](const std::string& name) {
            return weights.count(name) ? at::kHalf : base ? base(name) : type;
        };
        break;
    }
    case EncoderLinear::Compute:
        break;
    }
    return options;
}

std::size_t loadedBytesPerValue(const std::string& checkpointName, const ComputeOptions& compute) {
    const bool encoderLinearWeight = checkpointName.find("encoder.layer.") != std::string::npos &&
                                     endsWith(checkpointName, ".weight") &&
                                     checkpointName.find("LayerNorm") == std::string::npos;
    if (encoderLinearWeight && compute.encoderLinear != EncoderLinear::Compute)
        return 2;
    return c10::elementSize(compute.dtype);
}

void finishEsmEncoder(torch::nn::Module& model, const ComputeOptions& compute) {
    if (compute.encoderLinear == EncoderLinear::Int8)
        quantizeLinearLayers(model, kEsmEncoder);
    if (compute.encoderLinear == EncoderLinear::Float16)
        halveLinearLayers(model, kEsmEncoder);
}

const std::vector<std::string>& esmAcceptedExtras() {
    static const std::vector<std::string> extras{".position_ids", ".position_embeddings.weight",
                                                 ".pooler.dense.weight", ".pooler.dense.bias", "af2_to_esm"};
    return extras;
}

at::ScalarType esmParameterType(const std::string& name, at::ScalarType compute) {
    if (compute == at::kDouble)
        return at::kDouble;
    if (endsWith(name, "inv_freq") || name.find("contact_head") != std::string::npos)
        return at::kFloat;
    return compute;
}

LoadOptions esmTaskLoadOptions(torch::nn::Module& model, const ComputeOptions& compute) {
    LoadOptions options;
    options.compute = compute;
    options.acceptedExtras = esmAcceptedExtras();
    options.optional = {".inv_freq"}; // older checkpoints: keep the computed frequencies
    options.parameterType = [type = compute.dtype](const std::string& name) {
        return esmParameterType(name, type);
    };
    return withEsmEncoderLoading(model, std::move(options));
}

LoadOptions withCheckpointNames(LoadOptions options, const CheckpointFiles& files) {
    const bool prefixed = checkpointHasPrefix(files);
    if (!prefixed)
        options.checkpointName = [](const std::string& name) {
            return name.rfind("esm.", 0) == 0 ? name.substr(4) : name;
        };
    // The LM decoder is tied to the word embeddings; some files store it only once.
    options.fallbackName = [prefixed](const std::string& name) -> std::string {
        if (name != "lm_head.decoder.weight")
            return {};
        return prefixed ? "esm.embeddings.word_embeddings.weight" : "embeddings.word_embeddings.weight";
    };
    return options;
}

std::shared_ptr<EsmTaskModel> loadEsmTaskModel(const EsmConfig& config, const CheckpointFiles& files,
                                               const ComputeOptions& compute, const Progress& progress,
                                               LoadReport* report) {
    auto model = std::make_shared<EsmTaskModel>(config, taskOf(config));
    LoadOptions options = withCheckpointNames(esmTaskLoadOptions(*model, compute), files);
    options.progress = &progress;
    LoadReport loaded = loadStateDict(*model, files, options);
    finishEsmEncoder(*model, compute);
    if (report)
        *report = std::move(loaded);
    model->eval();
    return model;
}

} // namespace esm::nn
