#include "core/nn/loading/model_folder_writer.h"

#include "core/base/atomic_file.h"
#include "core/nn/checkpoint/safetensors.h"
#include "core/nn/loading/state_dict_loader.h"

namespace esm::nn {

void saveModelFolder(const torch::nn::Module& module, const EsmConfig& config,
                     const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    std::vector<at::Tensor> keep; // contiguous views the records point into
    std::vector<TensorRecord> records;
    auto add = [&](const std::string& name, const at::Tensor& t) {
        keep.push_back(t.detach().to(at::kCPU).contiguous());
        TensorRecord r;
        r.name = name;
        r.type = toElementType(keep.back().scalar_type());
        r.shape = keep.back().sizes().vec();
        r.data = static_cast<const std::byte*>(keep.back().data_ptr());
        r.bytes = keep.back().nbytes();
        records.push_back(std::move(r));
    };
    for (const auto& p : module.named_parameters())
        add(p.key(), p.value());
    for (const auto& b : module.named_buffers())
        add(b.key(), b.value());
    writeSafetensors(folder / "model.safetensors", records, {{"format", "pt"}});
    writeFileAtomically(folder / "config.json", toConfigJson(config));
    std::string vocabulary;
    for (const auto& token : config.vocab_list)
        vocabulary += token + "\n";
    writeFileAtomically(folder / "vocab.txt", vocabulary);
}

} // namespace esm::nn
