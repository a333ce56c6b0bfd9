// PDB text into a Structure.
#include "FuzzInput.h"

#include "core/io/structure_files.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzzinput::expectReadOrRefusal([&] {
        esm::readStructureText(fuzzinput::text(data, size), esm::StructureFormat::Pdb, "fuzz.pdb", "fuzz");
    });
}
