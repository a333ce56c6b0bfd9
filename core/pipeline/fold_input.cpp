// Follows fair-esm esm/esmfold/v1/misc.py encode_sequence.
#include "core/pipeline/fold_input.h"

#include "core/structure/residue_constants.h"
#include "core/structure/sequence.h"

namespace esm {

FoldInput encodeFoldInput(const std::string& text) {
    const Sequence sequence = Sequence::parse(text);
    FoldInput input;
    long offset = 0;
    int chainNumber = 0;
    for (const auto chain : sequence.chains()) {
        if (chainNumber > 0) {
            // The linker belongs to the previous chain's numbering block, as in fair-esm.
            for (int i = 0; i < kChainLinkerLength; ++i) {
                input.aatype.push_back(residue::restypeIndex('G'));
                input.residueIndex.push_back(static_cast<long>(input.aatype.size() - 1) + offset -
                                             kChainResidueOffset);
                input.linker.push_back(true);
                input.chainOf.push_back(-1);
            }
        }
        for (char letter : chain) {
            input.aatype.push_back(residue::restypeIndex(letter));
            input.residueIndex.push_back(static_cast<long>(input.aatype.size() - 1) + offset);
            input.linker.push_back(false);
            input.chainOf.push_back(chainNumber);
        }
        input.chains.emplace_back(chain);
        offset += kChainResidueOffset;
        ++chainNumber;
    }
    return input;
}

} // namespace esm
