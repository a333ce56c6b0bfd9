// esmx ss FILE: DSSP secondary structure per chain.
#include "args.h"
#include "commands.h"

#include "core/io/structure_files.h"
#include "core/structure/secondary_structure.h"

#include <iostream>

namespace cli {

int runSs(const Arguments& arguments) {
    Args args("ss", "FILE",
              "Prints one line per chain of the first model: the chain id, then the DSSP 8-state string\n"
              "(H G I E B T S, '-' for coil), computed by our own DSSP (Kabsch & Sander, as mkdssp 4).");
    args.positionals("FILE", "PDB or mmCIF file (.gz accepted)", 1, 1);
    args.parse(arguments);
    const esm::Structure s = esm::readStructureFile(args.positional().front());
    const auto assignment = esm::assignSecondaryStructure(s);
    const auto chains = s.conformerChains(0);
    for (int c = chains.begin; c < chains.end; ++c) {
        const std::string ss = esm::secondaryStructureOfChain(s, assignment, c);
        if (!ss.empty())
            std::cout << (s.chainId(c).empty() ? "_" : s.chainId(c)) << ' ' << ss << '\n';
    }
    return 0;
}

} // namespace cli
