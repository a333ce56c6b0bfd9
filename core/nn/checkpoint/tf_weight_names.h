// TensorFlow variable names as PyTorch parameter names, exactly as HuggingFace cross-loads them
// (transformers' modeling_tf_pytorch_utils.convert_tf_weight_name_to_pt_weight_name).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace esm {

struct PyTorchWeightName {
    std::string name;
    // PyTorch axis i is TensorFlow axis axes[i]; empty when the layouts agree.
    std::vector<int> axes;
};

// `tfName` with its model scope, e.g. "tf_esm_for_masked_lm/esm/encoder/layer_._0/attention/self/
// query/kernel:0" -> "esm.encoder.layer.0.attention.self.query.weight", transposed. `rank` is the
// variable's number of dimensions (kernels of rank 3 and 4 are convolutions).
PyTorchWeightName pytorchWeightName(const std::string& tfName, std::size_t rank);

} // namespace esm
