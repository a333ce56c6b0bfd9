// Predicted aligned error JSON (AlphaFold DB layouts, ColabFold scores).
#include "FuzzInput.h"

#include "core/io/pae_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzzinput::expectReadOrRefusal(
        [&] { esm::parsePaeJson(fuzzinput::text(data, size), "fuzz.json"); });
}
