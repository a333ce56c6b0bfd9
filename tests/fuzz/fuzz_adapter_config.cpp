// A PEFT adapter folder's adapter_config.json and labels.json, as `esmx predict` and the Task Model
// panel read them from folders users download.
#include "FuzzInput.h"

#include "core/training/adapter_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text = fuzzinput::text(data, size);
    fuzzinput::expectReadOrRefusal([&] { esm::parseAdapterConfig(text, "adapter_config.json"); });
    return fuzzinput::expectReadOrRefusal([&] { esm::parseAdapterLabels(text, "labels.json"); });
}
