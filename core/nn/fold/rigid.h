// openfold's Rotation and Rigid (rigid_utils.py) as small value types over tensors, with the same
// method names. Unlike openfold they keep the dtype they are given (openfold forces float32), so a
// float64 model stays float64 throughout; callers pass float32 for HuggingFace's behaviour.
#pragma once

#include "core/nn/torch_includes.h"

namespace esm::nn {

class Rotation {
  public:
    static Rotation from_quats(const at::Tensor& quats, bool normalize_quats); // [*, 4], (w, x, y, z)
    static Rotation from_rot_mats(const at::Tensor& rot_mats);                 // [*, 3, 3]
    static Rotation identity_quats(at::IntArrayRef shape, const at::TensorOptions& options);

    at::Tensor get_rot_mats() const;
    const at::Tensor& get_quats() const; // quaternion-format rotations only
    bool is_quat() const { return quats_.defined(); }

    // (1, x, y, z) update of a quaternion rotation, renormalised.
    Rotation compose_q_update_vec(const at::Tensor& q_update_vec) const;
    Rotation compose_r(const Rotation& r) const;
    at::Tensor apply(const at::Tensor& pts) const;
    at::Tensor invert_apply(const at::Tensor& pts) const;
    Rotation unsqueeze(std::int64_t dim) const; // dim over the rotation's own (batch) shape
    Rotation detach() const;

  private:
    at::Tensor rot_mats_, quats_;
};

class Rigid {
  public:
    Rigid(Rotation rots, at::Tensor trans) : rots_(std::move(rots)), trans_(std::move(trans)) {}
    static Rigid identity_quats(at::IntArrayRef shape, const at::TensorOptions& options);
    static Rigid from_tensor_4x4(const at::Tensor& t);
    static Rigid cat(const std::vector<Rigid>& rigids, std::int64_t dim);

    const Rotation& get_rots() const { return rots_; }
    const at::Tensor& get_trans() const { return trans_; }

    Rigid compose_q_update_vec(const at::Tensor& q_update_vec) const; // [*, 6]
    Rigid compose(const Rigid& r) const;
    at::Tensor apply(const at::Tensor& pts) const;
    at::Tensor invert_apply(const at::Tensor& pts) const;
    Rigid scale_translation(double factor) const;
    Rigid unsqueeze(std::int64_t dim) const;
    // The frames of one index of the last batch dimension (Rigid[..., i]).
    Rigid select_last(std::int64_t index) const;
    // Rigid[..., indices] along the last batch dimension, with a per-element index tensor.
    Rigid gather_last(const at::Tensor& indices) const;
    Rigid stop_rot_gradient() const { return {rots_.detach(), trans_}; }
    // A rigid whose rotation is stored as matrices (openfold converts before torsion frames).
    Rigid with_rot_mats() const { return {Rotation::from_rot_mats(rots_.get_rot_mats()), trans_}; }

    at::Tensor to_tensor_7() const;   // quaternion + translation
    at::Tensor to_tensor_4x4() const; // homogeneous matrices

  private:
    Rotation rots_;
    at::Tensor trans_;
};

at::Tensor rot_matmul(const at::Tensor& a, const at::Tensor& b);
at::Tensor rot_vec_mul(const at::Tensor& r, const at::Tensor& t);

} // namespace esm::nn
