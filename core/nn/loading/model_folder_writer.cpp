#include "core/nn/loading/model_folder_writer.h"

#include "core/base/atomic_file.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/nn/loading/state_dict_loader.h"

namespace esm::nn {

void writeTensorFile(const std::filesystem::path& path,
                     const std::vector<std::pair<std::string, at::Tensor>>& tensors) {
    std::vector<at::Tensor> keep; // contiguous CPU copies the records point into
    std::vector<TensorRecord> records;
    keep.reserve(tensors.size());
    for (const auto& [name, tensor] : tensors) {
        keep.push_back(tensor.detach().to(at::kCPU).contiguous());
        TensorRecord r;
        r.name = name;
        r.type = toElementType(keep.back().scalar_type());
        r.shape = keep.back().sizes().vec();
        r.data = static_cast<const std::byte*>(keep.back().data_ptr());
        r.bytes = keep.back().nbytes();
        records.push_back(std::move(r));
    }
    writeSafetensors(path, records, {{"format", "pt"}});
}

void saveModelFolder(const torch::nn::Module& module, const EsmConfig& config,
                     const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    std::vector<std::pair<std::string, at::Tensor>> tensors;
    for (const auto& p : module.named_parameters())
        tensors.emplace_back(p.key(), p.value());
    for (const auto& b : module.named_buffers())
        tensors.emplace_back(b.key(), b.value());
    writeTensorFile(folder / "model.safetensors", tensors);
    writeFileAtomically(folder / "config.json", toConfigJson(config));
    std::string vocabulary;
    for (const auto& token : config.vocab_list)
        vocabulary += token + "\n";
    writeFileAtomically(folder / "vocab.txt", vocabulary);
}

} // namespace esm::nn
