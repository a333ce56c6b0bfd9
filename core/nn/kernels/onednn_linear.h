// float32 Linear layers on oneDNN instead of LibTorch's BLAS (OpenBLAS on Debian). OpenBLAS 0.3.21
// runs its AVX2 (Haswell) kernels on AVX-512 CPUs and has its own thread pool beside LibTorch's OpenMP
// one; oneDNN uses AVX-512 where the CPU has it and LibTorch's threads. The layer runs as the 1 x 1
// convolution it is, on channels-last input, which oneDNN reads and writes in place (its inner product,
// at::mkldnn_linear, copies the input into and the output out of its own tensors on every call).
// Below 128 rows BLAS is as fast or faster. Figures: docs/PERFORMANCE.md.
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

// Whether oneDnnLinear takes x: a CPU float32 tensor of at least 128 rows, with oneDNN in this build.
bool oneDnnLinearApplies(const at::Tensor& x, const at::Tensor& weight);

// at::linear(x, weight, bias) for x [..., in], weight [out, in], bias [out] or undefined, computed
// by oneDNN (the same products, summed in another order).
at::Tensor oneDnnLinear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

} // namespace esm::nn
