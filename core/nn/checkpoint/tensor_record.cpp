#include "core/nn/checkpoint/tensor_record.h"

namespace esm {

TensorRecord recordOf(const OwnedTensor& tensor) {
    TensorRecord record;
    record.name = tensor.name;
    record.type = tensor.type;
    record.shape = tensor.shape;
    record.data = tensor.bytes.data();
    record.bytes = tensor.bytes.size();
    return record;
}

std::int64_t TensorRecord::numel() const {
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

std::optional<std::int64_t> elementSpan(const std::vector<std::int64_t>& shape,
                                        const std::vector<std::int64_t>& strides) {
    std::int64_t last = 0, count = 1;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (shape[i] == 0)
            return 0;
        std::int64_t step = 0;
        if (__builtin_mul_overflow(count, shape[i], &count) ||
            (!strides.empty() && (strides[i] < 0 || __builtin_mul_overflow(shape[i] - 1, strides[i], &step) ||
                                  __builtin_add_overflow(last, step, &last))))
            return std::nullopt;
    }
    return strides.empty() ? count : last + 1;
}

} // namespace esm
