// From torsion angles to atoms (openfold feats.py, data_transforms.make_atom14_masks): the
// residue-constant tables as tensors, rigid-group frames, atom14 positions, atom14 <-> atom37.
#pragma once

#include "core/nn/fold/rigid.h"

namespace esm::nn {

// The residue-constant tables on a device and in a dtype, built once per model.
struct ResidueTables {
    at::Tensor defaultFrames;        // [21, 8, 4, 4]
    at::Tensor atom14ToRigidGroup;   // [21, 14] int64
    at::Tensor atom14Mask;           // [21, 14]
    at::Tensor atom14GroupPositions; // [21, 14, 3]
    at::Tensor atom14ToAtom37;       // [21, 14] int64
    at::Tensor atom37ToAtom14;       // [21, 37] int64
    at::Tensor atom37Mask;           // [21, 37] float32

    static ResidueTables make(at::ScalarType dtype, at::Device device);
};

// backbone frames r [*, N] (rotation matrices), angles [*, N, 7, 2] (sin, cos) -> [*, N, 8] frames
Rigid torsion_angles_to_frames(const Rigid& r, const at::Tensor& alpha, const at::Tensor& aatype,
                               const ResidueTables& tables);
// frames [*, N, 8] -> atom14 positions [*, N, 14, 3] (zero where a residue has no such atom)
at::Tensor frames_and_literature_positions_to_atom14_pos(const Rigid& frames, const at::Tensor& aatype,
                                                         const ResidueTables& tables);

struct AtomMasks {
    at::Tensor atom14_atom_exists;      // [*, N, 14] float32
    at::Tensor residx_atom14_to_atom37; // [*, N, 14] int64
    at::Tensor residx_atom37_to_atom14; // [*, N, 37] int64
    at::Tensor atom37_atom_exists;      // [*, N, 37] float32
};
AtomMasks make_atom14_masks(const at::Tensor& aatype, const ResidueTables& tables);

// atom14 data [*, N, 14, C] -> atom37 [*, N, 37, C], zero where the atom does not exist
at::Tensor atom14_to_atom37(const at::Tensor& atom14, const AtomMasks& masks);

} // namespace esm::nn
