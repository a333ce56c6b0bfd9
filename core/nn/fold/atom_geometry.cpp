// Follows openfold/utils/feats.py (torsion_angles_to_frames, frames_and_literature_positions_to_atom14_pos,
// atom14_to_atom37) and data_transforms.make_atom14_masks.
#include "core/nn/fold/atom_geometry.h"

#include "core/structure/residue_constants.h"

namespace esm::nn {
namespace {

template <typename Table>
at::Tensor tableTensor(const Table& table, std::vector<std::int64_t> shape, at::ScalarType stored) {
    auto t = at::empty(shape, at::TensorOptions().dtype(stored));
    std::memcpy(t.data_ptr(), &table, t.nbytes());
    return t;
}

} // namespace

ResidueTables ResidueTables::make(at::ScalarType dtype, at::Device device) {
    using namespace esm::residue;
    const DerivedTables& d = derivedTables();
    constexpr std::int64_t R = kRestypeCountWithX;
    ResidueTables t;
    // openfold stores these float32 tables and converts them to the model dtype.
    t.defaultFrames =
        tableTensor(d.rigidGroupDefaultFrame, {R, kRigidGroups, 4, 4}, at::kFloat).to(device, dtype);
    t.atom14Mask = tableTensor(d.atom14Mask, {R, kAtom14}, at::kFloat).to(device, dtype);
    t.atom14GroupPositions =
        tableTensor(d.atom14RigidGroupPositions, {R, kAtom14, 3}, at::kFloat).to(device, dtype);
    t.atom14ToRigidGroup = tableTensor(d.atom14ToRigidGroup, {R, kAtom14}, at::kInt).to(device, at::kLong);
    t.atom14ToAtom37 = tableTensor(d.atom14ToAtom37, {R, kAtom14}, at::kInt).to(device, at::kLong);
    t.atom37ToAtom14 = tableTensor(d.atom37ToAtom14, {R, kAtom37}, at::kInt).to(device, at::kLong);
    t.atom37Mask = tableTensor(d.atom37Mask, {R, kAtom37}, at::kFloat).to(device);
    return t;
}

Rigid torsion_angles_to_frames(const Rigid& r, const at::Tensor& alpha, const at::Tensor& aatype,
                               const ResidueTables& tables) {
    const Rigid defaults = Rigid::from_tensor_4x4(tables.defaultFrames.index({aatype})); // [*, N, 8]
    // The backbone group gets the identity angle (sin 0, cos 1).
    std::vector<std::int64_t> bbShape = alpha.sizes().vec();
    bbShape[bbShape.size() - 2] = 1;
    at::Tensor backbone = at::zeros(bbShape, alpha.options());
    backbone.select(-1, 1).fill_(1);
    const at::Tensor angles = at::cat({backbone, alpha}, -2); // [*, N, 8, 2]

    std::vector<std::int64_t> rotShape = angles.sizes().vec();
    rotShape.back() = 3;
    rotShape.push_back(3);
    at::Tensor rots = at::zeros(rotShape, alpha.options());
    rots.select(-2, 0).select(-1, 0).fill_(1);
    rots.select(-2, 1).select(-1, 1).copy_(angles.select(-1, 1));
    rots.select(-2, 1).select(-1, 2).copy_(-angles.select(-1, 0));
    rots.select(-2, 2).slice(-1, 1, 3).copy_(angles);

    std::vector<std::int64_t> transShape = angles.sizes().vec();
    transShape.back() = 3;
    const Rigid all =
        defaults.compose(Rigid(Rotation::from_rot_mats(rots), at::zeros(transShape, alpha.options())));

    // Side-chain frames chain onto each other: chi2 -> chi1 -> backbone, and so on.
    const Rigid chi2 = all.select_last(4).compose(all.select_last(5));
    const Rigid chi3 = chi2.compose(all.select_last(6));
    const Rigid chi4 = chi3.compose(all.select_last(7));
    const Rigid firstFive(Rotation::from_rot_mats(all.get_rots().get_rot_mats().slice(-3, 0, 5)),
                          all.get_trans().slice(-2, 0, 5));
    const Rigid toBackbone =
        Rigid::cat({firstFive, chi2.unsqueeze(-1), chi3.unsqueeze(-1), chi4.unsqueeze(-1)}, -1);
    return r.unsqueeze(-1).compose(toBackbone);
}

at::Tensor frames_and_literature_positions_to_atom14_pos(const Rigid& frames, const at::Tensor& aatype,
                                                         const ResidueTables& tables) {
    const at::Tensor groups = tables.atom14ToRigidGroup.index({aatype}); // [*, N, 14]
    const Rigid atomFrames = frames.gather_last(groups);
    const at::Tensor positions = atomFrames.apply(tables.atom14GroupPositions.index({aatype}));
    return positions * tables.atom14Mask.index({aatype}).unsqueeze(-1);
}

AtomMasks make_atom14_masks(const at::Tensor& aatype, const ResidueTables& tables) {
    return {tables.atom14Mask.index({aatype}).to(at::kFloat), tables.atom14ToAtom37.index({aatype}),
            tables.atom37ToAtom14.index({aatype}), tables.atom37Mask.index({aatype})};
}

at::Tensor atom14_to_atom37(const at::Tensor& atom14, const AtomMasks& masks) {
    std::vector<std::int64_t> size = masks.residx_atom37_to_atom14.sizes().vec();
    size.push_back(atom14.size(-1));
    const at::Tensor index = masks.residx_atom37_to_atom14.unsqueeze(-1).expand(size);
    return at::gather(atom14, -2, index) * masks.atom37_atom_exists.unsqueeze(-1).to(atom14.scalar_type());
}

} // namespace esm::nn
