#include "core/nn/runtime/compute_options.h"

#include "core/base/cpu_features.h"
#include "core/base/error.h"
#include "core/nn/kernels/int8_linear.h"

#include <c10/util/BFloat16.h>
#include <charconv>
#include <limits>
#include <thread>

namespace esm::nn {

namespace {

// The floating dtypes' names ("auto" and "int8" are parseComputeOptions' own).
at::ScalarType parseFloatType(const std::string& text) {
    if (text == "float32" || text == "fp32" || text == "f32")
        return at::kFloat;
    if (text == "bfloat16" || text == "bf16")
        return at::kBFloat16;
    if (text == "float64" || text == "fp64" || text == "f64" || text == "double")
        return at::kDouble;
    throw Error("unknown dtype '" + text + "' (use auto, float32, bfloat16, float16, int8 or float64)");
}

} // namespace

ComputeOptions autoComputeOptions(at::Device device, ModelFamily family) {
    if (!device.is_cpu())
        return {at::kFloat, device};
    if (cpuHasNativeBFloat16())
        return {at::kBFloat16, device};
    if (family == ModelFamily::Folding && cpuHasFastHalfConversion())
        return {at::kFloat, device, EncoderLinear::Float16};
    if (family == ModelFamily::LanguageModel && int8LinearAvailable())
        return {at::kFloat, device, EncoderLinear::Int8};
    return {at::kFloat, device};
}

ComputeOptions parseComputeOptions(const std::string& text, at::Device device, ModelFamily family) {
    if (text == "auto")
        return autoComputeOptions(device, family);
    if (text == "float16" || text == "fp16" || text == "half")
        return {at::kFloat, device, EncoderLinear::Float16};
    if (text != "int8")
        return {parseFloatType(text), device};
    if (!device.is_cpu())
        throw Error("dtype int8 runs on the CPU only; on " + device.str() + " use float32 or bfloat16");
    requireInt8Engine();
    return {at::kFloat, device, EncoderLinear::Int8};
}

std::string computeOptionsName(const ComputeOptions& compute) {
    switch (compute.encoderLinear) {
    case EncoderLinear::Int8:
        return "int8";
    case EncoderLinear::Float16:
        return "float16";
    case EncoderLinear::Compute:
        break;
    }
    return computeTypeName(compute.dtype);
}

std::string computeOptionsLabel(const std::string& requested, const ComputeOptions& compute) {
    return (requested == "auto" ? "auto: " : "") + computeOptionsName(compute);
}

std::string computeTypeName(at::ScalarType type) {
    switch (type) {
    case at::kFloat:
        return "float32";
    case at::kBFloat16:
        return "bfloat16";
    case at::kDouble:
        return "float64";
    case at::kHalf:
        return "float16";
    default:
        return c10::toString(type);
    }
}

at::Device parseDevice(const std::string& text) {
    if (text == "cpu")
        return at::kCPU;
    if (text.rfind("cuda", 0) == 0) {
        if (!at::hasCUDA())
            throw Error("device '" + text +
                        "' requested, but this LibTorch was built without CUDA (Debian's is "
                        "CPU-only); use --device cpu or a CUDA build of LibTorch");
        int index = 0;
        if (text.size() > 4) {
            if (text[4] != ':')
                throw Error("unknown device '" + text + "' (use cpu, cuda or cuda:N)");
            const auto digits = std::string_view(text).substr(5);
            const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
            if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || index < 0)
                throw Error("unknown device '" + text + "' (use cpu, cuda or cuda:N)");
        }
        return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    throw Error("unknown device '" + text + "' (use cpu, cuda or cuda:N)");
}

void useAllCores(int threads) {
    const int wanted =
        threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (at::get_num_threads() != wanted)
        at::set_num_threads(wanted);
}

double lowestValue(at::ScalarType type) {
    switch (type) {
    case at::kDouble:
        return std::numeric_limits<double>::lowest();
    case at::kBFloat16:
        return static_cast<double>(std::numeric_limits<c10::BFloat16>::lowest());
    case at::kHalf:
        return static_cast<double>(std::numeric_limits<c10::Half>::lowest());
    default:
        return static_cast<double>(std::numeric_limits<float>::lowest());
    }
}

} // namespace esm::nn
