// FASTA records as the CLI and the GUI read them.
#include "FuzzInput.h"

#include "core/io/fasta.h"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzzinput::expectReadOrRefusal([&] {
        std::istringstream in(fuzzinput::text(data, size));
        esm::readFasta(in, "fuzz.fasta");
    });
}
