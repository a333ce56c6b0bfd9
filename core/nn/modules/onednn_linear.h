// float32 Linear layers on oneDNN's inner product instead of LibTorch's BLAS (OpenBLAS on Debian).
// OpenBLAS 0.3.21 runs its AVX2 (Haswell) kernels on AVX-512 CPUs and has its own thread pool
// beside LibTorch's OpenMP one; oneDNN uses AVX-512 where the CPU has it and LibTorch's threads.
// Measured on a 2-core AVX-512 EPYC: ESMFold's pair layers (16,384 x 128 -> 128) 151 -> 294 GFLOP/s,
// ESM-2 650M's (512 x 1280 -> 1280) 203 -> 321 GFLOP/s; below 128 rows BLAS is as fast or faster.
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

// Whether oneDnnLinear takes x: a CPU float32 tensor of at least 128 rows, with oneDNN in this build.
bool oneDnnLinearApplies(const at::Tensor& x, const at::Tensor& weight);

// at::linear(x, weight, bias) for x [..., in], weight [out, in], bias [out] or undefined, computed
// by oneDNN (the same products, summed in another order).
at::Tensor oneDnnLinear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

} // namespace esm::nn
