// gzip members (.pdb.gz, .cif.gz): the decompressed size stays capped.
#include "FuzzInput.h"

#include "core/io/compressed_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzzinput::expectReadOrRefusal([&] { esm::gunzip(fuzzinput::text(data, size), "fuzz.gz"); });
}
