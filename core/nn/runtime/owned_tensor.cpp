#include "core/nn/runtime/owned_tensor.h"

#include "core/nn/loading/state_dict_loader.h"

#include <cstring>

namespace esm::nn {

OwnedTensor toOwnedTensor(const std::string& name, const at::Tensor& t) {
    at::Tensor cpu = t.detach().to(at::kCPU);
    if (cpu.scalar_type() == at::kBFloat16 || cpu.scalar_type() == at::kHalf)
        cpu = cpu.to(at::kFloat);
    cpu = cpu.contiguous();
    OwnedTensor out;
    out.name = name;
    out.type = toElementType(cpu.scalar_type());
    out.shape = cpu.sizes().vec();
    out.bytes.resize(cpu.nbytes());
    std::memcpy(out.bytes.data(), cpu.data_ptr(), cpu.nbytes());
    return out;
}

at::Tensor toTensor(const OwnedTensor& owned) {
    TensorRecord view = recordOf(owned);
    return tensorFromRecord(view, toScalarType(owned.type), at::kCPU).clone();
}

} // namespace esm::nn
