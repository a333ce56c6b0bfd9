// safetensors headers and bounds, through the mapped-file reader the loaders use.
#include "FuzzInput.h"

#include "core/nn/checkpoint/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = fuzzinput::asFile(data, size, ".safetensors");
    return fuzzinput::expectReadOrRefusal([&] { esm::readSafetensors(path); });
}
