// Where and in which precision a model runs: parsed from user strings, checked against what this
// LibTorch build can do.
#pragma once

#include "core/nn/torch_includes.h"

#include <string>

namespace esm::nn {

// How the ESM encoder's Linear layers (nearly all of a language model's weights, and of ESMFold's
// stem) hold their weights.
enum class EncoderLinear {
    Compute, // in the compute dtype, like every other parameter
    Int8,    // quantised, run as int8 GEMMs (int8_linear.h); the rest in float32
    Float16, // float16 storage widened to float32 one layer at a time (half_weights.h)
};

struct ComputeOptions {
    at::ScalarType dtype = at::kFloat;
    at::Device device = at::kCPU;
    EncoderLinear encoderLinear = EncoderLinear::Compute;
};

// Which model "auto" chooses for: the fastest accurate choice differs between them.
enum class ModelFamily { LanguageModel, Folding };

// "float32" | "bfloat16" | "float64" (also "fp32", "bf16", "fp64"), "int8" (CPU only: float32 with
// the ESM encoder in int8), "float16" (float32 with the ESM encoder's weights in float16) or "auto"
// (autoComputeOptions); Error otherwise.
ComputeOptions parseComputeOptions(const std::string& text, at::Device device = at::kCPU,
                                   ModelFamily family = ModelFamily::LanguageModel);
// What "auto" runs on `device`: on a CPU with native bfloat16 arithmetic bfloat16 (3-4x float32).
// On other x86 CPUs a language model's encoder runs int8 where LibTorch has an int8 engine (a 650M
// forward 1.7x float32's with oneDNN capped to AVX2), and ESMFold's stem keeps esmfold_v1's own
// float16 weights widened per layer: the same numbers as float32 in half the memory, where int8
// would save a tenth of a fold's time at the cost of its accuracy. float32 elsewhere and on GPUs.
ComputeOptions autoComputeOptions(at::Device device = at::kCPU,
                                  ModelFamily family = ModelFamily::LanguageModel);
// "int8", "float16", or the dtype's name.
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
