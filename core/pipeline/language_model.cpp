#include "core/pipeline/language_model.h"
#include "core/nn/checkpoint/tokenizer.h"
#include "core/pipeline/model_loading.h"
#include "core/pipeline/token_batches.h"

#include "core/base/error.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/esm/load_task_model.h"
#include "core/nn/modules/linear_layers.h"
#include "core/nn/runtime/block_cache.h"
#include "core/nn/runtime/cpu_share.h"
#include "core/nn/runtime/owned_tensor.h"
#include "core/nn/runtime/torch_errors.h"
#include "core/structure/sequence.h"

#include <c10/core/InferenceMode.h>

namespace esm {

using nn::translatingTorchErrors;

struct LanguageModel::Impl {
    LanguageModelInfo info;
    std::unique_ptr<EsmTokenizer> tokenizer;
    std::shared_ptr<nn::EsmTaskModel> model;
    nn::ComputeOptions compute;
    int threads = 0;
    // Fewer threads while other programs hold cores; kept across the many forwards of a heatmap.
    mutable nn::CpuShare share;
    bool adaptThreads = false;

    // ids and mask [B, T], padded with <pad>.
    std::pair<at::Tensor, at::Tensor> pad(const std::vector<std::vector<long>>& batch) const {
        if (batch.empty())
            throw Error("no sequences to run");
        for (const auto& ids : batch)
            if (ids.size() > info.maxResidues + 2)
                throw Error("a sequence of " + std::to_string(ids.size() - 2) +
                            " residues is longer than the " + std::to_string(info.maxResidues) +
                            " this model accepts");
        return padTokenIds(batch, tokenizer->padId());
    }

    nn::EsmTaskModel::Output run(const at::Tensor& ids, const at::Tensor& mask,
                                 const LanguageModelRequest& request, const Progress& progress) const {
        nn::useAllCores(threads);
        const int layers = info.config.num_hidden_layers;
        nn::EsmRequest r{request.hiddenStates, request.attentions, request.contacts, [&](int layer) {
                             progress.checkCancelled();
                             if (adaptThreads)
                                 nn::adaptThreads(share);
                             progress.step(layer, layers, "language model");
                         }};
        auto out = model->forward(ids.to(compute.device), mask.to(compute.device), r);
        progress.step(layers, layers, "language model");
        return out;
    }
};

LanguageModel::LanguageModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LanguageModel::~LanguageModel() = default;

const LanguageModelInfo& LanguageModel::info() const {
    return impl_->info;
}
const EsmTokenizer& LanguageModel::tokenizer() const {
    return *impl_->tokenizer;
}

std::unique_ptr<LanguageModel> LanguageModel::load(const std::filesystem::path& folder,
                                                   const RuntimeOptions& options, const Progress& progress) {
    return translatingTorchErrors(folder.string(), [&] {
        auto impl = std::make_unique<Impl>();
        impl->threads = options.threads;
        impl->share = nn::CpuShare(options.threads);
        impl->adaptThreads = options.adaptThreads;
        OpenedModelFolder opened = openModelFolder(folder, options, progress, [&](const EsmConfig& config) {
            nn::taskOf(config); // throws for architectures that are not a language model
            impl->tokenizer = std::make_unique<EsmTokenizer>(EsmTokenizer::fromFile(folder / "vocab.txt"));
            if (impl->tokenizer->vocabularySize() != static_cast<std::size_t>(*config.vocab_size))
                throw Error(folder.string() + ": vocab.txt has " +
                            std::to_string(impl->tokenizer->vocabularySize()) +
                            " tokens but config.json says vocab_size " + std::to_string(*config.vocab_size));
        });
        impl->compute = opened.compute;
        EsmConfig& config = opened.config;
        const CheckpointFiles& files = opened.files;
        const nn::EsmTask task = nn::taskOf(config);
        nn::LoadReport report;
        impl->model = nn::loadEsmTaskModel(config, files, impl->compute, progress, &report);

        LanguageModelInfo& info = impl->info;
        info.folder = folder;
        info.architecture = nn::taskName(task);
        info.hasMaskedLmHead = task == nn::EsmTask::MaskedLM;
        info.zeroCopyTensors = report.zeroCopy;
        info.copiedTensors = report.converted;
        info.parameters = nn::weightCount(*impl->model);
        info.storedTypes = storedTypeNames(files);
        info.weightBytes = files.totalBytes();
        for (const auto& f : files.files())
            info.weightFiles.push_back(f.filename().string());
        info.computeType = nn::computeOptionsName(impl->compute);
        info.device = impl->compute.device.str();
        // Absolute positions start at padding_idx + 1 and must stay below max_position_embeddings.
        const int positions =
            config.isRotary() ? 1026 : config.max_position_embeddings - *config.pad_token_id - 1;
        info.maxResidues = static_cast<std::size_t>(std::max(0, positions - 2));
        info.config = std::move(config);
        return std::unique_ptr<LanguageModel>(new LanguageModel(std::move(impl)));
    });
}

std::vector<long> LanguageModel::encode(const std::string& residues) const {
    std::vector<long> ids = impl_->tokenizer->encode(tokenizerText(residues));
    if (ids.size() > impl_->info.maxResidues + 2)
        throw Error("sequence of " + std::to_string(ids.size() - 2) + " residues is longer than the " +
                    std::to_string(impl_->info.maxResidues) + " that " +
                    impl_->info.folder.filename().string() + " accepts");
    return ids;
}

SequenceOutputShapes LanguageModel::outputShapes(std::int64_t tokens) const {
    const EsmConfig& c = impl_->info.config;
    const std::int64_t h = c.hidden_size;
    SequenceOutputShapes shapes;
    switch (nn::taskOf(c)) {
    case nn::EsmTask::MaskedLM:
        shapes.logits = {tokens, *c.vocab_size};
        break;
    case nn::EsmTask::SequenceClassification:
        shapes.logits = {c.num_labels};
        break;
    case nn::EsmTask::TokenClassification:
        shapes.logits = {tokens, c.num_labels};
        break;
    default:
        break;
    }
    shapes.lastHiddenState = {tokens, h};
    shapes.hiddenStates = {c.num_hidden_layers + 1, tokens, h};
    shapes.contacts = {tokens - 2, tokens - 2};
    return shapes;
}

std::vector<float> LanguageModel::contactMap(const std::string& residues, const Progress& progress) const {
    const OwnedTensor contacts = forward({encode(residues)}, {false, false, true}, progress).front().contacts;
    if (contacts.type == ElementType::F64) { // a float64 model; 16-bit ones come out as float32
        const double* values = contacts.as<double>();
        return std::vector<float>(values, values + contacts.bytes.size() / sizeof(double));
    }
    const float* values = contacts.as<float>();
    return std::vector<float>(values, values + contacts.bytes.size() / sizeof(float));
}

PaddedBatchOutput LanguageModel::forwardPadded(const std::vector<std::vector<long>>& batch,
                                               const LanguageModelRequest& request,
                                               const Progress& progress) const {
    return translatingTorchErrors("language model", [&] {
        c10::InferenceMode inference;
        nn::BlockCacheScope cache; // outlives the outputs, so their blocks are freed too
        auto [ids, mask] = impl_->pad(batch);
        const auto out = impl_->run(ids, mask, request, progress);
        PaddedBatchOutput result;
        result.inputIds = nn::toOwnedTensor("input_ids", ids);
        result.attentionMask = nn::toOwnedTensor("attention_mask", mask);
        if (out.logits.defined())
            result.logits = nn::toOwnedTensor("logits", out.logits);
        result.lastHiddenState = nn::toOwnedTensor("last_hidden_state", out.esm.lastHiddenState);
        if (request.hiddenStates)
            result.hiddenStates = nn::toOwnedTensor("hidden_states", at::stack(out.esm.hiddenStates));
        if (request.attentions)
            result.attentions = nn::toOwnedTensor("attentions", at::stack(out.esm.attentions));
        if (request.contacts)
            result.contacts = nn::toOwnedTensor("contacts", out.esm.contacts);
        return result;
    });
}

std::vector<SequenceOutput> LanguageModel::forward(const std::vector<std::vector<long>>& batch,
                                                   const LanguageModelRequest& request,
                                                   const Progress& progress) const {
    return translatingTorchErrors("language model", [&] {
        c10::InferenceMode inference;
        nn::BlockCacheScope cache; // outlives the outputs, so their blocks are freed too
        auto [ids, mask] = impl_->pad(batch);
        const auto out = impl_->run(ids, mask, request, progress);
        const bool perToken = impl_->model->task() != nn::EsmTask::SequenceClassification;
        const at::Tensor hidden = request.hiddenStates ? at::stack(out.esm.hiddenStates) : at::Tensor();
        const at::Tensor attentions = request.attentions ? at::stack(out.esm.attentions) : at::Tensor();
        std::vector<SequenceOutput> results;
        for (std::size_t b = 0; b < batch.size(); ++b) {
            const auto i = static_cast<std::int64_t>(b);
            const auto t = static_cast<std::int64_t>(batch[b].size());
            SequenceOutput r;
            r.inputIds = batch[b];
            if (out.logits.defined())
                r.logits =
                    nn::toOwnedTensor("logits", perToken ? out.logits[i].slice(0, 0, t) : out.logits[i]);
            r.lastHiddenState =
                nn::toOwnedTensor("last_hidden_state", out.esm.lastHiddenState[i].slice(0, 0, t));
            if (hidden.defined())
                r.hiddenStates = nn::toOwnedTensor("hidden_states", hidden.select(1, i).slice(1, 0, t));
            if (attentions.defined())
                r.attentions =
                    nn::toOwnedTensor("attentions", attentions.select(1, i).slice(2, 0, t).slice(3, 0, t));
            if (request.contacts)
                r.contacts =
                    nn::toOwnedTensor("contacts", out.esm.contacts[i].slice(0, 0, t - 2).slice(1, 0, t - 2));
            results.push_back(std::move(r));
        }
        return results;
    });
}

std::vector<std::vector<float>> LanguageModel::logProbabilities(const std::vector<std::vector<long>>& batch,
                                                                const std::vector<std::vector<int>>& rows,
                                                                const Progress& progress) const {
    if (!impl_->info.hasMaskedLmHead)
        throw Error(impl_->info.folder.filename().string() + " is an " + impl_->info.architecture +
                    ", not a masked language model: it has no amino-acid probabilities to score with");
    return translatingTorchErrors("language model", [&] {
        c10::InferenceMode inference;
        nn::BlockCacheScope cache; // outlives the outputs, so their blocks are freed too
        auto [ids, mask] = impl_->pad(batch);
        const auto out = impl_->run(ids, mask, {}, progress);
        const at::Tensor logProbs = at::log_softmax(out.logits.to(at::kCPU, at::kFloat), -1);
        std::vector<std::vector<float>> result;
        for (std::size_t b = 0; b < batch.size(); ++b) {
            const at::Tensor index =
                at::tensor(std::vector<std::int64_t>(rows[b].begin(), rows[b].end()), at::kLong);
            const at::Tensor picked =
                logProbs[static_cast<std::int64_t>(b)].index_select(0, index).contiguous();
            result.emplace_back(picked.data_ptr<float>(), picked.data_ptr<float>() + picked.numel());
        }
        return result;
    });
}

} // namespace esm
