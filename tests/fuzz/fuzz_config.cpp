// config.json of ESM-2, ESM-1b and ESMFold folders.
#include "FuzzInput.h"

#include "core/nn/checkpoint/hf_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzzinput::expectReadOrRefusal(
        [&] { esm::parseEsmConfig(fuzzinput::text(data, size), "fuzz/config.json"); });
}
