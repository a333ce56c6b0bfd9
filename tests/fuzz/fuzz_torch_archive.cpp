// pytorch_model.bin: the zip directory, the pickled state dict and the storages' bounds; the pickle
// and zip readers are also run on the raw input, where the fuzzer reaches them faster.
#include "FuzzInput.h"

#include "core/nn/checkpoint/state_dict_pickle.h"
#include "core/nn/checkpoint/torch_archive.h"
#include "core/nn/checkpoint/zip_archive.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzzinput::expectReadOrRefusal(
        [&] { esm::readStateDictPickle(fuzzinput::bytes(data, size), "fuzz.pkl"); });
    fuzzinput::expectReadOrRefusal([&] { esm::readZipDirectory(fuzzinput::bytes(data, size), "fuzz.zip"); });
    const std::string path = fuzzinput::asFile(data, size, ".bin");
    return fuzzinput::expectReadOrRefusal([&] { esm::readTorchArchive(path); });
}
