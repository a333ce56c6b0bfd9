// esmx convert IN OUT: PDB <-> mmCIF, formats from the extensions.
#include "args.h"
#include "commands.h"

#include "core/io/structure_files.h"

#include <iostream>

namespace cli {

int runConvert(const Arguments& arguments) {
    Args args(
        "convert", "IN OUT",
        "Converts a structure between PDB and mmCIF; the formats follow the extensions (.pdb, .ent,\n"
        ".cif, .mmcif; .gz accepted on input). pLDDT stays on 0-100 and becomes ModelCIF scores in mmCIF.");
    args.positionals("IN OUT", "input and output files", 2, 2);
    args.parse(arguments);
    const auto& in = args.positional()[0];
    const auto& out = args.positional()[1];
    esm::structureFormatOf(out); // an unknown output format is reported before the input is read
    esm::writeStructureFile(out, esm::readStructureFile(in));
    return 0;
}

} // namespace cli
