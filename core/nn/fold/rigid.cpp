// Follows openfold/utils/rigid_utils.py as shipped in transformers/models/esm/openfold_utils.
#include "core/nn/fold/rigid.h"

namespace esm::nn {
namespace {

// _QTR_MAT: the rotation matrix entries as quadratic forms of the quaternion (float64, CPU).
at::Tensor makeQuaternionToMatrixTable() {
    double m[4][4][3][3] = {};
    auto set = [&](int i, int j, std::initializer_list<std::pair<const char*, double>> pairs) {
        for (auto [key, value] : pairs)
            m[key[0] - 'a'][key[1] - 'a'][i][j] = value;
    };
    set(0, 0, {{"aa", 1}, {"bb", 1}, {"cc", -1}, {"dd", -1}});
    set(0, 1, {{"bc", 2}, {"ad", -2}});
    set(0, 2, {{"bd", 2}, {"ac", 2}});
    set(1, 0, {{"bc", 2}, {"ad", 2}});
    set(1, 1, {{"aa", 1}, {"bb", -1}, {"cc", 1}, {"dd", -1}});
    set(1, 2, {{"cd", 2}, {"ab", -2}});
    set(2, 0, {{"bd", 2}, {"ac", -2}});
    set(2, 1, {{"cd", 2}, {"ab", 2}});
    set(2, 2, {{"aa", 1}, {"bb", -1}, {"cc", -1}, {"dd", 1}});
    return at::from_blob(m, {4, 4, 3, 3}, at::kDouble).clone(); // from_blob views this stack array
}

// Built once, as openfold keeps _QTR_MAT as a module constant; converted per call (a no-op for
// float64 on the CPU).
at::Tensor quaternionToMatrixTable(const at::TensorOptions& options) {
    static const at::Tensor table = makeQuaternionToMatrixTable();
    return table.to(options.device(), options.dtype());
}

// _QUAT_MULTIPLY_BY_VEC: the product of a quaternion and a pure-vector quaternion (float64, CPU).
at::Tensor makeQuaternionTimesVectorTable() {
    const double full[4][4][4] = {
        // full[i][j][k]: coefficient of q1_i * q2_j in component k
        {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}},
        {{0, 1, 0, 0}, {-1, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, -1, 0}},
        {{0, 0, 1, 0}, {0, 0, 0, -1}, {-1, 0, 0, 0}, {0, 1, 0, 0}},
        {{0, 0, 0, 1}, {0, 0, 1, 0}, {0, -1, 0, 0}, {-1, 0, 0, 0}},
    };
    double byVector[4][3][4];
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 4; ++k)
                byVector[i][j][k] = full[i][j + 1][k];
    return at::from_blob(byVector, {4, 3, 4}, at::kDouble).clone();
}

at::Tensor quaternionTimesVectorTable(const at::TensorOptions& options) {
    static const at::Tensor table = makeQuaternionTimesVectorTable();
    return table.to(options.device(), options.dtype());
}

at::Tensor quat_to_rot(const at::Tensor& quat) {
    const at::Tensor outer = quat.unsqueeze(-1) * quat.unsqueeze(-2); // [*, 4, 4]
    const at::Tensor table = quaternionToMatrixTable(quat.options());
    return (outer.unsqueeze(-1).unsqueeze(-1) * table).sum({-3, -4}); // [*, 3, 3]
}

at::Tensor quat_multiply_by_vec(const at::Tensor& quat, const at::Tensor& vec) {
    const at::Tensor table = quaternionTimesVectorTable(quat.options());
    return (table * quat.unsqueeze(-1).unsqueeze(-1) * vec.unsqueeze(-2).unsqueeze(-1)).sum({-3, -2});
}

at::Tensor normalized(const at::Tensor& quats) {
    return quats / at::linalg_norm(quats, c10::nullopt, {-1}, true);
}

} // namespace

at::Tensor rot_matmul(const at::Tensor& a, const at::Tensor& b) {
    auto e = [](const at::Tensor& m, int i, int j) { return m.select(-2, i).select(-1, j); };
    std::vector<at::Tensor> rows;
    for (int i = 0; i < 3; ++i) {
        std::vector<at::Tensor> row;
        for (int j = 0; j < 3; ++j)
            row.push_back(e(a, i, 0) * e(b, 0, j) + e(a, i, 1) * e(b, 1, j) + e(a, i, 2) * e(b, 2, j));
        rows.push_back(at::stack(row, -1));
    }
    return at::stack(rows, -2);
}

at::Tensor rot_vec_mul(const at::Tensor& r, const at::Tensor& t) {
    const auto xyz = t.unbind(-1);
    auto e = [&](int i, int j) { return r.select(-2, i).select(-1, j); };
    return at::stack({e(0, 0) * xyz[0] + e(0, 1) * xyz[1] + e(0, 2) * xyz[2],
                      e(1, 0) * xyz[0] + e(1, 1) * xyz[1] + e(1, 2) * xyz[2],
                      e(2, 0) * xyz[0] + e(2, 1) * xyz[1] + e(2, 2) * xyz[2]},
                     -1);
}

Rotation Rotation::from_quats(const at::Tensor& quats, bool normalize_quats) {
    Rotation r;
    r.quats_ = normalize_quats ? normalized(quats) : quats;
    return r;
}

Rotation Rotation::from_rot_mats(const at::Tensor& rot_mats) {
    Rotation r;
    r.rot_mats_ = rot_mats;
    return r;
}

Rotation Rotation::identity_quats(at::IntArrayRef shape, const at::TensorOptions& options) {
    std::vector<std::int64_t> size(shape.begin(), shape.end());
    size.push_back(4);
    at::Tensor q = at::zeros(size, options);
    q.select(-1, 0).fill_(1);
    return from_quats(q, false);
}

at::Tensor Rotation::get_rot_mats() const {
    return rot_mats_.defined() ? rot_mats_ : quat_to_rot(quats_);
}

const at::Tensor& Rotation::get_quats() const {
    TORCH_CHECK(quats_.defined(), "rotation is stored as matrices, not quaternions");
    return quats_;
}

Rotation Rotation::compose_q_update_vec(const at::Tensor& q_update_vec) const {
    const at::Tensor& quats = get_quats();
    return from_quats(quats + quat_multiply_by_vec(quats, q_update_vec), true);
}

Rotation Rotation::compose_r(const Rotation& r) const {
    return from_rot_mats(rot_matmul(get_rot_mats(), r.get_rot_mats()));
}

at::Tensor Rotation::apply(const at::Tensor& pts) const {
    return rot_vec_mul(get_rot_mats(), pts);
}

at::Tensor Rotation::invert_apply(const at::Tensor& pts) const {
    return rot_vec_mul(get_rot_mats().transpose(-1, -2), pts);
}

Rotation Rotation::unsqueeze(std::int64_t dim) const {
    Rotation r;
    if (rot_mats_.defined())
        r.rot_mats_ = rot_mats_.unsqueeze(dim >= 0 ? dim : dim - 2);
    else
        r.quats_ = quats_.unsqueeze(dim >= 0 ? dim : dim - 1);
    return r;
}

Rotation Rotation::detach() const {
    Rotation r;
    r.rot_mats_ = rot_mats_.defined() ? rot_mats_.detach() : at::Tensor();
    r.quats_ = quats_.defined() ? quats_.detach() : at::Tensor();
    return r;
}

Rigid Rigid::identity_quats(at::IntArrayRef shape, const at::TensorOptions& options) {
    std::vector<std::int64_t> size(shape.begin(), shape.end());
    size.push_back(3);
    return {Rotation::identity_quats(shape, options), at::zeros(size, options)};
}

Rigid Rigid::from_tensor_4x4(const at::Tensor& t) {
    return {Rotation::from_rot_mats(t.slice(-2, 0, 3).slice(-1, 0, 3)), t.slice(-2, 0, 3).select(-1, 3)};
}

Rigid Rigid::cat(const std::vector<Rigid>& rigids, std::int64_t dim) {
    std::vector<at::Tensor> rots, trans;
    for (const auto& r : rigids) {
        rots.push_back(r.rots_.get_rot_mats());
        trans.push_back(r.trans_);
    }
    return {Rotation::from_rot_mats(at::cat(rots, dim >= 0 ? dim : dim - 2)),
            at::cat(trans, dim >= 0 ? dim : dim - 1)};
}

Rigid Rigid::compose_q_update_vec(const at::Tensor& q_update_vec) const {
    const at::Tensor q = q_update_vec.slice(-1, 0, 3), t = q_update_vec.slice(-1, 3, 6);
    return {rots_.compose_q_update_vec(q), trans_ + rots_.apply(t)};
}

Rigid Rigid::compose(const Rigid& r) const {
    return {rots_.compose_r(r.rots_), rots_.apply(r.trans_) + trans_};
}

at::Tensor Rigid::apply(const at::Tensor& pts) const {
    return rots_.apply(pts) + trans_;
}

at::Tensor Rigid::invert_apply(const at::Tensor& pts) const {
    return rots_.invert_apply(pts - trans_);
}

Rigid Rigid::scale_translation(double factor) const {
    return {rots_, trans_ * factor};
}

Rigid Rigid::unsqueeze(std::int64_t dim) const {
    return {rots_.unsqueeze(dim), trans_.unsqueeze(dim >= 0 ? dim : dim - 1)};
}

Rigid Rigid::select_last(std::int64_t index) const {
    return {Rotation::from_rot_mats(rots_.get_rot_mats().select(-3, index)), trans_.select(-2, index)};
}

Rigid Rigid::gather_last(const at::Tensor& indices) const {
    // indices: [*, K] into the last batch dimension [*, G] -> [*, K]
    const at::Tensor rots = rots_.get_rot_mats();
    std::vector<std::int64_t> size = indices.sizes().vec();
    size.push_back(3);
    const at::Tensor idxT = indices.unsqueeze(-1).expand(size);
    size.push_back(3);
    const at::Tensor idx3 = indices.unsqueeze(-1).unsqueeze(-1).expand(size);
    return {Rotation::from_rot_mats(at::gather(rots, -3, idx3)), at::gather(trans_, -2, idxT)};
}

at::Tensor Rigid::to_tensor_7() const {
    return at::cat({rots_.get_quats(), trans_}, -1);
}

at::Tensor Rigid::to_tensor_4x4() const {
    std::vector<std::int64_t> size = trans_.sizes().vec();
    size.back() = 4;
    size.push_back(4);
    at::Tensor t = at::zeros(size, trans_.options());
    t.slice(-2, 0, 3).slice(-1, 0, 3).copy_(rots_.get_rot_mats());
    t.slice(-2, 0, 3).select(-1, 3).copy_(trans_);
    t.select(-2, 3).select(-1, 3).fill_(1);
    return t;
}

} // namespace esm::nn
