#include "core/pipeline/model_folder.h"

#include "core/base/error.h"
#include "core/nn/checkpoint/checkpoint_files.h"
#include "core/nn/esm/load_task_model.h"
#include "core/nn/runtime/torch_errors.h"

#include <algorithm>

namespace esm {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Names and shapes of the module against the files, the way a strict load would judge them.
std::string compareWithCheckpoint(torch::nn::Module& module, const CheckpointFiles& files,
                                  const std::string& prefix) {
    std::vector<std::string> missing, wrong;
    std::vector<std::pair<std::string, at::Tensor>> expected;
    for (const auto& p : module.named_parameters())
        expected.emplace_back(p.key(), p.value());
    for (const auto& b : module.named_buffers())
        expected.emplace_back(b.key(), b.value());
    for (const auto& [name, tensor] : expected) {
        const std::string key =
            prefix.empty() || name.rfind(prefix, 0) != 0 ? name : name.substr(prefix.size());
        const TensorRecord* record = files.find(key);
        if (!record) {
            if (!endsWith(name, "inv_freq") && name != "lm_head.decoder.weight")
                missing.push_back(name);
        } else if (record->shape != tensor.sizes().vec()) {
            wrong.push_back(key + " " + shapeText(record->shape) + " (expected " +
                            shapeText(tensor.sizes().vec()) + ")");
        }
    }
    std::string text;
    if (!missing.empty())
        text += std::to_string(missing.size()) + " tensor(s) missing, e.g. " + missing.front() + ". ";
    if (!wrong.empty())
        text += std::to_string(wrong.size()) + " tensor(s) of the wrong shape, e.g. " + wrong.front() + ". ";
    return text;
}

} // namespace

std::string modelKindName(ModelKind kind) {
    return kind == ModelKind::Folding ? "folding model" : "language model";
}

ModelFolderInfo inspectModelFolder(const std::filesystem::path& folder) {
    return nn::translatingTorchErrors(folder.string(), [&] {
        ModelFolderInfo info;
        info.folder = folder;
        if (!std::filesystem::is_directory(folder))
            throw Error(folder.string() + ": not a folder");
        info.config = readEsmConfig(folder / "config.json");
        info.hasVocabulary = std::filesystem::exists(folder / "vocab.txt");
        info.architecture =
            info.config.architectures.empty() ? "EsmForMaskedLM" : info.config.architectures.front();
        info.kind = info.config.is_folding_model || info.architecture == "EsmForProteinFolding"
                        ? ModelKind::Folding
                        : ModelKind::LanguageModel;
        const CheckpointFiles files = CheckpointFiles::open(folder);
        for (ElementType t : files.elementTypes())
            info.storedTypes.emplace_back(elementTypeName(t));
        info.weightBytes = files.totalBytes();
        for (const auto& f : files.files())
            info.weightFiles.push_back(f.filename().string());

        // Built with empty (untouched) tensors: counting costs no memory.
        std::shared_ptr<torch::nn::Module> module;
        if (info.kind == ModelKind::LanguageModel)
            module = std::make_shared<nn::EsmTaskModel>(info.config, nn::taskOf(info.config));
        if (module) {
            for (const auto& p : module->parameters())
                info.parameters += p.numel();
            const auto names = files.names();
            const bool prefixed = std::any_of(names.begin(), names.end(),
                                              [](const std::string& n) { return n.rfind("esm.", 0) == 0; });
            info.problems = compareWithCheckpoint(*module, files, prefixed ? "" : "esm.");
        }
        if (!info.hasVocabulary && info.kind == ModelKind::LanguageModel)
            info.problems += "vocab.txt is missing. ";
        return info;
    });
}

} // namespace esm
