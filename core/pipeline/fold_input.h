// ESMFold's inputs for a sequence, multimers included: fair-esm's convention joins chains
// separated by ':' with a 25-residue poly-G linker and jumps the residue index by 512 per chain.
#pragma once

#include <string>
#include <vector>

namespace esm {

struct FoldInput {
    std::vector<std::string> chains;
    std::vector<long> aatype;       // AlphaFold indices, X = 20; linker included
    std::vector<long> residueIndex; // position ids the trunk sees
    std::vector<bool> linker;       // true for linker residues, which the output drops
    std::vector<int> chainOf;       // chain of each residue (linker: -1)

    std::size_t length() const { return aatype.size(); }
};

inline constexpr int kChainLinkerLength = 25;
inline constexpr long kChainResidueOffset = 512;

// Validates with Sequence::parse and encodes; letters without an AlphaFold type (B, Z, U, O) become X.
FoldInput encodeFoldInput(const std::string& sequence);

} // namespace esm
