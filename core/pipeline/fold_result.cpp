#include "core/pipeline/fold_result.h"

#include "core/base/error.h"
#include "core/structure/residue_constants.h"
#include "core/structure/residue_names.h"

#include <cstring>

namespace esm {
namespace {

// An output field as doubles (float32 or float64) or integers, with its shape checked.
class Field {
  public:
    Field(const std::vector<OwnedTensor>& outputs, const std::string& name) {
        for (const auto& t : outputs)
            if (t.name == name)
                tensor_ = &t;
        if (!tensor_)
            throw Error("fold output '" + name + "' is missing");
    }
    double at(std::size_t i) const {
        switch (tensor_->type) {
        case ElementType::F32:
            return tensor_->as<float>()[i];
        case ElementType::F64:
            return tensor_->as<double>()[i];
        case ElementType::I64:
            return double(tensor_->as<std::int64_t>()[i]);
        default:
            throw Error("fold output '" + tensor_->name + "' has an unexpected element type");
        }
    }
    const std::vector<std::int64_t>& shape() const { return tensor_->shape; }

  private:
    const OwnedTensor* tensor_ = nullptr;
};

std::string chainId(int chain) {
    static const std::string ids = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    return std::string(1, ids[static_cast<std::size_t>(chain) % ids.size()]);
}

} // namespace

FoldResult foldResultFromOutputs(const std::string& sequence, const FoldInput& input,
                                 const std::vector<OwnedTensor>& outputs, double ptm) {
    const Field positions(outputs, "positions"), exists(outputs, "atom37_atom_exists"),
        toAtom14(outputs, "residx_atom37_to_atom14"), plddt(outputs, "plddt"),
        pae(outputs, "predicted_aligned_error"), maxPae(outputs, "max_predicted_aligned_error");
    const std::size_t n = input.length();
    if (positions.shape().size() != 4 || std::size_t(positions.shape()[1]) != n)
        throw Error("fold output 'positions' does not match the sequence length");
    const std::size_t lastBlock = std::size_t(positions.shape()[0] - 1) * n * residue::kAtom14 * 3;
    const auto& atomNames = residue::atomTypes();

    FoldResult result;
    result.sequence = sequence;
    Structure& s = result.structure;
    s.confidence = Confidence::PLDDT;
    s.addConformer(1);
    double plddtSum = 0, atoms = 0;
    int chain = -1, number = 0;
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < n; ++i) {
        if (input.linker[i])
            continue;
        kept.push_back(i);
        if (input.chainOf[i] != chain) {
            chain = input.chainOf[i];
            s.addChain(chainId(chain));
            number = 0;
        }
        ++number;
        result.plddt.push_back(float(100.0 * plddt.at(i * residue::kAtom37 + 1))); // CA
        bool residueAdded = false;
        for (std::size_t a = 0; a < residue::kAtom37; ++a) {
            const std::size_t k = i * residue::kAtom37 + a;
            if (exists.at(k) < 0.5)
                continue; // X residues have no atoms and, as in HuggingFace's output, no records
            if (!residueAdded) {
                s.addResidue(std::string(threeLetterCode(residue::restypeLetter(int(input.aatype[i])))),
                             number, ' ', false);
                residueAdded = true;
            }
            const std::size_t slot = std::size_t(toAtom14.at(k));
            const std::size_t p = lastBlock + (i * residue::kAtom14 + slot) * 3;
            const double confidence = 100.0 * plddt.at(k);
            const std::string name(atomNames[a]);
            s.addAtom({name,
                       name.substr(0, 1),
                       {positions.at(p), positions.at(p + 1), positions.at(p + 2)},
                       1.0f,
                       confidence,
                       0});
            plddtSum += confidence;
            atoms += 1;
        }
    }
    result.residues = kept.size();
    result.meanPlddt = atoms > 0 ? plddtSum / atoms : 0.0;
    result.pae.reserve(kept.size() * kept.size());
    for (std::size_t i : kept)
        for (std::size_t j : kept)
            result.pae.push_back(float(pae.at(i * n + j)));
    result.ptm = ptm;
    result.maxPae = maxPae.at(0);
    return result;
}

} // namespace esm
