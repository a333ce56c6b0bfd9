// Where and in which precision a model runs: parsed from user strings, checked against what this
// LibTorch build can do.
#pragma once

#include "core/nn/torch_includes.h"

#include <string>

namespace esm::nn {

struct ComputeOptions {
    at::ScalarType dtype = at::kFloat;
    at::Device device = at::kCPU;
    // dtype int8: the ESM encoder's Linear layers run as int8 GEMMs (int8_linear.h), the rest in dtype.
    bool int8Linear = false;
};

// "float32" | "bfloat16" | "float64" (also "fp32", "bf16", "fp64"), "int8" (CPU only: float32 with
// the ESM encoder in int8) or "auto" (autoComputeOptions); Error otherwise.
ComputeOptions parseComputeOptions(const std::string& text, at::Device device = at::kCPU);
// What "auto" runs on `device`: on a CPU with native bfloat16 arithmetic bfloat16 (3-4x float32);
// on other x86 CPUs int8 for the ESM encoder where LibTorch has an int8 engine (a 650M forward 1.7x
// float32's with oneDNN capped to AVX2, the rest float32); float32 elsewhere and on GPUs.
ComputeOptions autoComputeOptions(at::Device device = at::kCPU);
// "int8", or the dtype's name.
std::string computeOptionsName(const ComputeOptions& compute);
// computeOptionsName, after "auto: " when the user asked for auto ("auto: bfloat16").
std::string computeOptionsLabel(const std::string& requested, const ComputeOptions& compute);

std::string computeTypeName(at::ScalarType type);
// "cpu" | "cuda" | "cuda:N"; Error when this LibTorch has no CUDA or the device does not exist.
at::Device parseDevice(const std::string& text);

// LibTorch uses one thread unless told; use every core (or `threads` when positive). Idempotent.
void useAllCores(int threads = 0);

// The most negative finite value of a floating type: HuggingFace's additive attention mask.
double lowestValue(at::ScalarType type);

} // namespace esm::nn
